/**
 * A deadline as a person says it, for the sentences that lead the status view and the
 * confirmation page: "pukul 18.50 WIB" when it falls today, "Rabu, 9 Desember pukul
 * 18.50 WIB" another day, "akhir hari Rabu, 9 Desember" for a working-day clock (its
 * deadline is the end of its last day), always in the institution's zone, never the
 * device's. The due instant is the clock's own `dueAt`, as the gateway computed it (with
 * service hours, where an institution has them): nothing here recomputes a deadline.
 * The countdown's own wording stays in sla-countdown/format.ts.
 */
import type { Clock } from '../../contract/sla.js';
import type { Translate } from '../../i18n/catalog.js';
import { deadlineParts } from '../../sla/format.js';
import { ZONE_ABBREVIATIONS } from '../../sla/zones.js';
import '../../i18n/register/deadline-words.js';

/** Our language tags as Intl's: the parts come from the same cached formatter as sla/format.ts's. */
const parts = (ms: number, timeZone: string, locale: string) => deadlineParts(ms, timeZone, locale === 'en' ? 'en-GB' : 'id-ID');

/** "18.50 WIB" / "18:50 WIB" in `timeZone`. */
export function clockTime(ms: number, timeZone: string, locale: string): string {
  const p = parts(ms, timeZone, locale);
  return `${p('hour')}${locale === 'en' ? ':' : '.'}${p('minute')} ${ZONE_ABBREVIATIONS[timeZone] ?? timeZone}`;
}

/** "Rabu, 9 Desember" (the year only when it is not this one). */
function dayWords(ms: number, nowMs: number, timeZone: string, locale: string): string {
  const p = parts(ms, timeZone, locale);
  const sameYear = parts(nowMs, timeZone, locale)('year') === p('year');
  return `${p('weekday')}, ${p('day')} ${p('month')}${sameYear ? '' : ` ${p('year')}`}`;
}

/** When `clock` is due, in words: see the file's header. */
export function dueWords(t: Translate, clock: Pick<Clock, 'dueAt' | 'timeZone' | 'limit'>, nowMs: number, locale: string): string {
  const due = Date.parse(clock.dueAt);
  const zone = clock.timeZone;
  // A working-day deadline is 00:00 after the last day: name that last day.
  if (clock.limit.unit === 'working_days') return t('deadline.endOfDay', { day: dayWords(due - 1, nowMs, zone, locale) });
  const time = clockTime(due, zone, locale);
  const today = dayWords(due, nowMs, zone, locale) === dayWords(nowMs, nowMs, zone, locale);
  return today ? t('deadline.today', { time }) : t('deadline.onDay', { time, day: dayWords(due, nowMs, zone, locale) });
}
