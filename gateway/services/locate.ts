/**
 * Where a point falls: "Gunakan lokasi saya" in the widget and a shared WhatsApp location
 * become a place a citizen can read and check ("Sekitar Kecamatan Genteng") instead of
 * "-8.3477, 114.1484".
 *
 * The reference data gives the centre of a place (`locations[].center`), not its
 * boundary: boundary files for every desa are large and no official one is bundled. So a
 * point goes to the nearest kecamatan centre (a Voronoi cell of the centres, which is
 * wrong by a few kilometres near a border: the answer is always shown as "sekitar" and the
 * citizen can change it), then, within that kecamatan, to a desa/kelurahan whose centre
 * is known and close. Farther than `maxKm` from every kecamatan centre is outside the area
 * this gateway serves: no match, rather than the nearest kecamatan of another regency.
 */
import type { Location } from '../../src/contract/index.js';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface PlaceMatch {
  /** The most precise place known: a desa/kelurahan when one is close enough, else the kecamatan. */
  location: Location;
  kecamatan: Location;
  /** From the point to `location`'s centre, rounded to 0.1 km. */
  distanceKm: number;
}

export interface LocatorOptions {
  /** Beyond this from every kecamatan centre, a point is outside the area (km). */
  maxKm?: number;
  /** A desa/kelurahan is named only when its centre is this close (km). */
  villageKm?: number;
}

/** A largest Banyuwangi kecamatan (Tegaldlimo, Pesanggaran) reaches ~20 km from its centre. */
const DEFAULT_MAX_KM = 25;
const DEFAULT_VILLAGE_KM = 2.5;
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine): exact enough at a regency's scale. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

interface Placed {
  location: Location;
  center: GeoPoint;
}

export class Locator {
  readonly #kecamatan: Placed[] = [];
  /** Desa/kelurahan with a known centre, by the id of their kecamatan. */
  readonly #villages = new Map<string, Placed[]>();
  readonly #maxKm: number;
  readonly #villageKm: number;

  /**
   * @param locations every known location (the served list)
   * @param centers   location id → centre, from the reference file
   */
  constructor(locations: Iterable<Location>, centers: ReadonlyMap<string, GeoPoint>, options: LocatorOptions = {}) {
    this.#maxKm = options.maxKm ?? DEFAULT_MAX_KM;
    this.#villageKm = options.villageKm ?? DEFAULT_VILLAGE_KM;
    const all = [...locations];
    const kecamatanByName = new Map(all.filter((l) => l.kind === 'kecamatan').map((l) => [l.name, l]));
    for (const location of all) {
      const center = centers.get(location.id);
      if (!center) continue;
      if (location.kind === 'kecamatan') this.#kecamatan.push({ location, center });
      else if (location.kind === 'desa' || location.kind === 'kelurahan') {
        // "Desa Kemiren, Kecamatan Glagah, Kabupaten Banyuwangi": the path names the kecamatan.
        const parent = location.path.split(',').map((part) => kecamatanByName.get(part.trim())).find(Boolean);
        if (!parent) continue;
        const list = this.#villages.get(parent.id) ?? [];
        list.push({ location, center });
        this.#villages.set(parent.id, list);
      }
    }
  }

  /** Whether any place has a centre: without one, every point is "unknown". */
  get size(): number {
    return this.#kecamatan.length;
  }

  locate(point: GeoPoint): PlaceMatch | null {
    const kecamatan = nearest(this.#kecamatan, point);
    if (!kecamatan || kecamatan.km > this.#maxKm) return null;
    const village = nearest(this.#villages.get(kecamatan.place.location.id) ?? [], point);
    const best = village && village.km <= this.#villageKm ? village : kecamatan;
    return { location: best.place.location, kecamatan: kecamatan.place.location, distanceKm: Math.round(best.km * 10) / 10 };
  }
}

function nearest(places: readonly Placed[], point: GeoPoint): { place: Placed; km: number } | undefined {
  let best: { place: Placed; km: number } | undefined;
  for (const place of places) {
    const km = distanceKm(point, place.center);
    if (!best || km < best.km) best = { place, km };
  }
  return best;
}

/** Centres named in a reference file (`locations[].center`), checked: a bad one stops the start. */
export function centersFrom(locations: ReadonlyArray<{ id: string; center?: unknown }>): Map<string, GeoPoint> {
  const centers = new Map<string, GeoPoint>();
  for (const l of locations) {
    if (l.center === undefined) continue;
    const c = l.center as Partial<GeoPoint> | null;
    const ok = c && typeof c.lat === 'number' && typeof c.lng === 'number' && Math.abs(c.lat) <= 90 && Math.abs(c.lng) <= 180;
    if (!ok) throw new Error(`LAPOR_REFERENCE: location "${l.id}" has a center that is not {"lat": -90…90, "lng": -180…180}`);
    centers.set(l.id, { lat: c.lat!, lng: c.lng! });
  }
  return centers;
}
