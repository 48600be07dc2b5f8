/**
 * The queue as data, no DOM: which reports are open, their urgency (time left on the most
 * urgent clock), the filters, and merging a live update in. Pure, so the benchmark and
 * the tests can run it on 1,000 reports directly.
 */
import type { Clock, Report, ReportStatus } from '../../contract/index.js';

/** Statuses that still need an admin; completed and archived leave the queue. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'on_hold'];
const OPEN = new Set<ReportStatus>(OPEN_STATUSES);

/** A report as the queue holds it: the report plus what sorting and ticking need, computed once. */
export interface QueueItem {
  report: Report;
  /** Deadline of the most urgent open clock (ms), or +Infinity when none runs (paused, all met). */
  dueMs: number;
  /** The clock behind `dueMs`. */
  urgent: Clock | undefined;
  /** local.handle's deadline while it runs (the 4-hour warnings), else NaN. */
  handleDueMs: number;
  /** A clock was stopped late: breached even if nothing is overdue now. */
  breachedBefore: boolean;
}

/** An open clock: running, or marked breached but not yet stopped (still counting over). */
const isOpenClock = (c: Clock) => !c.stoppedAt && (c.state === 'running' || c.state === 'breached');

export function toItem(report: Report): QueueItem {
  let urgent: Clock | undefined;
  let dueMs = Number.POSITIVE_INFINITY;
  let handleDueMs = Number.NaN;
  let breachedBefore = false;
  for (const c of report.clocks) {
    if (c.state === 'breached' && c.stoppedAt) breachedBefore = true;
    if (!isOpenClock(c)) continue;
    const due = Date.parse(c.dueAt);
    if (due < dueMs) {
      dueMs = due;
      urgent = c;
    }
    if (c.id === 'local.handle') handleDueMs = due;
  }
  return { report, dueMs, urgent, handleDueMs, breachedBefore };
}

/** Most urgent first; ties (and reports with no running clock) oldest first. */
export function byUrgency(a: QueueItem, b: QueueItem): number {
  if (a.dueMs !== b.dueMs) return a.dueMs < b.dueMs ? -1 : 1;
  return a.report.createdAt < b.report.createdAt ? -1 : a.report.createdAt > b.report.createdAt ? 1 : 0;
}

export const isOverdue = (item: QueueItem, now: number): boolean => item.dueMs < now;

export interface QueueFilter {
  status: ReportStatus | '';
  overdue: boolean;
  mine: boolean;
  /** Part of a tracking number, any case, with or without the hyphens. */
  search: string;
}

export const NO_FILTER: QueueFilter = { status: '', overdue: false, mine: false, search: '' };

const squash = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, '');

export function applyFilter(items: readonly QueueItem[], f: QueueFilter, now: number, mine: ReadonlySet<string>): QueueItem[] {
  const needle = squash(f.search);
  if (!f.status && !f.overdue && !f.mine && !needle) return items as QueueItem[];
  return items.filter(
    (i) =>
      (!f.status || i.report.status === f.status) &&
      (!f.overdue || isOverdue(i, now)) &&
      (!f.mine || mine.has(i.report.trackingId)) &&
      (!needle || squash(i.report.trackingId).includes(needle) || squash(i.report.laporId ?? '').includes(needle)),
  );
}

/** Which institutions' reports belong in this queue: the token's scope narrowed by the element's `institution`. */
export interface Scope {
  institutions: ReadonlySet<string> | null;
  institution?: string | undefined;
}

export function inScope(report: Report, scope: Scope): boolean {
  const id = report.institution?.id ?? null;
  if (scope.institution) return id === scope.institution;
  if (scope.institutions === null) return true;
  return id !== null && scope.institutions.has(id);
}

/**
 * Merge one report (from the stream or an action) into the sorted list: replaced, added,
 * or removed when it is closed or no longer ours. Older snapshots never win.
 */
export function upsert(items: readonly QueueItem[], report: Report, scope: Scope): QueueItem[] {
  const index = items.findIndex((i) => i.report.trackingId === report.trackingId);
  const current = index >= 0 ? items[index]! : undefined;
  if (current && Date.parse(current.report.updatedAt) > Date.parse(report.updatedAt)) return items as QueueItem[];
  const rest = index >= 0 ? [...items.slice(0, index), ...items.slice(index + 1)] : [...items];
  if (!OPEN.has(report.status) || !inScope(report, scope)) return rest;
  // Keep the richer admin fields (reporter, institutionId) of the snapshot we had.
  const merged = current ? ({ ...current.report, ...report } as Report) : report;
  const item = toItem(merged);
  // Binary search for the slot: the list stays sorted without a full sort per event.
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byUrgency(rest[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rest.splice(lo, 0, item);
  return rest;
}

export function buildQueue(reports: readonly Report[], scope: Scope): QueueItem[] {
  return reports.filter((r) => OPEN.has(r.status) && inScope(r, scope)).map(toItem).sort(byUrgency);
}
