/**
 * "Laporan saya" order: what is most urgent first. Reports with a running clock by their
 * nearest deadline, then reports whose deadline has passed, then the rest, most recently
 * updated first. Pure, so it is tested without a browser clock.
 */
import type { Clock } from '../../contract/index.js';
import type { SavedReport } from '../../store/saved-reports.js';

function nearestRunningDue(clocks: readonly Clock[]): number | undefined {
  let best: number | undefined;
  for (const c of clocks) {
    if (c.state !== 'running') continue;
    const due = Date.parse(c.dueAt);
    if (best === undefined || due < best) best = due;
  }
  return best;
}

function updatedAt(entry: SavedReport): number {
  return Date.parse(entry.report?.updatedAt ?? entry.savedAt) || 0;
}

/** [group, key]: lower sorts first. */
export function urgencyOf(entry: SavedReport): [number, number] {
  const clocks = entry.report?.clocks ?? [];
  const due = nearestRunningDue(clocks);
  if (due !== undefined) return [0, due];
  if (clocks.some((c) => c.state === 'breached')) return [1, -updatedAt(entry)];
  return [2, -updatedAt(entry)];
}

export function byUrgency(a: SavedReport, b: SavedReport): number {
  const [ga, ka] = urgencyOf(a);
  const [gb, kb] = urgencyOf(b);
  return ga - gb || ka - kb || a.trackingId.localeCompare(b.trackingId);
}
