/**
 * Warnings before a breach of the local 4-hour rule (2 h for a camat): at 60 and at 15
 * minutes left on `local.handle`. Only crossings seen while the console is open count
 * (a report already in its last 15 minutes when the console opens is in the "soon" list,
 * not announced as news). One pass over the queue per tick: a few µs for 1,000 reports.
 */
import type { QueueItem } from './queue-model.js';

const MINUTE = 60_000;

export type WarningLevel = 60 | 15;

export interface Crossing {
  trackingId: string;
  title: string;
  level: WarningLevel;
}

/** 0: more than 60 min left, 1: ≤ 60, 2: ≤ 15, 3: past due, -1: not running. */
function zoneOf(left: number): number {
  if (Number.isNaN(left)) return -1;
  if (left < 0) return 3;
  if (left <= 15 * MINUTE) return 2;
  if (left <= 60 * MINUTE) return 1;
  return 0;
}

export class WarningTracker {
  #zones = new Map<string, number>();

  /** New crossings into the last 60 / 15 minutes since the previous call. */
  check(items: readonly QueueItem[], now: number): Crossing[] {
    const out: Crossing[] = [];
    const next = new Map<string, number>();
    for (const item of items) {
      const id = item.report.trackingId;
      const zone = zoneOf(item.handleDueMs - now);
      const before = this.#zones.get(id);
      next.set(id, zone);
      if (before === undefined || zone <= before || before < 0) continue;
      if (zone === 2) out.push({ trackingId: id, title: item.report.title, level: 15 });
      else if (zone === 1) out.push({ trackingId: id, title: item.report.title, level: 60 });
    }
    // Reports that left the queue are forgotten; a new one starts from where it is.
    this.#zones = next;
    return out;
  }

  /** Reports within the last `minutes` of local.handle now (the always-visible "soon" count). */
  static soon(items: readonly QueueItem[], now: number, minutes = 60): number {
    let n = 0;
    for (const i of items) {
      const left = i.handleDueMs - now;
      if (left >= 0 && left <= minutes * MINUTE) n++;
    }
    return n;
  }

  /**
   * The warning list: every report in its last 60 minutes of local.handle now (not yet
   * overdue: those are the overdue group), least time left first.
   */
  static soonList(items: readonly QueueItem[], now: number): QueueItem[] {
    return items
      .filter((i) => {
        const left = i.handleDueMs - now;
        return left >= 0 && left <= 60 * MINUTE;
      })
      .sort((a, b) => a.handleDueMs - b.handleDueMs);
  }

  /**
   * The next instant a report crosses 60 or 15 minutes left, or its deadline (it then
   * moves to the overdue group): the console schedules its next check for exactly then,
   * so a warning, its announcement and the counts are on time, not up to a tick or a
   * minute late. +Infinity when nothing is running.
   */
  static nextCrossing(items: readonly QueueItem[], now: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const i of items) {
      for (const before of [60 * MINUTE, 15 * MINUTE, 0]) {
        // "≤ 60 / ≤ 15 minutes left" begins at due − 60 / due − 15 min; "past due" just after due.
        const at = before ? i.handleDueMs - before : i.handleDueMs + 1;
        if (at > now && at < next) next = at;
      }
    }
    return next;
  }
}
