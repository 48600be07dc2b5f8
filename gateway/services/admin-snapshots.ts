/**
 * The report snapshots admin-stream frames carry, built once and shared: by the pages of
 * the tail and of every replay, and by the consoles replaying the same range. Before, a
 * console replaying 10,000 events over 40 reports built each report 250 times (four
 * queries and a serialization each), and ten consoles did it ten times over.
 *
 * A snapshot may stand for an event only if it was built after that event committed:
 * each records the log's end as read BEFORE it was built (`seq`: every event up to there
 * had committed, with its change, when the report was read), and serves events up to
 * that seq only. So a frame never carries a report older than its own event; a change
 * that logs no event shows within MAX_AGE_MS. Bounded (least recently used goes).
 */
import type { ReportRow, Store } from './store.js';
import { buildReport, type ReportView } from './views.js';

export interface Snapshot {
  row: ReportRow;
  view: ReportView;
  /** `view` serialized, without `serverTime` (spliced in per frame). */
  json: string;
  /** Serves events up to this seq. */
  seq: number;
  builtAt: number;
}

const MAX = 2_000;
const MAX_AGE_MS = 5_000;

export class Snapshots {
  private readonly cache = new Map<string, Snapshot>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** The report for an event of seq `eventSeq` (0: a new report), read at log end `logSeq`; undefined when it is gone. */
  async get(trackingId: string, eventSeq: number, logSeq: number): Promise<Snapshot | undefined> {
    const hit = this.cache.get(trackingId);
    if (hit && hit.seq >= eventSeq && this.now() - hit.builtAt < MAX_AGE_MS) {
      this.cache.delete(trackingId);
      this.cache.set(trackingId, hit);
      return hit;
    }
    const row = await this.store.report(trackingId);
    if (!row) {
      this.cache.delete(trackingId);
      return undefined;
    }
    const view = await buildReport(this.store, row);
    const snapshot: Snapshot = { row, view, json: JSON.stringify(view), seq: logSeq, builtAt: this.now() };
    this.cache.delete(trackingId);
    if (this.cache.size >= MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(trackingId, snapshot);
    return snapshot;
  }
}
