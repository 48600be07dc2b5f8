/**
 * Reference data for Kabupaten Banyuwangi (institutions, locations, categories) and the
 * demo admin tokens. Idempotent: upserts by id, so running it on every start is safe.
 * The data is a copy in seed-data.json so that a clone without ../shared can seed.
 */
import { readFileSync } from 'node:fs';
import type { Category, Institution, Location } from '../../src/contract/index.js';
import type { Db } from './db.js';
import { fold } from './routes/reference.js';

interface SeedData {
  institutions: Institution[];
  locations: Location[];
  categories: Category[];
}

export function loadSeedData(): SeedData {
  return JSON.parse(readFileSync(new URL('./seed-data.json', import.meta.url), 'utf8')) as SeedData;
}

export function seed(db: Db, data: SeedData = loadSeedData()): void {
  const inst = db.prepare(`INSERT INTO institutions (id, name, kind, time_zone, parent_id, search) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, time_zone = excluded.time_zone,
    parent_id = excluded.parent_id, search = excluded.search`);
  const loc = db.prepare(`INSERT INTO locations (id, name, path, kind, search) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, path = excluded.path, kind = excluded.kind, search = excluded.search`);
  const cat = db.prepare(`INSERT INTO categories (id, name_id, name_en, parent_id, position) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET name_id = excluded.name_id, name_en = excluded.name_en, parent_id = excluded.parent_id,
    position = excluded.position`);
  db.transaction(() => {
    for (const i of data.institutions) inst.run(i.id, i.name, i.kind, i.timeZone, i.parentId ?? null, fold(i.name));
    for (const l of data.locations) loc.run(l.id, l.name, l.path, l.kind, fold(l.path));
    data.categories.forEach((c, n) => cat.run(c.id, c.name.id, c.name.en, c.parentId ?? null, n));
  })();
}
