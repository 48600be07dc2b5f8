/**
 * The figure the Bupati's office asks for: per institution and period, how many reports
 * came in, how fast they were first handled (local.handle: submitted → in_progress), the
 * share handled within the local limit (4 h; 2 h for a kecamatan), and how many are
 * overdue right now.
 *
 * Everything is read from each report's own `local.handle` clock, so the limit that
 * applied to that report (e.g. a camat's 4 h before 15 Oct 2025) is the one judged, and
 * pauses (on hold) are not counted against anyone.
 */
import type { Clock, ComplianceQuery, ComplianceRow, InstitutionKind } from '../../src/contract/index.js';
import { canSee, type AdminScope } from './admin.js';
import { policyFor } from './sla.js';
import type { Store } from './store.js';

interface Row {
  institution_id: string;
  created_at: string;
  status: string;
  clocks_json: string;
}

const CLOSED = new Set(['completed', 'archived']);

export class ComplianceService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async report(scope: AdminScope, query: ComplianceQuery): Promise<ComplianceRow[]> {
    const ids = query.institution
      ? [query.institution]
      : scope.institutions
        ? [...scope.institutions]
        : [...this.store.institutions.keys()];
    const visible = ids.filter((id) => canSee(scope, id) && this.store.institutions.has(id));
    const from = new Date(query.from).toISOString();
    const to = new Date(query.to).toISOString();
    const now = this.now().getTime();
    const acc = new Map<string, Acc>(visible.map((id) => [id, newAcc()]));
    // Received in the period, or still open (for "overdue now"), per institution in scope.
    const rows = visible.length
      ? await this.store.db.all<Row>(
          `SELECT institution_id, created_at, status, clocks_json FROM reports
           WHERE institution_id IN (${visible.map(() => '?').join(', ')})
             AND ((created_at >= ? AND created_at < ?) OR status NOT IN ('completed', 'archived'))`,
          [...visible, from, to],
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
        a.durations.push(Math.max(0, Date.parse(handle.stoppedAt) - Date.parse(handle.startedAt) - handle.pausedMs));
      } else if (pastDue) {
        a.openLate++;
      }
    }
    // Busiest first: the rows the Bupati's office reads first.
    return visible
      .map((id) => {
        const inst = this.store.institutions.get(id)!;
        const a = acc.get(id)!;
        const judged = a.handled + a.openLate;
        return {
          institutionId: id,
          name: inst.name,
          kind: inst.kind,
          limitHours: handleLimitHours(inst.kind),
          received: a.received,
          handled: a.handled,
          withinLimit: a.within,
          openLate: a.openLate,
          shareWithinLimit: judged ? a.within / judged : null,
          medianFirstHandlingMs: median(a.durations),
          overdueNow: a.overdueNow,
        };
      })
      .filter((r) => query.institution || scope.institutions || r.received || r.overdueNow)
      .sort((x, y) => y.received - x.received || y.overdueNow - x.overdueNow || x.name.localeCompare(y.name, 'id'));
  }
}

interface Acc {
  received: number;
  handled: number;
  within: number;
  openLate: number;
  overdueNow: number;
  durations: number[];
}

const newAcc = (): Acc => ({ received: 0, handled: 0, within: 0, openLate: 0, overdueNow: 0, durations: [] });

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function handleLimitHours(kind: InstitutionKind): number {
  const rule = policyFor(kind).clocks.find((c) => c.id === 'local.handle');
  if (!rule) return 0;
  return rule.limit.unit === 'working_days' ? rule.limit.amount * 24 : rule.limit.amount;
}
