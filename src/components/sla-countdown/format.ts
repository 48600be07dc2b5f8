/**
 * Words for a countdown: "3 jam 12 menit" / "3 hours 12 minutes". Two units at most,
 * largest first; seconds appear only in the last hour (and under a minute overdue), so
 * the text changes once a minute until the final hour. Plural forms come from the
 * catalog through `Intl.PluralRules` (Indonesian: "1 jam", "3 jam"; English "1 hour").
 *
 * Cheap per tick: a `SpanFormatter` per language memoises every "n unit" word (n is
 * small: seconds/minutes < 60, hours < 24) and splits the sentence templates once, so
 * formatting a tick is a few map lookups and string concatenations, not catalog work.
 */
import { translator, type MessageKey, type Translate } from '../../i18n/catalog.js';
import { splitDuration, type DurationParts } from '../../sla/format.js';
// slaCountdown.* and duration.*: also used by the status view's countdowns.
import '../../i18n/register/common.js';
import '../../i18n/register/sla-countdown.js';

export type Unit = 'days' | 'hours' | 'minutes' | 'seconds';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOLE = '\u0000';

/** Which units to show (largest first, at most two, no trailing zero unit). */
export function unitsFor(parts: DurationParts, withSeconds: boolean): [Unit] | [Unit, Unit] {
  if (parts.days > 0) return parts.hours > 0 ? ['days', 'hours'] : ['days'];
  if (parts.hours > 0) return parts.minutes > 0 ? ['hours', 'minutes'] : ['hours'];
  if (!withSeconds) return parts.minutes > 0 ? ['minutes'] : ['seconds'];
  if (parts.minutes > 0) return parts.seconds > 0 ? ['minutes', 'seconds'] : ['minutes'];
  return ['seconds'];
}

/**
 * A cheap key of what would be printed for `ms`: equal keys, equal text. Above the
 * seconds window (`withSecondsUnder`, and always under a minute) the text changes per
 * minute only. Negative durations get their own keys.
 */
export function spanKey(ms: number, withSecondsUnder = HOUR): number {
  const abs = Math.abs(ms);
  const second = Math.floor(abs / 1000);
  const bucket = abs < withSecondsUnder || abs < MINUTE ? second : Math.floor(second / 60) * 60;
  return ms < 0 ? -bucket - 1 : bucket;
}

/**
 * A template with one `{name}` hole, split once into the text around it. (For the join
 * template this assumes `{a}` comes before `{b}`, as in every catalog we ship.)
 */
function around(t: Translate, key: MessageKey, hole: string, extra?: Record<string, string>): [string, string] {
  const text = t(key, { ...extra, [hole]: HOLE });
  const i = text.indexOf(HOLE);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

export class SpanFormatter {
  readonly #t: Translate;
  readonly #words = new Map<number, string>();
  readonly #join: [string, string, string];
  readonly #remaining: [string, string];
  readonly #overdue: [string, string];
  readonly #paused: [string, string];

  constructor(t: Translate) {
    this.#t = t;
    const [a, rest] = around(t, 'slaCountdown.join', 'a', { b: HOLE + HOLE });
    const [mid, post] = rest.split(HOLE + HOLE) as [string, string?];
    this.#join = [a, mid, post ?? ''];
    this.#remaining = around(t, 'slaCountdown.remaining', 'time');
    this.#overdue = around(t, 'slaCountdown.overdue', 'time');
    this.#paused = around(t, 'slaCountdown.pausedRemaining', 'time');
  }

  #word(unit: Unit, n: number): string {
    const id = (unit === 'days' ? 0 : unit === 'hours' ? 1 : unit === 'minutes' ? 2 : 3) + n * 4;
    let word = this.#words.get(id);
    if (word === undefined) {
      word = this.#t(`duration.${unit}`, { n });
      if (this.#words.size < 1024) this.#words.set(id, word);
    }
    return word;
  }

  /** "3 jam 12 menit" for the magnitude of `ms`; seconds only below `withSecondsUnder`. */
  span(ms: number, withSecondsUnder = HOUR): string {
    const parts = splitDuration(ms);
    const units = unitsFor(parts, Math.abs(ms) < withSecondsUnder);
    const first = this.#word(units[0], parts[units[0]]);
    if (units.length === 1) return first;
    const [pre, mid, post] = this.#join;
    return pre + first + mid + this.#word(units[1], parts[units[1]]) + post;
  }

  /** "Sisa 3 jam 12 menit" (seconds in the last hour, or below `withSecondsUnder`). */
  remaining(ms: number, withSecondsUnder = HOUR): string {
    return this.#remaining[0] + this.span(ms, withSecondsUnder) + this.#remaining[1];
  }

  /** "Terlambat 25 menit" (seconds only in the first minute). */
  overdue(ms: number): string {
    return this.#overdue[0] + this.span(ms, MINUTE) + this.#overdue[1];
  }

  /** "Ditunda, sisa 2 jam". */
  paused(ms: number): string {
    return this.#paused[0] + this.span(ms) + this.#paused[1];
  }

  /** "Sisa 3 hari kerja": whole working days after today (a working-day clock). */
  remainingDays(n: number): string {
    return this.#remaining[0] + this.#t('duration.workingDays', { n }) + this.#remaining[1];
  }

  /** "Ditunda, sisa 3 hari kerja". */
  pausedDays(n: number): string {
    return this.#paused[0] + this.#t('duration.workingDays', { n }) + this.#paused[1];
  }
}

/**
 * One formatter per language, shared by every countdown. Ask only for a language whose
 * catalog is loaded (an element's resolved `locale` is), or it would memoise fallbacks.
 */
const formatters = new Map<string, SpanFormatter>();
export function spanFormatter(locale: string): SpanFormatter {
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = new SpanFormatter(translator(locale))));
  return f;
}
