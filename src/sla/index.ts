/**
 * `lapor-widget/sla`: the SLA engine. Pure: no I/O, no DOM, no device time zone.
 * Shared by the gateway (authoritative `dueAt`) and the widget (countdowns).
 */
export {
  createCalendar,
  localDate,
  localDay,
  isWorkingDate,
  isWorkingDay,
  isoWeekday,
  dayNumber,
  dateOfDay,
  zoneOffsetMs,
  withOfficeHours,
  withServiceHours,
  isOpenAt,
  DEFAULT_WORKDAYS,
  DEFAULT_OFFICE_HOURS,
  DAY_MS,
  HOUR_MS,
} from './calendar.js';
export type { Calendar, CalendarOptions, OfficeHoursInput, ServiceHoursInput } from './calendar.js';
export {
  addHours,
  addWorkingDays,
  addWorkingHours,
  addDuration,
  addOpenTime,
  openTimeBetween,
  nextOpening,
  workingDaysLeft,
  workingTimeBetween,
} from './arithmetic.js';
export { computeClocks, remaining, isOpen, nextDueAt, defaultSlaCalendar, timeTaken } from './clocks.js';
export type { Transition, ComputeOptions } from './clocks.js';
export { DEFAULT_POLICIES, policyFor, allPolicies } from './policies.js';
export type { PolicyOverrides, ClockOverride } from './policies.js';
export {
  holidaysFor,
  holidayDates,
  holidayYear,
  holidayYears,
  provisionalYear,
  calendarHolidays,
  isProvisionalYear,
  mergeHolidays,
  FIXED_HOLIDAYS,
} from './holidays.js';
export type { Holiday, HolidayKind, HolidayYear, HolidaySource, HolidayDecree, CalendarHolidaysOptions } from './holidays.js';
export { splitDuration, formatDeadline, formatDay, formatDueWords, formatServiceHours, ZONE_ABBREVIATIONS } from './format.js';
export type { DurationParts } from './format.js';
export type { Clock, ClockRule, SlaPolicy, Duration, ServiceHours } from '../contract/sla.js';
