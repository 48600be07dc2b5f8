/**
 * `GET /v1/locations/at?lat=&lng=` ("Gunakan lokasi saya", a shared WhatsApp location).
 * Apart from reference.ts, which every page with the form loads: zod schemas are built at
 * module load, and this one is wanted only after a tap (the SDK imports it on demand).
 */
import * as z from 'zod/mini';
import { Location } from './reference.js';

/** The query: a point (a phone's position). */
export const LocationAtQuery = z.object({
  lat: z.coerce.number().check(z.gte(-90), z.lte(90)),
  lng: z.coerce.number().check(z.gte(-180), z.lte(180)),
});
export type LocationAtQuery = z.infer<typeof LocationAtQuery>;

/**
 * The place a point falls in, as words a citizen can check ("Sekitar Kecamatan Genteng").
 * Approximate: the gateway knows the centre of each place, not its boundary, so a point
 * is given to the nearest centre. `null` when the point is outside every place it knows.
 */
export const LocationMatch = z.object({
  match: z.nullable(
    z.object({
      /** The most precise place known: a desa/kelurahan when its centre is known, else the kecamatan. */
      location: Location,
      kecamatan: Location,
      /** From the point to `location`'s centre, rounded to 0.1 km. */
      distanceKm: z.number().check(z.gte(0)),
    }),
  ),
});
export type LocationMatch = z.infer<typeof LocationMatch>;
