/**
 * Deadline arithmetic. Three units (DESIGN.md → Working days):
 * - `hours`: plain elapsed time (the Bupati's 4 hours: nights and holidays included).
 * - `working_days`: LAPOR!'s "paling lambat N hari kerja". The deadline is the END of
 *   the Nth working day after the day of receipt: the receipt day is not counted, a
 *   receipt on a non-working day counts from the next working day, and the deadline is
 *   00:00 local of the day after that Nth day (received Friday 15:59 → +3 → due at the
 *   end of Wednesday, i.e. Thursday 00:00). So a response at 16:00 on the third day is
 *   on time, and every deadline is the instant a working day closes.
 * - `working_hours`: elapsed time that runs only inside office hours on working days.
 * - `hours` of a policy with service hours (jam layanan): the same office-hours count on
 *   the calendar `withServiceHours` makes (`addOpenTime`, `openTimeBetween`).
 *
 * "N working days" is a whole number: a fraction has no end of day to end at.
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

function checkWholeDays(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
  return n;
}

/** 00:00 local of the day after local day `day`: the instant that day closes. */
function endOfDay(calendar: Calendar, day: number): Date {
  return new Date(fromLocalMs(calendar, (day + 1) * DAY_MS));
}

/**
 * The deadline of "N working days" from `start`: 00:00 local after the Nth working day
 * after the (local) day of `start`. With `n = 0` it is the end of `start`'s day when that
 * is a working day, else the end of the next working day (what a paused clock that had
 * only its last day left resumes with).
 */
export function addWorkingDays(calendar: Calendar, start: Date | number, n: number): Date {
  let left = checkWholeDays(n);
  let day = Math.floor(toLocalMs(calendar, toMs(start)) / DAY_MS);
  if (left === 0) {
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day++) {
      if (isWorkingDay(calendar, day)) return endOfDay(calendar, day);
    }
  } else {
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
      day++;
      if (isWorkingDay(calendar, day) && --left === 0) return endOfDay(calendar, day);
    }
  }
  throw new RangeError('No working day found in ten years: check the calendar');
}

/**
 * Whole working days left before an end-of-day deadline `due`, not counting the (local)
 * day of `at`: the working days after today up to and including the last day
 * (the day that closes at `due`). 0 on the last day itself and once `due` has passed.
 * For an end-of-day `due` and any `at` before it,
 * `addWorkingDays(calendar, at, workingDaysLeft(calendar, at, due))` is `due` again: the
 * count is what a paused working-day clock keeps and resumes with.
 */
export function workingDaysLeft(calendar: Calendar, at: Date | number, due: Date | number): number {
  const today = Math.floor(toLocalMs(calendar, toMs(at)) / DAY_MS);
  const lastDay = Math.floor((toLocalMs(calendar, toMs(due)) - 1) / DAY_MS);
  let count = 0;
  for (let day = today + 1; day <= lastDay && day - today <= MAX_DAYS_SCANNED; day++) {
    if (isWorkingDay(calendar, day)) count++;
  }
  return count;
}

/** `start` plus `n` hours counted only inside office hours on working days. */
export function addWorkingHours(calendar: Calendar, start: Date | number, n: number): Date {
  return addOpenTime(calendar, start, Math.round(checkAmount(n) * HOUR_MS));
}

/**
 * `start` plus `ms` of time inside the calendar's office hours on its working days (a
 * calendar from `withServiceHours`: service time). Outside them the count waits for the
 * next opening; a deadline that falls exactly on a closing time stays there.
 */
export function addOpenTime(calendar: Calendar, start: Date | number, ms: number): Date {
  let left = checkAmount(ms);
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

/**
 * Time (ms) inside office hours on working days between two instants; 0 when `to` is not
 * after `from`. With `addOpenTime` it is what a paused service-hours clock keeps:
 * `addOpenTime(cal, t, openTimeBetween(cal, t, due))` is `due` again for an open `due`.
 */
export function openTimeBetween(calendar: Calendar, from: Date | number, to: Date | number): number {
  let t = toLocalMs(calendar, toMs(from));
  const end = toLocalMs(calendar, toMs(to));
  let total = 0;
  for (let scanned = 0; t < end && scanned < MAX_DAYS_SCANNED; scanned++) {
    const day = Math.floor(t / DAY_MS);
    if (isWorkingDay(calendar, day)) {
      const open = Math.max(t, day * DAY_MS + calendar.officeStartMs);
      const close = Math.min(end, day * DAY_MS + calendar.officeEndMs);
      if (close > open) total += close - open;
    }
    t = (day + 1) * DAY_MS;
  }
  return total;
}

/**
 * `instant` itself when it falls inside office hours on a working day, else the next
 * opening: where a message held for the recipient's service hours goes out.
 */
export function nextOpening(calendar: Calendar, instant: Date | number): Date {
  return addOpenTime(calendar, instant, 0);
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
 * Working-day time (ms) between two instants: the time that falls on working days, for
 * anyone who wants "how much working time has this taken".
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
