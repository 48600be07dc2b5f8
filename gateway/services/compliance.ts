/**
 * The figure the Bupati's office asks for: per institution and period, how many reports
 * came in, how fast they were first handled (local.handle: submitted → in_progress), the
 * share handled within the local limit (4 h; 2 h for a kecamatan), and how many are
 * overdue right now.
 *
 * Everything is read from each report's own `local.handle` clock, so the limit that
 * applied to that report (e.g. a camat's 4 h before 15 Oct 2025) is the one judged,
 * pauses (on hold) are not counted against anyone, and a unit with service hours is
 * measured in them.
 *
 * ONE computation (`tally`) feeds both the admin console (`report`, GET
 * /v1/admin/compliance) and the public board (`publicReport`, GET
 * /v1/public/compliance), so the two can never disagree for the same period. The public
 * one adds groups (a kecamatan with its kelurahan and desa; the puskesmas under one
 * agency) and ranks, and carries nothing but counts.
 *
 * Ranking follows what FixMyStreet learned from its public "top five most responsive
 * bodies" (mysociety/fixmystreet perllib/FixMyStreet/DB/Result/Body.pm
 * `calculate_average($threshold)` returns no figure below a threshold count of fixed
 * reports among the last 100, 0 unless a cobrand says otherwise; the cobrand hook
 * `body_responsiveness_threshold` is 5 in Cobrand/FixaMinGata.pm; Script/UpdateAllReports.pm
 * `calculate_top_five_bodies` ranks only bodies with a figure; issue #1957: a body that
 * had solved one problem in four minutes topped the list): a
 * unit is ranked only with at least MIN_REPORTS_TO_RANK reports in the period, and shown
 * either way.
 */
import type {
  Clock,
  ComplianceQuery,
  ComplianceRow,
  Institution,
  InstitutionKind,
  PublicCompliance,
  PublicComplianceGroup,
  PublicComplianceUnit,
} from '../../src/contract/index.js';
import { localDate, timeTaken } from '../../src/sla/index.js';
import { canSee, type AdminScope } from './admin.js';
import { calendarFor, policyFor } from './sla.js';
import type { Store } from './store.js';

interface Row {
  institution_id: string;
  created_at: string;
  status: string;
  clocks_json: string;
}

/** The rule: fewer reports than this in the period are shown but not ranked. */
export const MIN_REPORTS_TO_RANK = 5;
/** The regency's zone: public periods are whole local days in it. */
export const REGENCY_TIME_ZONE = 'Asia/Jakarta';

const CLOSED = new Set(['completed', 'archived']);
const DAY_MS = 86_400_000;

/** What is counted for one unit (or, summed, one group). */
export interface Tally {
  received: number;
  handled: number;
  within: number;
  openLate: number;
  overdueNow: number;
  /** Time to first handling of each handled report (ms, in its clock's own hours). */
  durations: number[];
}

const newTally = (): Tally => ({ received: 0, handled: 0, within: 0, openLate: 0, overdueNow: 0, durations: [] });

export class ComplianceService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /**
   * The one computation: per institution in `ids`, over reports received in [from, to)
   * (ISO instants) and, for "overdue now", every open report.
   */
  async tally(ids: readonly string[], from: string, to: string): Promise<Map<string, Tally>> {
    const now = this.now().getTime();
    const acc = new Map<string, Tally>(ids.map((id) => [id, newTally()]));
    // Received in the period, or still open (for "overdue now"), per institution in scope.
    const rows = ids.length
      ? await this.store.db.all<Row>(
          `SELECT institution_id, created_at, status, clocks_json FROM reports
           WHERE institution_id IN (${ids.map(() => '?').join(', ')})
             AND ((created_at >= ? AND created_at < ?) OR status NOT IN ('completed', 'archived'))`,
          [...ids, from, to],
        )
      : [];
    for (const row of rows) {
      const a = acc.get(row.institution_id);
      const handle = (JSON.parse(row.clocks_json) as Clock[]).find((c) => c.id === 'local.handle');
      if (!a || !handle) continue;
      const pastDue = !handle.stoppedAt && handle.state !== 'paused' && Date.parse(handle.dueAt) < now;
      if (pastDue && !CLOSED.has(row.status)) a.overdueNow++;
      if (row.created_at < from || row.created_at >= to) continue;
      a.received++;
      if (handle.stoppedAt && handle.state !== 'paused') {
        a.handled++;
        if (handle.state === 'met') a.within++;
        a.durations.push(timeTaken(handle, handle.stoppedAt, calendarFor(handle.timeZone)));
      } else if (pastDue) {
        a.openLate++;
      }
    }
    return acc;
  }

  /** GET /v1/admin/compliance: the institutions the token may see. */
  async report(scope: AdminScope, query: ComplianceQuery): Promise<ComplianceRow[]> {
    const ids = query.institution
      ? [query.institution]
      : scope.institutions
        ? [...scope.institutions]
        : [...this.store.institutions.keys()];
    const visible = ids.filter((id) => canSee(scope, id) && this.store.institutions.has(id));
    const from = new Date(query.from).toISOString();
    const to = new Date(query.to).toISOString();
    const acc = await this.tally(visible, from, to);
    // Busiest first: the rows the Bupati's office reads first.
    return visible
      .map((id) => this.row(this.store.institutions.get(id)!, acc.get(id)!, to))
      .filter((r) => query.institution || scope.institutions || r.received || r.overdueNow)
      .sort(busiestFirst);
  }

  /**
   * GET /v1/public/compliance: whole local days [from, to] of the regency's zone. Units
   * are the rows the super admin's table shows for the same period (or the one asked
   * for), with groups and ranks.
   */
  async publicReport(fromDate: string, toDate: string, institution?: string): Promise<Omit<PublicCompliance, 'serverTime'>> {
    const { from, to } = periodInstants(fromDate, toDate);
    const all = [...this.store.institutions.values()];
    const acc = await this.tally(
      all.map((i) => i.id),
      from,
      to,
    );
    const groupOf = new Map<string, GroupKey>();
    for (const inst of all) {
      const g = groupKey(inst, this.store.institutions);
      if (g) groupOf.set(inst.id, g);
    }
    const units: PublicComplianceUnit[] = all
      .map((inst) => ({ ...this.row(inst, acc.get(inst.id)!, to), ...(inst.serviceHours ? { serviceHours: inst.serviceHours } : {}), groupId: groupOf.get(inst.id)?.id ?? null, rank: null }))
      .filter((u) => (institution ? u.institutionId === institution : u.received || u.overdueNow))
      .sort(busiestFirst);
    rank(units);

    const groups = new Map<string, { key: GroupKey; members: string[]; tally: Tally }>();
    for (const inst of all) {
      const key = groupOf.get(inst.id);
      if (!key) continue;
      const g = groups.get(key.id) ?? { key, members: [], tally: newTally() };
      g.members.push(inst.id);
      add(g.tally, acc.get(inst.id)!);
      groups.set(key.id, g);
    }
    const wanted = institution ? groupOf.get(institution)?.id : undefined;
    const groupRows: PublicComplianceGroup[] = [...groups.values()]
      .filter((g) => (institution ? g.key.id === wanted : g.tally.received || g.tally.overdueNow))
      .map((g) => ({ id: g.key.id, kind: g.key.kind, name: g.key.name, institutionIds: g.members, ...figures(g.tally), rank: null }))
      .sort(busiestFirst);
    rank(groupRows);
    return { from: fromDate, to: toDate, timeZone: REGENCY_TIME_ZONE, minReportsToRank: MIN_REPORTS_TO_RANK, units, groups: groupRows };
  }

  private row(inst: Institution, a: Tally, to: string): ComplianceRow {
    return {
      institutionId: inst.id,
      name: inst.name,
      kind: inst.kind,
      limitHours: handleLimitHours(inst.kind, localDate(calendarFor(inst.timeZone), Date.parse(to) - 1)),
      ...figures(a),
    };
  }
}

/** [from 00:00, the day after `to` 00:00) in the regency's zone, as ISO instants. */
export function periodInstants(fromDate: string, toDate: string): { from: string; to: string } {
  const offset = calendarFor(REGENCY_TIME_ZONE).offsetMs;
  const start = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS - offset).toISOString();
  return { from: start(fromDate), to: start(toDate, 1) };
}

function figures(a: Tally) {
  const judged = a.handled + a.openLate;
  return {
    received: a.received,
    handled: a.handled,
    withinLimit: a.within,
    openLate: a.openLate,
    shareWithinLimit: judged ? a.within / judged : null,
    medianFirstHandlingMs: median(a.durations),
    overdueNow: a.overdueNow,
  };
}

function add(into: Tally, a: Tally): void {
  into.received += a.received;
  into.handled += a.handled;
  into.within += a.within;
  into.openLate += a.openLate;
  into.overdueNow += a.overdueNow;
  into.durations.push(...a.durations);
}

const busiestFirst = (x: { received: number; overdueNow: number; name: string }, y: { received: number; overdueNow: number; name: string }) =>
  y.received - x.received || y.overdueNow - x.overdueNow || x.name.localeCompare(y.name, 'id');

/**
 * Competition ranks (1, 2, 2, 4) by share within the limit, then shorter median, then
 * more reports; only rows with MIN_REPORTS_TO_RANK reports and something to judge.
 */
function rank<T extends { rank: number | null; shareWithinLimit: number | null; medianFirstHandlingMs: number | null; received: number }>(rows: T[]): void {
  const eligible = rows.filter((r) => r.received >= MIN_REPORTS_TO_RANK && r.shareWithinLimit !== null);
  const key = (r: T) => [-(r.shareWithinLimit ?? 0), r.medianFirstHandlingMs ?? Infinity, -r.received] as const;
  eligible.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
  eligible.forEach((r, i) => {
    const prev = eligible[i - 1];
    r.rank = prev && key(prev).every((v, k) => v === key(r)[k]) ? prev.rank : i + 1;
  });
}

interface GroupKey {
  id: string;
  kind: 'kecamatan' | 'puskesmas';
  name: string;
}

/** A kecamatan groups itself and the kelurahan/desa under it; puskesmas group by the agency above them. */
function groupKey(inst: Institution, all: ReadonlyMap<string, Institution>): GroupKey | undefined {
  if (inst.kind === 'kecamatan') return { id: `kecamatan:${inst.id}`, kind: 'kecamatan', name: inst.name };
  const parent = inst.parentId ? all.get(inst.parentId) : undefined;
  if ((inst.kind === 'kelurahan' || inst.kind === 'desa') && parent?.kind === 'kecamatan') {
    return { id: `kecamatan:${parent.id}`, kind: 'kecamatan', name: parent.name };
  }
  if (inst.kind === 'puskesmas') return { id: `puskesmas:${parent?.id ?? ''}`, kind: 'puskesmas', name: parent?.name ?? '' };
  return undefined;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The local.handle limit of the version in force on local date `date` (the camat's 2 h from 15 Oct 2025). */
function handleLimitHours(kind: InstitutionKind, date: string): number {
  let best: { amount: number; from: string } | undefined;
  for (const rule of policyFor(kind).clocks) {
    if (rule.id !== 'local.handle' || (rule.appliesFrom && rule.appliesFrom > date)) continue;
    const from = rule.appliesFrom ?? '';
    if (!best || from > best.from) best = { amount: rule.limit.unit === 'working_days' ? rule.limit.amount * 24 : rule.limit.amount, from };
  }
  return best?.amount ?? 0;
}
