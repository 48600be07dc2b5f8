/**
 * The gateway's only door to the SLA engine (src/sla): policies per institution kind,
 * one calendar per time zone, and the two "next due" instants the gateway indexes on.
 *
 * The holidays are the shipped decrees, replaced year by year by newer files loaded from
 * LAPOR_HOLIDAYS at start (`useHolidays`), with provisional years (Keppres 8/2024 fixed
 * dates) up to two years past the start. The same list is served in GET /v1/config, so a
 * widget counts working days exactly as the gateway does. One list per process: the
 * last gateway created sets it (tests create them one at a time).
 */
import type { Clock, InstitutionKind, ServiceHours, SlaCalendar } from '../../src/contract/index.js';
import {
  allPolicies as engineAllPolicies,
  calendarHolidays,
  computeClocks,
  createCalendar,
  nextDueAt as engineNextDueAt,
  policyFor,
  type Calendar,
  type Holiday,
  type HolidayYear,
  type Transition,
} from '../../src/sla/index.js';

export type { Transition };
export { policyFor };

/** Provisional years are filled in this far past the year the gateway starts. */
const YEARS_AHEAD = 2;

let holidays: Holiday[] | undefined;
const calendars = new Map<string, Calendar>();

/** Set the holidays: shipped decrees, `files` replacing their years, provisional years after. */
export function useHolidays(files: readonly HolidayYear[], now: Date): void {
  const through = Math.max(now.getUTCFullYear() + YEARS_AHEAD, ...files.map((f) => f.year));
  holidays = calendarHolidays({ through, files });
  calendars.clear();
}

function currentHolidays(): Holiday[] {
  if (!holidays) useHolidays([], new Date());
  return holidays!;
}

export function calendarFor(timeZone: string): Calendar {
  let cal = calendars.get(timeZone);
  if (!cal) calendars.set(timeZone, (cal = createCalendar({ timeZone, holidays: currentHolidays().map((h) => h.date) })));
  return cal;
}

/** The calendar as GET /v1/config serves it. */
export function servedCalendar(timeZone: SlaCalendar['timeZone']): SlaCalendar {
  return {
    timeZone,
    holidays: currentHolidays().map((h) => ({ date: h.date, name: h.name, kind: h.kind, provisional: h.provisional === true })),
  };
}

/**
 * The clocks of a report from its transitions. Each transition's `at` is when it
 * happened: LAPOR!'s own time for a change synced from LAPOR!, so the clocks follow
 * LAPOR!'s receipt, disposition and follow-up times once a report is upstream.
 */
export function clocksFor(kind: InstitutionKind, timeZone: string, transitions: Transition[], now: Date, serviceHours?: ServiceHours): Clock[] {
  // An institution's service hours (issue 28): its hours clocks count only in them.
  return computeClocks(policyFor(kind, serviceHours ? { serviceHours } : {}), transitions, { calendar: calendarFor(timeZone), now });
}

/** Nearest due among clocks still open (running or overdue): the admin queue's order. */
export function nextDueAt(clocks: Clock[]): string | null {
  return engineNextDueAt(clocks);
}

/** Nearest due among running clocks: when the breach scheduler must look again. */
export function nextCheckAt(clocks: Clock[]): string | null {
  let best: string | null = null;
  for (const c of clocks) if (c.state === 'running' && (!best || c.dueAt < best)) best = c.dueAt;
  return best;
}

export function allPolicies() {
  return engineAllPolicies();
}
