/**
 * Reference data (institutions, locations, categories): what a report may name. The
 * operator's own file (`LAPOR_REFERENCE`, same shape as demo/seed-data.json) or the demo's
 * Banyuwangi data is upserted by id at start, so importing it on every start is safe and a
 * changed file takes effect at the next start.
 */
import { readFileSync } from 'node:fs';
import type { Category, Institution, Location } from '../src/contract/index.js';
import type { Db } from './db/index.js';
import { centersFrom, type GeoPoint } from './services/locate.js';
import { fold } from './routes/reference.js';

export interface ReferenceData {
  /** The regency or province these institutions serve (LAPOR!'s institution names are matched within it). */
  regency?: { name?: string };
  institutions: Institution[];
  /** `center` (optional): where the place is, for "Gunakan lokasi saya" (services/locate.ts). */
  locations: Array<Location & { center?: GeoPoint }>;
  categories: Category[];
}

export function readReferenceFile(path: string | URL): ReferenceData {
  let data: ReferenceData;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as ReferenceData;
  } catch (err) {
    throw new Error(`LAPOR_REFERENCE: cannot read ${String(path)}: ${(err as Error).message}`);
  }
  for (const table of ['institutions', 'locations', 'categories'] as const) {
    if (!Array.isArray(data[table])) throw new Error(`LAPOR_REFERENCE: ${String(path)} has no "${table}" array`);
  }
  centersFrom(data.locations);
  return data;
}

/** `position` is the row's index in the file: the order lists are served in. */
export async function importReference(db: Db, data: ReferenceData): Promise<void> {
  await db.transaction(async () => {
    for (const [n, i] of data.institutions.entries()) {
      await db.run(
        `INSERT INTO institutions (id, name, kind, time_zone, parent_id, search, position) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, time_zone = excluded.time_zone,
         parent_id = excluded.parent_id, search = excluded.search, position = excluded.position`,
        [i.id, i.name, i.kind, i.timeZone, i.parentId ?? null, fold(i.name), n],
      );
    }
    for (const [n, l] of data.locations.entries()) {
      await db.run(
        `INSERT INTO locations (id, name, path, kind, search, position) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, path = excluded.path, kind = excluded.kind,
         search = excluded.search, position = excluded.position`,
        [l.id, l.name, l.path, l.kind, fold(l.path), n],
      );
    }
    for (const [n, c] of data.categories.entries()) {
      await db.run(
        `INSERT INTO categories (id, name_id, name_en, parent_id, position) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name_id = excluded.name_id, name_en = excluded.name_en, parent_id = excluded.parent_id,
         position = excluded.position`,
        [c.id, c.name.id, c.name.en, c.parentId ?? null, n],
      );
    }
  });
}
