/**
 * Deadline arithmetic. Three units (DESIGN.md → Working days):
 * - `hours`: plain elapsed time.
 * - `working_days`: elapsed time that runs only on working days. A start on a
 *   non-working day moves to 00:00 of the next working day; the deadline is N × 24 h of
 *   working-day time later (Friday 15:00 + 3 working days = Wednesday 15:00).
 * - `working_hours`: elapsed time that runs only inside office hours on working days.
 *
 * A deadline that uses up a working day exactly is that day's midnight (e.g. Monday
 * 00:00 + 5 working days = Saturday 00:00): the instant the last working day closes.
 * Fractional amounts are allowed; everything is whole milliseconds.
 */
import type { Duration } from '../contract/sla.js';
import {
  DAY_MS,
  HOUR_MS,
  fromLocalMs,
  isWorkingDay,
  toLocalMs,
  type Calendar,
} from './calendar.js';

/** No calendar has ten years without a working day; guards against a loop that never ends. */
const MAX_DAYS_SCANNED = 3660;

function toMs(value: Date | number | string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : +value;
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid instant: ${String(value)}`);
  return ms;
}

function checkAmount(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`Duration must be a finite number ≥ 0: ${n}`);
  return n;
}

/** `start` plus `n` hours of plain elapsed time. */
export function addHours(start: Date | number, n: number): Date {
  return new Date(toMs(start) + Math.round(checkAmount(n) * HOUR_MS));
}

/** `start` plus `n` working days (N × 24 h of time that runs only on working days). */
export function addWorkingDays(calendar: Calendar, start: Date | number, n: number): Date {
  let left = Math.round(checkAmount(n) * DAY_MS);
  let t = toLocalMs(calendar, toMs(start));
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
    const day = Math.floor(t / DAY_MS);
    const dayEnd = (day + 1) * DAY_MS;
    if (isWorkingDay(calendar, day)) {
      const available = dayEnd - t;
      if (left <= available) return new Date(fromLocalMs(calendar, t + left));
      left -= available;
    }
    t = dayEnd;
  }
  throw new RangeError('No working day found in ten years: check the calendar');
}

/** `start` plus `n` hours counted only inside office hours on working days. */
export function addWorkingHours(calendar: Calendar, start: Date | number, n: number): Date {
  let left = Math.round(checkAmount(n) * HOUR_MS);
  let t = toLocalMs(calendar, toMs(start));
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
    const day = Math.floor(t / DAY_MS);
    const open = day * DAY_MS + calendar.officeStartMs;
    const close = day * DAY_MS + calendar.officeEndMs;
    if (isWorkingDay(calendar, day) && t < close) {
      if (t < open) t = open;
      const available = close - t;
      if (left <= available) return new Date(fromLocalMs(calendar, t + left));
      left -= available;
    }
    t = (day + 1) * DAY_MS;
  }
  throw new RangeError('No working day found in ten years: check the calendar');
}

/** The deadline for a contract `Duration` from `start`. */
export function addDuration(calendar: Calendar, start: Date | number, limit: Duration): Date {
  switch (limit.unit) {
    case 'hours':
      return addHours(start, limit.amount);
    case 'working_days':
      return addWorkingDays(calendar, start, limit.amount);
    case 'working_hours':
      return addWorkingHours(calendar, start, limit.amount);
  }
}

/**
 * Working-day time (ms) between two instants: the inverse of `addWorkingDays`, used by
 * tests and by anyone who wants "how many working days has this taken".
 */
export function workingTimeBetween(calendar: Calendar, from: Date | number, to: Date | number): number {
  let t = toLocalMs(calendar, toMs(from));
  const end = toLocalMs(calendar, toMs(to));
  let total = 0;
  while (t < end) {
    const day = Math.floor(t / DAY_MS);
    const next = Math.min((day + 1) * DAY_MS, end);
    if (isWorkingDay(calendar, day)) total += next - t;
    t = next;
  }
  return total;
}
