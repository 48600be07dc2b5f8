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

/** The local date and time parts of `instant` in `timeZone` (a cached formatter per locale and zone). */
export function deadlineParts(instant: Date | number | string, timeZone: string, locale: string): (type: Intl.DateTimeFormatPartTypes) => string {
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
  const parts = f.formatToParts(typeof instant === 'string' ? new Date(instant) : new Date(+instant));
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * "Rabu, 9 Desember 2026 15.00 WIB" (id) / "Wednesday, 9 December 2026 15:00 WIB" (en):
 * the date and time in `timeZone`, never the device's zone.
 */
export function formatDeadline(instant: Date | number | string, timeZone: string, locale = 'id-ID'): string {
  const pick = deadlineParts(instant, timeZone, locale);
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

/**
 * A due time in plain words, for a deadline that does not close a day (an hours clock
 * with service hours): "Senin, 8 Desember pukul 09.38 WIB" (id) / "Monday, 8 December
 * at 09:38 WIB" (en), in `timeZone`. The year is named only when it is not the year of
 * `now` (or when `now` is not given).
 */
export function formatDueWords(instant: Date | number | string, timeZone: string, locale = 'id-ID', now?: Date | number): string {
  const pick = deadlineParts(instant, timeZone, locale);
  const year = pick('year');
  const sameYear = now !== undefined && deadlineParts(now, timeZone, locale)('year') === year;
  const id = locale.toLowerCase().startsWith('id');
  const zone = ZONE_ABBREVIATIONS[timeZone] ?? timeZone;
  const date = `${pick('weekday')}, ${pick('day')} ${pick('month')}${sameYear ? '' : ` ${year}`}`;
  const time = `${pick('hour')}${id ? '.' : ':'}${pick('minute')}`;
  return id ? `${date} pukul ${time} ${zone}` : `${date} at ${time} ${zone}`;
}

const weekdayNames = new Map<string, string[]>();

/** Weekday names 1 = Monday … 7 = Sunday in `locale` (from Intl; 5 Jan 1970 was a Monday). */
function weekdays(locale: string): string[] {
  let names = weekdayNames.get(locale);
  if (!names) {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    names = Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(1970, 0, 5 + i)));
    weekdayNames.set(locale, names);
  }
  return names;
}

/**
 * Service hours in words: "Senin–Jumat 07.30–15.30 WIB" (id) / "Monday–Friday 07:30–15:30
 * WIB" (en). Runs of three days or more read as a range, others are listed:
 * "Senin–Kamis, Sabtu 08.00–12.00 WIB".
 */
export function formatServiceHours(hours: { days: readonly number[]; start: string; end: string }, timeZone: string, locale = 'id-ID'): string {
  const names = weekdays(locale);
  const days = [...new Set(hours.days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  const dayText = runs
    .flatMap((run) => (run.length >= 3 ? [`${names[run[0]! - 1]}–${names[run.at(-1)! - 1]}`] : run.map((d) => names[d - 1]!)))
    .join(', ');
  const sep = locale.toLowerCase().startsWith('id') ? '.' : ':';
  const time = (hhmm: string) => hhmm.replace(':', sep);
  return `${dayText} ${time(hours.start)}–${time(hours.end)} ${ZONE_ABBREVIATIONS[timeZone] ?? timeZone}`;
}
