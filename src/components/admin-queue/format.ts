/** Numbers and times in the console's language, through Intl (never hand-rolled). */
import type { Translate } from '../../i18n/catalog.js';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID');
const relative = new Map<string, Intl.RelativeTimeFormat>();
const percent = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 jam yang lalu" / "2 hours ago": how long ago a report was received. */
export function formatAge(createdMs: number, now: number, locale: string): string {
  let f = relative.get(locale);
  if (!f) relative.set(locale, (f = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' })));
  const ago = Math.max(0, now - createdMs);
  if (ago < HOUR) return f.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return f.format(-Math.floor(ago / HOUR), 'hour');
  return f.format(-Math.floor(ago / DAY), 'day');
}

/** "2 jam 5 menit" / "2 hours 5 minutes" (the catalog's plural forms), minutes resolution. */
export function formatDuration(ms: number, t: Translate): string {
  const total = Math.round(ms / MINUTE);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(t('duration.hours', { n: hours }));
  if (minutes || !hours) parts.push(t('duration.minutes', { n: minutes }));
  return parts.join(' ');
}

export function formatPercent(share: number, locale: string): string {
  let f = percent.get(locale);
  if (!f) percent.set(locale, (f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 })));
  return f.format(share);
}

/** A calendar date in Banyuwangi's zone, e.g. "7 Des 2026". */
export function formatDate(ms: number, locale: string, timeZone = 'Asia/Jakarta'): string {
  const key = `${locale}|${timeZone}`;
  let f = dates.get(key);
  if (!f) dates.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone })));
  return f.format(ms);
}

/** `YYYY-MM-DD` of an instant in `timeZone` (the value of an `<input type="date">`). */
export function dateInput(ms: number, timeZone = 'Asia/Jakarta'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(ms);
}

/**
 * The instant a calendar day starts in Banyuwangi (WIB, UTC+7, no daylight saving): the
 * compliance period is whole local days.
 */
export function startOfDayWib(date: string, addDays = 0): string {
  const ms = Date.parse(`${date}T00:00:00+07:00`) + addDays * DAY;
  return new Date(ms).toISOString();
}
