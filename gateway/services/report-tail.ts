/**
 * New reports, for the admin console's live stream (admin-stream.ts). A submit logs no
 * event (the submit path stays lean), so the stream follows the reports table itself,
 * by a position that goes into the SSE id (`"<event seq>-<position>"`).
 *
 * SQLite: the rowid. One writer, so rowids become visible in order: exact.
 * PostgreSQL: there is no insertion-ordered column, and several processes commit
 * concurrently, so a report may become visible after one created later. The position is
 * the creation time in ms; the live tail looks back LOOKBACK_MS each pass and skips the
 * reports it has already delivered (kept for that window), so a late commit is still
 * delivered, once. A resume replays what was created after the position it names.
 */
import type { Db } from '../db/index.js';

export interface NewReport {
  trackingId: string;
  position: number;
}

export interface ReportTail {
  /** False where the live tail may deliver a report below a stream's position (late commit). */
  readonly exact: boolean;
  /** The position of the newest report now. */
  end(): Promise<number>;
  /** Reports after `from` up to `upTo`, in order (a resume's replay), at most `limit`. */
  between(from: number, upTo: number, limit: number): Promise<NewReport[]>;
  /** Reports the live tail has not delivered yet, from `from` on, in order. */
  fresh(from: number, limit: number): Promise<NewReport[]>;
  /** The tail (re)starts at `end`: what exists up to there counts as delivered. */
  reset(end: number): Promise<void>;
}

export function reportTail(db: Db): ReportTail {
  return db.dialect === 'sqlite' ? new RowidTail(db) : new CreatedAtTail(db);
}

class RowidTail implements ReportTail {
  readonly exact = true;
  constructor(private readonly db: Db) {}

  async end(): Promise<number> {
    return Number((await this.db.get<{ n: number | null }>('SELECT MAX(rowid) AS n FROM reports'))?.n ?? 0);
  }

  async between(from: number, upTo: number, limit: number): Promise<NewReport[]> {
    const rows = await this.db.all<{ rowid: number; tracking_id: string }>(
      'SELECT rowid, tracking_id FROM reports WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?',
      [from, upTo, limit],
    );
    return rows.map((r) => ({ trackingId: r.tracking_id, position: Number(r.rowid) }));
  }

  fresh(from: number, limit: number): Promise<NewReport[]> {
    return this.between(from, Number.MAX_SAFE_INTEGER, limit);
  }

  async reset(): Promise<void> {}
}

/** How late a commit may become visible after its report's creation time and still be delivered live. */
const LOOKBACK_MS = 30_000;

class CreatedAtTail implements ReportTail {
  readonly exact = false;
  /** Delivered (or existing at reset) within the look-back: tracking id → position. */
  private readonly delivered = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async end(): Promise<number> {
    const row = await this.db.get<{ at: string | null }>('SELECT MAX(created_at) AS at FROM reports');
    return row?.at ? Date.parse(row.at) : 0;
  }

  async between(from: number, upTo: number, limit: number): Promise<NewReport[]> {
    return this.rows('created_at > ? AND created_at <= ?', [iso(from), iso(upTo)], limit);
  }

  async fresh(from: number, limit: number): Promise<NewReport[]> {
    const since = from - LOOKBACK_MS;
    for (const [id, position] of this.delivered) if (position <= since) this.delivered.delete(id);
    const out: NewReport[] = [];
    for (const r of await this.rows('created_at > ?', [iso(since)], limit + this.delivered.size)) {
      if (this.delivered.has(r.trackingId) || out.length >= limit) continue;
      this.delivered.set(r.trackingId, r.position);
      out.push(r);
    }
    return out;
  }

  async reset(end: number): Promise<void> {
    this.delivered.clear();
    for (const r of await this.rows('created_at > ? AND created_at <= ?', [iso(end - LOOKBACK_MS), iso(end)], 100_000)) {
      this.delivered.set(r.trackingId, r.position);
    }
  }

  private async rows(where: string, params: unknown[], limit: number): Promise<NewReport[]> {
    const rows = await this.db.all<{ tracking_id: string; created_at: string }>(
      `SELECT tracking_id, created_at FROM reports WHERE ${where} ORDER BY created_at, tracking_id LIMIT ?`,
      [...params, limit],
    );
    return rows.map((r) => ({ trackingId: r.tracking_id, position: Date.parse(r.created_at) }));
  }
}

const iso = (ms: number) => new Date(Math.max(0, ms)).toISOString();
