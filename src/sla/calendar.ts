/**
 * A working calendar: which local dates are working days in an institution's time zone.
 *
 * Dates are always those of the institution's zone, never the device's: a report filed
 * at 23:30 WIB on a Friday is a Saturday report in Makassar (WITA). Indonesia's zones
 * have no DST, so each zone has one fixed offset, derived once through `Intl` (not
 * hard-coded, not from the device's `Date#getHours`). With a fixed offset the local
 * wall clock is plain arithmetic (`utc + offset`), which keeps the hot loops of the
 * deadline maths free of `Intl` calls.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** `HH:MM` office hours; `end` is exclusive (16:00 means the office closes at 16:00). */
export interface OfficeHoursInput {
  start: string;
  end: string;
}

export interface CalendarOptions {
  /** IANA zone of the institution (Asia/Jakarta, Asia/Makassar, Asia/Jayapura). */
  timeZone: string;
  /** Non-working dates `YYYY-MM-DD` (national holidays and cuti bersama), in the zone. */
  holidays?: Iterable<string>;
  /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. Default Monday–Friday. */
  workdays?: Iterable<number>;
  /** Office hours for `working_hours` limits. Default 07:30–16:00. */
  officeHours?: OfficeHoursInput;
}

export interface Calendar {
  readonly timeZone: string;
  /** Zone offset from UTC in ms (fixed: the zone has no DST). */
  readonly offsetMs: number;
  readonly workdays: ReadonlySet<number>;
  /** Holidays as `YYYY-MM-DD`, for display and for merging. */
  readonly holidays: ReadonlySet<string>;
  /** Office hours as ms after local midnight, `[start, end)`. */
  readonly officeStartMs: number;
  readonly officeEndMs: number;
  /** Holidays as local day numbers (days since 1970-01-01 in the zone), for the loops. */
  readonly holidayDays: ReadonlySet<number>;
}

export const DEFAULT_WORKDAYS = [1, 2, 3, 4, 5] as const;
export const DEFAULT_OFFICE_HOURS: OfficeHoursInput = { start: '07:30', end: '16:00' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

const offsets = new Map<string, number>();
const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat` giving numeric local date/time parts in `timeZone`. */
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset at `instant`, in ms, read through Intl. */
function offsetAt(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The fixed offset of `timeZone`. Throws for a zone that observes DST (its offset
 * differs between January and July): the engine's arithmetic assumes one offset, which
 * holds for all three Indonesian zones.
 */
export function zoneOffsetMs(timeZone: string): number {
  let offset = offsets.get(timeZone);
  if (offset === undefined) {
    const jan = offsetAt(timeZone, Date.UTC(2026, 0, 15));
    const jul = offsetAt(timeZone, Date.UTC(2026, 6, 15));
    if (jan !== jul) throw new RangeError(`Time zone ${timeZone} observes DST; the SLA engine needs a fixed-offset zone`);
    offsets.set(timeZone, (offset = jan));
  }
  return offset;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (a calendar date, zone-free). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [, y, mo, d] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  // Reject 2026-02-30 and friends rather than rolling them over.
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return ms / DAY_MS;
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseTime(value: string, what: string): number {
  const m = TIME_RE.exec(value);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) throw new RangeError(`Office hours ${what} is not HH:MM: ${value}`);
  return h * HOUR_MS + min * 60_000;
}

export function createCalendar(options: CalendarOptions): Calendar {
  const offsetMs = zoneOffsetMs(options.timeZone);
  const workdays = new Set(options.workdays ?? DEFAULT_WORKDAYS);
  for (const d of workdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Workday must be 1 (Monday) … 7 (Sunday): ${d}`);
  }
  if (workdays.size === 0) throw new RangeError('A calendar needs at least one workday');
  const holidays = new Set<string>();
  const holidayDays = new Set<number>();
  for (const date of options.holidays ?? []) {
    holidayDays.add(dayNumber(date));
    holidays.add(date);
  }
  const office = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const officeStartMs = parseTime(office.start, 'start');
  const officeEndMs = parseTime(office.end, 'end');
  if (officeEndMs <= officeStartMs) throw new RangeError('Office hours must end after they start');
  return { timeZone: options.timeZone, offsetMs, workdays, holidays, holidayDays, officeStartMs, officeEndMs };
}

/** Local wall-clock ms (as if the zone were UTC) of an instant. */
export function toLocalMs(calendar: Calendar, instant: number): number {
  return instant + calendar.offsetMs;
}

export function fromLocalMs(calendar: Calendar, localMs: number): number {
  return localMs - calendar.offsetMs;
}

/** The local day number of an instant in the calendar's zone. */
export function localDay(calendar: Calendar, instant: Date | number): number {
  return Math.floor(toLocalMs(calendar, +instant) / DAY_MS);
}

/** The local date `YYYY-MM-DD` of an instant in the calendar's zone. */
export function localDate(calendar: Calendar, instant: Date | number): string {
  return dateOfDay(localDay(calendar, instant));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWorkingDay(calendar: Calendar, day: number): boolean {
  return calendar.workdays.has(isoWeekday(day)) && !calendar.holidayDays.has(day);
}

/** Is the local date of `instant` a working day? */
export function isWorkingDate(calendar: Calendar, instant: Date | number): boolean {
  return isWorkingDay(calendar, localDay(calendar, instant));
}

/** The same calendar with other office hours (a policy may set its own). */
export function withOfficeHours(calendar: Calendar, officeHours: OfficeHoursInput | undefined): Calendar {
  if (!officeHours) return calendar;
  const officeStartMs = parseTime(officeHours.start, 'start');
  const officeEndMs = parseTime(officeHours.end, 'end');
  if (officeEndMs <= officeStartMs) throw new RangeError('Office hours must end after they start');
  if (officeStartMs === calendar.officeStartMs && officeEndMs === calendar.officeEndMs) return calendar;
  return { ...calendar, officeStartMs, officeEndMs };
}

/** Service hours as the engine takes them (contract `ServiceHours`): ISO weekdays and `HH:MM` times. */
export interface ServiceHoursInput {
  days: readonly number[];
  start: string;
  end: string;
}

/**
 * The calendar an `hours` clock with service hours counts on: the same zone and holidays,
 * the service days as its working days and the service times as its office hours, so
 * the office-hours arithmetic (`addWorkingHours`) counts service time.
 */
export function withServiceHours(calendar: Calendar, hours: ServiceHoursInput): Calendar {
  const workdays = new Set(hours.days);
  if (workdays.size === 0) throw new RangeError('Service hours need at least one day');
  for (const d of workdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Service day must be 1 (Monday) … 7 (Sunday): ${d}`);
  }
  const officeStartMs = parseTime(hours.start, 'start');
  const officeEndMs = parseTime(hours.end, 'end');
  if (officeEndMs <= officeStartMs) throw new RangeError('Service hours must end after they start');
  return { ...calendar, workdays, officeStartMs, officeEndMs };
}

/** Is `instant` inside the calendar's office (service) hours on a working day? */
export function isOpenAt(calendar: Calendar, instant: Date | number): boolean {
  const local = toLocalMs(calendar, +instant);
  const day = Math.floor(local / DAY_MS);
  const t = local - day * DAY_MS;
  return isWorkingDay(calendar, day) && t >= calendar.officeStartMs && t < calendar.officeEndMs;
}
