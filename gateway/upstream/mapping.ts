/**
 * Our ids → LAPOR!'s numeric ids, from the LAPOR_UPSTREAM_MAP file (shape pinned in
 * DESIGN.md; each table may have a "default"), plus institutions matched by name against
 * LAPOR!'s masters list. A report whose ids cannot all be mapped is not sent: resolve()
 * says which table and key are missing, and the forwarder parks it with that reason.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { UpstreamInstitution, UpstreamInstitutionRef } from './adapter.js';

const Table = z.record(z.string(), z.number().int().positive());
export const LaporMap = z.strictObject({
  channel: Table.optional(),
  classification: Table.optional(),
  category: Table.optional(),
  location: Table.optional(),
  institution: Table.optional(),
});
export type LaporMap = z.infer<typeof LaporMap>;
export type MapTable = keyof LaporMap;

export function loadLaporMap(path: string): LaporMap {
  const parsed = LaporMap.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`LAPOR_UPSTREAM_MAP (${path}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export interface MappableReport {
  site_key: string;
  channel: string;
  classification: string;
  category_id: string | null;
  location_json: string;
  institution_id: string | null;
}

export interface MappedIds {
  channel: number;
  classificationId: number;
  categoryId: number;
  locationId: number;
  dispositionId: number;
}

export type Resolution = { ok: true; ids: MappedIds } | { ok: false; table: MapTable; key: string };

/** `cat-a.b` falls back to its parent `cat-a` before the table's default. */
function lookup(table: Record<string, number> | undefined, keys: (string | null | undefined)[]): number | undefined {
  for (const k of keys) if (k && table?.[k] !== undefined) return table[k];
  return table?.default;
}

export function resolveIds(map: LaporMap, synced: ReadonlyMap<string, number>, r: MappableReport): Resolution {
  const locationId = (JSON.parse(r.location_json) as { locationId?: string }).locationId ?? null;
  const parent = r.category_id?.includes('.') ? r.category_id.slice(0, r.category_id.indexOf('.')) : null;
  const institution = (r.institution_id ? institutionFor(map, synced, r.institution_id) : undefined) ?? map.institution?.default;
  const found: [MapTable, string, number | undefined][] = [
    ['channel', r.site_key, lookup(map.channel, [r.site_key, r.channel])],
    ['classification', r.classification, lookup(map.classification, [r.classification])],
    ['category', r.category_id ?? '(none)', lookup(map.category, [r.category_id, parent])],
    ['location', locationId ?? '(none)', lookup(map.location, [locationId])],
    ['institution', r.institution_id ?? '(none)', institution],
  ];
  for (const [table, key, value] of found) if (value === undefined) return { ok: false, table, key };
  const [channel, classificationId, categoryId, locationIdN, dispositionId] = found.map((f) => f[2]!) as [number, number, number, number, number];
  return { ok: true, ids: { channel, classificationId, categoryId, locationId: locationIdN, dispositionId } };
}

/** The LAPOR! institution id for one of ours, for forwards (file first, then the sync). */
export function institutionFor(map: LaporMap, synced: ReadonlyMap<string, number>, ourId: string): number | undefined {
  return map.institution?.[ourId] ?? synced.get(ourId);
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface InstitutionMatch {
  matched: Map<string, number>;
  /** Our institutions with no LAPOR! name, or with more than one. */
  unmatched: { id: string; name: string; candidates: number }[];
}

/**
 * LAPOR! names a regency's bodies with or without the regency ("Dinas Kesehatan
 * Kabupaten Banyuwangi"), in any case: compare both, and accept only a single hit.
 */
export function matchInstitutions(ours: { id: string; name: string }[], theirs: UpstreamInstitution[], regencyName: string): InstitutionMatch {
  const byName = new Map<string, number[]>();
  for (const t of theirs) {
    const key = norm(t.name);
    byName.set(key, [...(byName.get(key) ?? []), t.id]);
  }
  const matched = new Map<string, number>();
  const unmatched: InstitutionMatch['unmatched'] = [];
  for (const o of ours) {
    const hits = [...new Set([...(byName.get(norm(o.name)) ?? []), ...(byName.get(norm(`${o.name} ${regencyName}`)) ?? [])])];
    if (hits.length === 1) matched.set(o.id, hits[0]!);
    else unmatched.push({ id: o.id, name: o.name, candidates: hits.length });
  }
  return { matched, unmatched };
}

/**
 * The reverse, for what LAPOR! says: the institution a disposition names → ours. By
 * LAPOR!'s id first (the map file, then the masters sync), else by name the way
 * matchInstitutions compares them; undefined when none or several of ours fit.
 */
export function ourInstitution(
  map: LaporMap,
  synced: ReadonlyMap<string, number>,
  ours: { id: string; name: string }[],
  regencyName: string,
  ref: UpstreamInstitutionRef,
): string | undefined {
  if (ref.id !== undefined) {
    for (const [k, v] of Object.entries(map.institution ?? {})) if (k !== 'default' && v === ref.id) return k;
    for (const [k, v] of synced) if (v === ref.id) return k;
  }
  const name = norm(ref.name);
  const hits = ours.filter((o) => norm(o.name) === name || norm(`${o.name} ${regencyName}`) === name);
  return hits.length === 1 ? hits[0]!.id : undefined;
}
