/**
 * SLA clocks from a report's status history.
 *
 * Rules (DESIGN.md → SLA clocks, Working days):
 * - A clock rule `{from, to, limit}` starts when the report enters `from`; its `dueAt` is
 *   `from`'s time plus the limit in the policy's unit (`working_days`: the end of the Nth
 *   working day after that day, see arithmetic.ts).
 * - Every instant is the transition's own `at`, never "now": when LAPOR! is connected, the
 *   gateway records LAPOR!'s receipt, disposition and follow-up times there, so the clocks
 *   run on LAPOR!'s timestamps (until then, the gateway's own).
 * - A policy may hold several versions of one clock, each with `appliesFrom`
 *   (`YYYY-MM-DD`): a clock uses the latest version whose date is on or before the local
 *   date it starts (the camat's 2 hours from 15 Oct 2025; 4 hours before).
 * - It stops when the report reaches `to` or any status after `to` on the path
 *   submitted → verified → forwarded → in_progress → responded → completed (a report
 *   that jumps from submitted to responded has also met "submitted → in_progress").
 *   Stopped at or before `dueAt` is `met`, after it `breached`.
 * - `on_hold` pauses every running clock. Leaving `on_hold` resumes it with the time it had
 *   left: an `hours` (or `working_hours`) clock gets the pause length P back (`dueAt`
 *   moves by P); a `working_days` clock keeps its whole working days left after the day
 *   it paused and ends at the end of as many working days after the day it resumes
 *   (`workingDaysLeft` / `addWorkingDays`), so its deadline is still the end of a working
 *   day, however many holidays the pause spanned. A clock already past due when it
 *   paused keeps its overdue time (`dueAt` moves by P). `pausedMs` adds up P either way.
 * - Service hours (`policy.serviceHours`, jam layanan): the policy's `hours` clocks count
 *   only inside them (holidays from the calendar have none), so a report received at
 *   21:08 by a unit open Monday–Friday 07:30–15:30 is due 4 service hours after 07:30
 *   the next working morning. Such a clock carries `serviceHours`, and a pause gives
 *   back the service time it had left, not the wall-clock length of the pause. Without
 *   them (the default) hours are wall-clock hours, nights and holidays included.
 * - `archived` stops every running (or paused) clock; met/breached by the same comparison.
 * - Entering `from` again restarts that clock: a re-forward (forwarded again, to another
 *   institution) restarts `lapor.followup`. Returning from `on_hold` to the status it
 *   left is a resume, not a re-entry, unless the transition says the institution changed.
 *
 * Wire representation of a paused clock: `state: 'paused'`, `stoppedAt` = the instant
 * the pause began, `dueAt` not yet shifted. So `remaining()` of a paused clock is frozen
 * at `dueAt − stoppedAt`, and the Clock shape of the contract needs no extra field.
 *
 * A paused clock stays `paused` even when its deadline had already passed when it
 * paused; it becomes `breached` (or `met`) by the comparison once it stops.
 *
 * Breach while running: without `now`, a running clock stays `running` until it stops
 * (the history alone cannot know the time). With `options.now`, a running clock whose
 * `dueAt` is before `now` is reported as `breached` with no `stoppedAt` — "overdue and
 * still open". The gateway's scheduler relies on this to emit `sla.breached`.
 */
import type { ClockId, ClockState, ReportStatus } from '../contract/enums.js';
import type { Clock, ClockRule, ServiceHours, SlaPolicy } from '../contract/sla.js';
import { addDuration, addOpenTime, addWorkingDays, openTimeBetween, workingDaysLeft } from './arithmetic.js';
import { HOUR_MS, createCalendar, localDate, withOfficeHours, withServiceHours, type Calendar } from './calendar.js';
import { calendarHolidays, holidayYears } from './holidays.js';

/** One status change of a report. */
export interface Transition {
  status: ReportStatus;
  /**
   * When it happened: LAPOR!'s own timestamp for a change that came from LAPOR! (its
   * receipt, disposition, follow-up), else the gateway's. Clocks start and stop here.
   */
  at: Date | string | number;
  /** The institution the report is with after this change (for forwards). */
  institutionId?: string | null;
  /** Set when the report moved to another institution (a re-forward). */
  institutionChanged?: boolean;
}

export interface ComputeOptions {
  /** Working calendar; default Asia/Jakarta with the bundled national holidays. */
  calendar?: Calendar;
  /** "Now": marks running clocks past due as breached (see the module comment). */
  now?: Date | string | number;
}

const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];
const rank = (s: ReportStatus): number => PATH.indexOf(s);

interface Running {
  rule: ClockRule;
  startedAt: number;
  dueAt: number;
  stoppedAt: number | null;
  pausedAt: number | null;
  pausedMs: number;
}

/** How far past the last shipped decree the default calendar fills in provisional years. */
const PROVISIONAL_YEARS_AHEAD = 5;

let defaultCalendar: Calendar | undefined;
/**
 * Banyuwangi's calendar: Asia/Jakarta, Monday–Friday, every shipped decree, then
 * provisional years (Keppres 8/2024 fixed dates) for five years after the last one.
 */
export function defaultSlaCalendar(): Calendar {
  const through = Math.max(...holidayYears()) + PROVISIONAL_YEARS_AHEAD;
  return (defaultCalendar ??= createCalendar({ timeZone: 'Asia/Jakarta', holidays: calendarHolidays({ through }).map((h) => h.date) }));
}

function instant(value: Date | string | number, what: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : +value;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant: ${String(value)}`);
  return ms;
}

/** Does reaching `status` stop a clock that runs until `to`? */
/**
 * The version of a clock that applies to a clock starting on local date `date`: the one
 * with the latest `appliesFrom` on or before it (a version without one applies always).
 */
function versionAt(rules: readonly ClockRule[], date: string): ClockRule | undefined {
  let best: ClockRule | undefined;
  for (const rule of rules) {
    if (rule.appliesFrom !== undefined && rule.appliesFrom > date) continue;
    if (!best || (rule.appliesFrom ?? '') > (best.appliesFrom ?? '')) best = rule;
  }
  return best;
}

function reaches(status: ReportStatus, to: ReportStatus): boolean {
  if (status === to) return true;
  const r = rank(status);
  const target = rank(to);
  return r >= 0 && target >= 0 && r > target;
}

export function computeClocks(policy: SlaPolicy, transitions: readonly Transition[], options: ComputeOptions = {}): Clock[] {
  const calendar = withOfficeHours(options.calendar ?? defaultSlaCalendar(), policy.officeHours);
  // The calendar an `hours` clock counts on when the policy declares service hours.
  const service = policy.serviceHours ? withServiceHours(calendar, policy.serviceHours) : undefined;
  const serviceFor = (rule: ClockRule) => (rule.limit.unit === 'hours' ? service : undefined);
  // Stable sort by time: equal instants keep the order they were given in.
  const history = transitions
    .map((t, i) => ({ ...t, ms: instant(t.at, `transitions[${i}].at`), i }))
    .sort((a, b) => a.ms - b.ms || a.i - b.i);

  // The clock ids in policy order, each with its versions.
  const versions = new Map<ClockId, ClockRule[]>();
  for (const rule of policy.clocks) versions.set(rule.id, [...(versions.get(rule.id) ?? []), rule]);

  const clocks = new Map<ClockId, Running>();
  let status: ReportStatus | null = null;
  let beforeHold: ReportStatus | null = null;
  let institution: string | null | undefined;

  for (const step of history) {
    const t = step.ms;
    const previous = status;
    const changedInstitution =
      step.institutionChanged === true ||
      (step.institutionId != null && institution != null && step.institutionId !== institution);
    if (step.institutionId !== undefined) institution = step.institutionId;

    if (step.status === 'on_hold') {
      if (previous !== 'on_hold') beforeHold = previous;
      for (const c of clocks.values()) {
        if (c.stoppedAt === null && c.pausedAt === null) c.pausedAt = t;
      }
      status = 'on_hold';
      continue;
    }

    // Leaving on_hold (to anything, archived included): the pause ends now.
    for (const c of clocks.values()) {
      if (c.pausedAt !== null) {
        const pause = t - c.pausedAt;
        c.pausedMs += pause;
        const hours = serviceFor(c.rule);
        c.dueAt =
          c.rule.limit.unit === 'working_days' && c.pausedAt < c.dueAt
            ? addWorkingDays(calendar, t, workingDaysLeft(calendar, c.pausedAt, c.dueAt)).getTime()
            : hours && c.pausedAt < c.dueAt
              ? addOpenTime(hours, t, openTimeBetween(hours, c.pausedAt, c.dueAt)).getTime()
              : c.dueAt + pause;
        c.pausedAt = null;
      }
    }
    const isResume = previous === 'on_hold' && step.status === beforeHold && !changedInstitution;
    status = step.status;

    if (step.status === 'archived') {
      for (const c of clocks.values()) if (c.stoppedAt === null) c.stoppedAt = t;
      continue;
    }

    for (const c of clocks.values()) {
      if (c.stoppedAt === null && reaches(step.status, c.rule.to)) c.stoppedAt = t;
    }

    const startDate = localDate(calendar, t);
    for (const [id, rules] of versions) {
      const rule = versionAt(rules.filter((r) => r.from === step.status), startDate);
      if (!rule) continue;
      const existing = clocks.get(id);
      // Staying in `from` (a repeated event) or coming back from hold is not a new start,
      // unless the report went to another institution.
      const sameStatusAgain = previous === step.status && !changedInstitution;
      if (existing && (isResume || sameStatusAgain)) continue;
      const hours = serviceFor(rule);
      clocks.set(id, {
        rule,
        startedAt: t,
        dueAt: (hours ? addOpenTime(hours, t, Math.round(rule.limit.amount * HOUR_MS)) : addDuration(calendar, t, rule.limit)).getTime(),
        stoppedAt: null,
        pausedAt: null,
        pausedMs: 0,
      });
    }
  }

  const now = options.now === undefined ? undefined : instant(options.now, 'now');
  const out: Clock[] = [];
  for (const id of versions.keys()) {
    const c = clocks.get(id);
    if (!c) continue;
    let state: ClockState;
    let stoppedAt: number | null = c.stoppedAt;
    if (c.pausedAt !== null) {
      state = 'paused';
      stoppedAt = c.pausedAt;
    } else if (c.stoppedAt !== null) {
      state = c.stoppedAt <= c.dueAt ? 'met' : 'breached';
    } else {
      state = now !== undefined && now > c.dueAt ? 'breached' : 'running';
    }
    out.push({
      id: c.rule.id,
      state,
      startedAt: new Date(c.startedAt).toISOString(),
      dueAt: new Date(c.dueAt).toISOString(),
      stoppedAt: stoppedAt === null ? null : new Date(stoppedAt).toISOString(),
      pausedMs: c.pausedMs,
      limit: { ...c.rule.limit },
      timeZone: calendar.timeZone as Clock['timeZone'],
      ...(serviceFor(c.rule) ? { serviceHours: copyHours(policy.serviceHours!) } : {}),
    });
  }
  return out;
}

const copyHours = (h: ServiceHours): ServiceHours => ({ days: [...h.days], start: h.start, end: h.end });

/**
 * How much of its limit a clock has used by `end` (its `stoppedAt`, else `end`), in the
 * clock's own measure: service time for a service-hours clock, else elapsed time minus
 * pauses. Over the limit when late. What "time to first handling" means for
 * `local.handle`: a report received at 21:08 and taken up at 08:00 by a unit that opens
 * at 07:30 took 30 minutes of its 4 service hours, not 10 hours 52.
 */
export function timeTaken(
  clock: Pick<Clock, 'startedAt' | 'dueAt' | 'stoppedAt' | 'pausedMs' | 'limit' | 'serviceHours'>,
  end: Date | number | string,
  calendar: Calendar = defaultSlaCalendar(),
): number {
  const stop = clock.stoppedAt ? Date.parse(clock.stoppedAt) : instant(end, 'end');
  const due = Date.parse(clock.dueAt);
  if (clock.limit.unit === 'hours' && clock.serviceHours) {
    const hours = withServiceHours(calendar, clock.serviceHours);
    const limit = Math.round(clock.limit.amount * HOUR_MS);
    return stop <= due ? limit - openTimeBetween(hours, stop, due) : limit + openTimeBetween(hours, due, stop);
  }
  return Math.max(0, stop - Date.parse(clock.startedAt) - clock.pausedMs);
}

/**
 * Milliseconds left on a clock at `now` (negative when overdue). A stopped or paused
 * clock's value is frozen at `dueAt − stoppedAt`; a running one counts down with `now`.
 * Never increases as `now` grows.
 */
export function remaining(clock: Pick<Clock, 'dueAt' | 'stoppedAt' | 'state'>, now: Date | number | string): number {
  const due = Date.parse(clock.dueAt);
  const end = clock.stoppedAt ? Date.parse(clock.stoppedAt) : instant(now, 'now');
  return due - end;
}

/** Is the clock still counting (running, or overdue and not yet stopped)? */
export function isOpen(clock: Pick<Clock, 'state' | 'stoppedAt'>): boolean {
  return !clock.stoppedAt && (clock.state === 'running' || clock.state === 'breached');
}

/** The earliest `dueAt` among open clocks (the admin queue sorts on it), or null. */
export function nextDueAt(clocks: readonly Clock[]): string | null {
  let best: string | null = null;
  let bestMs = Infinity;
  for (const c of clocks) {
    if (!isOpen(c)) continue;
    const ms = Date.parse(c.dueAt);
    if (ms < bestMs) [best, bestMs] = [c.dueAt, ms];
  }
  return best;
}
