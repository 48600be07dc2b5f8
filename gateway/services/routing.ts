/**
 * Routing at submit: a citizen may leave "Kantor yang dituju" to the officers ("Biar
 * petugas yang menentukan"); the gateway then picks the institution from the reference
 * data's rules (category + location, first match wins), so the right OPD's admin sees the
 * report in their queue at once and its 4-hour clock (2 hours for a camat) is theirs.
 * Every intake channel reaches this through `ReportService.submit` (the web form, the SDK,
 * WhatsApp), never through an HTTP route. No rule matching: no institution, as before (an
 * officer with every institution in scope forwards it).
 */
import type { Category, Location } from '../../src/contract/index.js';
import type { RoutingRule } from '../reference-data.js';

/** What routing reads of a report: its category and where it happened. */
export interface RoutableReport {
  categoryId?: string | null;
  /** The location the citizen picked, or the one their coordinates fall in (see `place`). */
  locationId?: string | null;
}

export interface RoutingData {
  routing: readonly RoutingRule[];
  categories: ReadonlyMap<string, Category>;
  locations: ReadonlyMap<string, Location>;
}

/** Is category `id` the rule's category or one under it? */
function inCategory(data: RoutingData, id: string | null | undefined, rule: string): boolean {
  for (let c = id ? data.categories.get(id) : undefined, hops = 0; c && hops < 16; c = c.parentId ? data.categories.get(c.parentId) : undefined, hops++) {
    if (c.id === rule) return true;
  }
  return false;
}

/**
 * Is location `id` the rule's location or inside it? Reference locations carry their
 * path ("Desa Setail, Kecamatan Genteng, Kabupaten Banyuwangi"), so a desa is inside the
 * kecamatan whose path its own ends with.
 */
function inLocation(data: RoutingData, id: string | null | undefined, rule: string): boolean {
  if (!id) return false;
  if (id === rule) return true;
  const here = data.locations.get(id);
  const area = data.locations.get(rule);
  return !!here && !!area && here.path.endsWith(`, ${area.path}`);
}

/** The institution the first matching rule names, or null. */
export function routeReport(data: RoutingData, report: RoutableReport): string | null {
  for (const rule of data.routing) {
    if (rule.category !== undefined && !inCategory(data, report.categoryId, rule.category)) continue;
    if (rule.location !== undefined && !inLocation(data, report.locationId, rule.location)) continue;
    return rule.institution;
  }
  return null;
}
