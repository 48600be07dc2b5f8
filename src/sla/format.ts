/**
 * Pure helpers for showing a clock: split a duration into parts, and format a deadline
 * in the institution's zone. Words ("3 jam 12 menit") come from the i18n layer in the
 * element; nothing here depends on a language catalog or the DOM.
 */
import { DAY_MS, HOUR_MS } from './calendar.js';

export interface DurationParts {
  /** True when the input was negative (overdue); the parts are then of its magnitude. */
  negative: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Split `ms` into whole days/hours/minutes/seconds, truncating toward zero so a
 * countdown never shows more time than is left (59.9 s left shows "59 detik").
 */
export function splitDuration(ms: number): DurationParts {
  const negative = ms < 0;
  let rest = Math.floor(Math.abs(ms) / 1000) * 1000;
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  return { negative, days, hours, minutes, seconds: rest / 1000 };
}

// In a module of its own so a sentence that names a zone does not carry the duration code.
import { ZONE_ABBREVIATIONS } from './zones.js';
export { ZONE_ABBREVIATIONS };

const deadlineFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Rabu, 9 Desember 2026 15.00 WIB" (id) / "Wednesday, 9 December 2026 15:00 WIB" (en):
 * the date and time in `timeZone`, never the device's zone.
 */
export function formatDeadline(instant: Date | number | string, timeZone: string, locale = 'id-ID'): string {
  const key = `${locale}\u0000${timeZone}`;
  let f = deadlineFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    deadlineFormats.set(key, f);
  }
  const date = typeof instant === 'string' ? new Date(instant) : new Date(+instant);
  const parts = f.formatToParts(date);
  const pick = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const sep = locale.toLowerCase().startsWith('id') ? '.' : ':';
  const zone = ZONE_ABBREVIATIONS[timeZone] ?? timeZone;
  // Assembled from parts so both languages read "weekday, day month year HH.MM ZONE"
  // whatever punctuation each locale's default pattern puts between date and time.
  return `${pick('weekday')}, ${pick('day')} ${pick('month')} ${pick('year')} ${pick('hour')}${sep}${pick('minute')} ${zone}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Rabu, 3 Desember 2025" (id) / "Wednesday, 3 December 2025" (en): the local date of
 * `instant` in `timeZone`, without a time. For an end-of-day deadline (00:00 after the
 * last working day) pass the deadline minus 1 ms: the last day, not the day after.
 */
export function formatDay(instant: Date | number | string, timeZone: string, locale = 'id-ID'): string {
  const key = `${locale}\u0000${timeZone}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    dayFormats.set(key, f);
  }
  const parts = f.formatToParts(typeof instant === 'string' ? new Date(instant) : new Date(+instant));
  const pick = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // Same order in both languages ("weekday, day month year"), as formatDeadline.
  return `${pick('weekday')}, ${pick('day')} ${pick('month')} ${pick('year')}`;
}
