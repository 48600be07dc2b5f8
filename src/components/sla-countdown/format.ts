/**
 * Words for a countdown: "3 jam 12 menit" / "3 hours 12 minutes". Two units at most,
 * largest first; seconds appear only in the last hour (and under a minute overdue), so
 * the text changes once a minute until the final hour. Plural forms come from the
 * catalog through `Intl.PluralRules` (Indonesian: "1 jam", "3 jam"; English "1 hour").
 */
import type { Translate } from '../../i18n/catalog.js';
import { splitDuration, type DurationParts } from '../../sla/format.js';

export type Unit = 'days' | 'hours' | 'minutes' | 'seconds';

const HOUR = 3_600_000;

/** Which units to show for a duration of `ms` (sign ignored). */
export function unitsFor(parts: DurationParts, withSeconds: boolean): Unit[] {
  if (parts.days > 0) return parts.hours > 0 ? ['days', 'hours'] : ['days'];
  if (parts.hours > 0) return parts.minutes > 0 ? ['hours', 'minutes'] : ['hours'];
  if (!withSeconds) return parts.minutes > 0 ? ['minutes'] : ['seconds'];
  if (parts.minutes > 0) return parts.seconds > 0 ? ['minutes', 'seconds'] : ['minutes'];
  return ['seconds'];
}

/**
 * A cheap key of what `formatSpan` would print for `ms`: equal keys, equal text. The
 * element compares keys every tick and formats only when the key changes.
 */
export function spanKey(ms: number, withSecondsUnder = HOUR): number {
  const abs = Math.abs(ms);
  const second = Math.floor(abs / 1000);
  // Above the seconds window the text only changes per minute.
  const bucket = abs < withSecondsUnder || abs < 60_000 ? second : Math.floor(second / 60) * 60;
  return ms < 0 ? -bucket - 1 : bucket;
}

/** "3 jam 12 menit" for `ms` (its magnitude). Seconds only below `withSecondsUnder`. */
export function formatSpan(t: Translate, ms: number, withSecondsUnder = HOUR): string {
  const parts = splitDuration(ms);
  const units = unitsFor(parts, Math.abs(ms) < withSecondsUnder);
  const words = units.map((u) => t(`duration.${u}`, { n: parts[u] }));
  return words.length === 2 ? t('slaCountdown.join', { a: words[0]!, b: words[1]! }) : words[0]!;
}
