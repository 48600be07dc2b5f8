/**
 * The gateway's only door to the SLA engine. Everything about clocks goes through here
 * so that swapping the engine (src/sla) touches one file.
 *
 * INTERIM: src/sla is being written in parallel against the pinned API
 * (createCalendar, addWorkingDays, addHours, computeClocks, policyFor). Until it lands
 * this file carries a small implementation of that same API; replace the section below
 * with imports from ../../../src/sla/index.js.
 */
import type { Clock, ClockRule, InstitutionKind, ReportStatus, SlaPolicy, TimeZone } from '../../../src/contract/index.js';

export interface Transition {
  status: ReportStatus;
  at: string;
}

// ---- interim engine (same API as src/sla) -------------------------------------------
interface Calendar {
  timeZone: string;
  holidays: Set<string>;
  workdays: Set<number>;
}
function createCalendar(opts: { timeZone: string; holidays?: string[]; workdays?: number[] }): Calendar {
  return { timeZone: opts.timeZone, holidays: new Set(opts.holidays ?? []), workdays: new Set(opts.workdays ?? [1, 2, 3, 4, 5]) };
}
const DAY = 86_400_000;
/** Indonesian zones have fixed offsets (no DST). */
const OFFSETS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };
function isWorkingDay(cal: Calendar, localMidnightUtc: number): boolean {
  const d = new Date(localMidnightUtc + (OFFSETS[cal.timeZone] ?? 7) * 3_600_000);
  const iso = d.toISOString().slice(0, 10);
  const dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return cal.workdays.has(dow) && !cal.holidays.has(iso);
}
function addWorkingDays(cal: Calendar, start: Date, n: number): Date {
  const off = (OFFSETS[cal.timeZone] ?? 7) * 3_600_000;
  let t = start.getTime();
  let dayStart = Math.floor((t + off) / DAY) * DAY - off;
  if (!isWorkingDay(cal, dayStart)) {
    do dayStart += DAY;
    while (!isWorkingDay(cal, dayStart));
    t = dayStart;
  }
  let left = n * DAY;
  for (let guard = 0; guard < 3660; guard++) {
    const inDay = dayStart + DAY - t;
    if (left <= inDay) return new Date(t + left);
    left -= inDay;
    do dayStart += DAY;
    while (!isWorkingDay(cal, dayStart));
    t = dayStart;
  }
  return new Date(t + left);
}
function addHours(start: Date, n: number): Date {
  return new Date(start.getTime() + n * 3_600_000);
}
const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];
function computeClocks(policy: SlaPolicy, transitions: Transition[], ctx: { calendar: Calendar; now: Date }): Clock[] {
  const clocks: Clock[] = [];
  for (const rule of policy.clocks) {
    const startIdx = transitions.findIndex((t) => t.status === rule.from);
    if (startIdx < 0) continue;
    const started = new Date(transitions[startIdx]!.at);
    let stoppedAt: Date | undefined;
    let pausedMs = 0;
    let pausedSince: number | undefined;
    for (const t of transitions.slice(startIdx + 1)) {
      const at = new Date(t.at).getTime();
      if (pausedSince !== undefined && t.status !== 'on_hold') {
        pausedMs += at - pausedSince;
        pausedSince = undefined;
      }
      if (t.status === 'on_hold') pausedSince ??= at;
      else if (t.status === 'archived' || PATH.indexOf(t.status) >= PATH.indexOf(rule.to)) {
        stoppedAt = new Date(at);
        break;
      }
    }
    const base = dueOf(rule, started, ctx.calendar);
    const dueAt = new Date(base.getTime() + pausedMs + (pausedSince !== undefined ? ctx.now.getTime() - pausedSince : 0));
    let state: Clock['state'];
    if (stoppedAt) state = stoppedAt <= dueAt ? 'met' : 'breached';
    else if (pausedSince !== undefined) state = 'paused';
    else state = ctx.now >= dueAt ? 'breached' : 'running';
    clocks.push({
      id: rule.id,
      state,
      startedAt: started.toISOString(),
      dueAt: dueAt.toISOString(),
      stoppedAt: stoppedAt?.toISOString() ?? null,
      pausedMs: pausedMs + (pausedSince !== undefined ? ctx.now.getTime() - pausedSince : 0),
      limit: rule.limit,
      timeZone: ctx.calendar.timeZone as TimeZone,
    });
  }
  return clocks;
}
function dueOf(rule: ClockRule, start: Date, cal: Calendar): Date {
  if (rule.limit.unit === 'working_days') return addWorkingDays(cal, start, rule.limit.amount);
  return addHours(start, rule.limit.amount);
}
function policyFor(kind: InstitutionKind): SlaPolicy {
  const handleHours = kind === 'kecamatan' ? 2 : 4;
  return {
    id: kind === 'kecamatan' ? 'banyuwangi-kecamatan' : 'banyuwangi-default',
    clocks: [
      { id: 'local.handle', from: 'submitted', to: 'in_progress', limit: { amount: handleHours, unit: 'hours' } },
      { id: 'lapor.verify', from: 'submitted', to: 'forwarded', limit: { amount: 3, unit: 'working_days' } },
      { id: 'lapor.followup', from: 'forwarded', to: 'responded', limit: { amount: 5, unit: 'working_days' } },
      { id: 'lapor.close', from: 'responded', to: 'completed', limit: { amount: 10, unit: 'working_days' } },
    ],
  };
}
const HOLIDAYS: string[] = [];
// ---- end interim engine ---------------------------------------------------------------

export { policyFor };

const calendars = new Map<string, Calendar>();
function calendarFor(timeZone: string): Calendar {
  let cal = calendars.get(timeZone);
  if (!cal) calendars.set(timeZone, (cal = createCalendar({ timeZone, holidays: HOLIDAYS })));
  return cal;
}

export function clocksFor(kind: InstitutionKind, timeZone: string, transitions: Transition[], now: Date): Clock[] {
  return computeClocks(policyFor(kind), transitions, { calendar: calendarFor(timeZone), now });
}

/** Nearest due among clocks that have not stopped (queue order; breached first). */
export function nextDueAt(clocks: Clock[]): string | null {
  let best: string | null = null;
  for (const c of clocks) if ((c.state === 'running' || c.state === 'breached') && !c.stoppedAt && (!best || c.dueAt < best)) best = c.dueAt;
  return best;
}

/** Nearest due among running clocks: when the scheduler must look at this report again. */
export function nextCheckAt(clocks: Clock[]): string | null {
  let best: string | null = null;
  for (const c of clocks) if (c.state === 'running' && (!best || c.dueAt < best)) best = c.dueAt;
  return best;
}

export function allPolicies(): Record<InstitutionKind, SlaPolicy> {
  const kinds: InstitutionKind[] = ['opd', 'kecamatan', 'kelurahan', 'desa', 'puskesmas', 'rsud'];
  return Object.fromEntries(kinds.map((k) => [k, policyFor(k)])) as Record<InstitutionKind, SlaPolicy>;
}
