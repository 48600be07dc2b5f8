/**
 * Fan-out across processes (PostgreSQL). A transaction that logs events NOTIFYs
 * `lapor_events` (delivered at commit, dropped on rollback); every process LISTENs, and
 * on each ring reads the event log after its own cursor and writes the new frames to its
 * own subscribers through the in-process Hub.
 *
 * The log stays the source of truth: a ring carries no data, so rings that coalesce or
 * get lost (the LISTEN connection was re-made: db/postgres.ts rings everyone once after)
 * cost nothing, the next read catches up. Event seqs are handed out in commit order
 * (EventLog.append takes lock('events') on PostgreSQL), so a cursor never passes an
 * event that commits later, and `Last-Event-ID` means the same on every process.
 *
 * The process that committed learns of its own events the same way: publishing them
 * directly too could let a subscriber see seq 11 before another process's seq 10.
 */
import type { Db } from '../db/index.js';
import type { EventLog, Hub } from './events.js';

export const EVENTS_CHANNEL = 'lapor_events';

/** Rows per read: a burst larger than this is read in several rounds. */
const PAGE = 1000;

export class EventFeed {
  private cursor = 0;
  private reading: Promise<void> | undefined;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly hub: Hub,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    this.cursor = await this.events.lastSeq();
    this.unlisten = await this.db.listen(EVENTS_CHANNEL, () => void this.ring());
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.reading;
  }

  /** Read now, or once more after the read in progress (one reader at a time keeps the order). */
  ring(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.drain()
      .catch(this.onError)
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      const rows = await this.db.all<{ seq: number; tracking_id: string }>(
        'SELECT seq, tracking_id FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
        [this.cursor, PAGE],
      );
      if (!rows.length) continue;
      const from = this.cursor;
      const to = rows[rows.length - 1]!.seq;
      this.cursor = to;
      // Frames are built only for reports someone here watches.
      const watched = [...new Set(rows.map((r) => r.tracking_id))].filter((id) => this.hub.watches(id));
      if (watched.length) this.hub.publish((await this.events.replay(from, watched, PAGE)).filter((e) => e.seq <= to));
      if (rows.length === PAGE) this.again = true;
    } while (this.again);
  }
}
