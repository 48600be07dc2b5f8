/**
 * The gateway's only door to the SLA engine (src/sla): policies per institution kind,
 * one calendar per time zone with the bundled national holidays, and the two "next due"
 * instants the gateway indexes on.
 */
import type { Clock, InstitutionKind } from '../../../src/contract/index.js';
import {
  allPolicies as engineAllPolicies,
  computeClocks,
  createCalendar,
  holidayDates,
  nextDueAt as engineNextDueAt,
  policyFor,
  type Calendar,
  type Transition,
} from '../../../src/sla/index.js';

export type { Transition };
export { policyFor };

const calendars = new Map<string, Calendar>();
function calendarFor(timeZone: string): Calendar {
  let cal = calendars.get(timeZone);
  if (!cal) calendars.set(timeZone, (cal = createCalendar({ timeZone, holidays: holidayDates() })));
  return cal;
}

export function clocksFor(kind: InstitutionKind, timeZone: string, transitions: Transition[], now: Date): Clock[] {
  return computeClocks(policyFor(kind), transitions, { calendar: calendarFor(timeZone), now });
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
