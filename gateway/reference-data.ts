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
import { readServiceHours } from './services/service-hours.js';

/**
 * Where a report goes when the citizen leaves "Kantor yang dituju" to the officers: the
 * first rule whose category and location both match names the institution. `category`
 * matches that category and every category under it; `location` matches that location
 * and every location inside it (a desa is inside its kecamatan: its `path` ends with the
 * kecamatan's). A rule without one of them matches any. See gateway/README.md, "Routing".
 */
export interface RoutingRule {
  category?: string;
  location?: string;
  institution: string;
}

export interface ReferenceData {
  /** The regency or province these institutions serve (LAPOR!'s institution names are matched within it). */
  regency?: { name?: string };
  institutions: Institution[];
  /** `center` (optional): where the place is, for "Gunakan lokasi saya" (services/locate.ts). */
  locations: Array<Location & { center?: GeoPoint }>;
  categories: Category[];
  /** Routing at submit, in order (optional; without it a report without an institution waits for an officer). */
  routing?: RoutingRule[];
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
  checkRouting(data, String(path));
  return data;
}

/** Every id a rule names must be in the file: a typo would silently send reports nowhere. */
export function checkRouting(data: ReferenceData, source = 'reference data'): void {
  if (data.routing === undefined) return;
  if (!Array.isArray(data.routing)) throw new Error(`LAPOR_REFERENCE: ${source}: "routing" must be an array of rules`);
  const known = {
    institution: new Set(data.institutions.map((i) => i.id)),
    category: new Set(data.categories.map((c) => c.id)),
    location: new Set(data.locations.map((l) => l.id)),
  };
  data.routing.forEach((rule, n) => {
    const where = `${source}: routing rule ${n + 1}`;
    if (!rule || typeof rule !== 'object' || typeof rule.institution !== 'string') throw new Error(`LAPOR_REFERENCE: ${where} has no "institution"`);
    for (const field of ['institution', 'category', 'location'] as const) {
      const id = rule[field];
      if (id !== undefined && !known[field].has(id)) throw new Error(`LAPOR_REFERENCE: ${where} names an unknown ${field} "${id}"`);
    }
  });
}

/** `position` is the row's index in the file: the order lists are served in. */
export async function importReference(db: Db, data: ReferenceData): Promise<void> {
  checkRouting(data);
  // Service hours (issue 28) are checked before anything is written: one line names the fault.
  const hours = data.institutions.map((i, n) =>
    i.serviceHours === undefined || i.serviceHours === null ? null : JSON.stringify(readServiceHours(i.serviceHours, `LAPOR_REFERENCE: institutions[${n}] ("${i.id}").serviceHours`)),
  );
  await db.transaction(async () => {
    for (const [n, i] of data.institutions.entries()) {
      await db.run(
        `INSERT INTO institutions (id, name, kind, time_zone, parent_id, search, position, contact_json, service_hours_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, time_zone = excluded.time_zone,
         parent_id = excluded.parent_id, search = excluded.search, position = excluded.position, contact_json = excluded.contact_json,
         service_hours_json = excluded.service_hours_json`,
        [i.id, i.name, i.kind, i.timeZone, i.parentId ?? null, fold(i.name), n, i.contact ? JSON.stringify(i.contact) : null, hours[n]],
      );
    }
    // The rules are one ordered list: a file that has them replaces the stored list whole.
    if (data.routing) {
      await db.run('DELETE FROM routing_rules', []);
      for (const [n, rule] of data.routing.entries()) {
        await db.run('INSERT INTO routing_rules (position, category_id, location_id, institution_id) VALUES (?, ?, ?, ?)', [
          n,
          rule.category ?? null,
          rule.location ?? null,
          rule.institution,
        ]);
      }
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
