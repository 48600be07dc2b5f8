/**
 * The event log and the live fan-out.
 *
 * Every change that a watcher should see is appended to the `events` table in the same
 * transaction as the change itself; its rowid (`seq`) is the SSE `id:`, global and
 * monotonic, so a client resumes with one number and replay is a range scan.
 *
 * The log stores the change only (type, time, from/to, clock: ~150 bytes), not the
 * report: storing the whole report made every reply cost its full size again (200
 * replies grew the log by 42 MB). The contract's `report` in each event is the report as
 * it is when the frame is made: at commit for live events, at replay for a resume (the
 * contract allows the latest snapshot; a resuming client wants the current state).
 *
 * On PostgreSQL the seq is handed out under the `events` lock (see append), so seqs
 * commit in order and a resume with one number is exact across processes.
 *
 * Fan-out: after commit the event is serialized ONCE into an SSE frame and written to
 * every subscriber of that tracking id (a Map of Sets), with no per-subscriber work
 * beyond `write()`. That is what lets 10,000 open streams share one event cheaply.
 */
import type { ServerResponse } from 'node:http';
import type { ReportEventType, ReportStatus } from '../../src/contract/index.js';
import type { Db } from '../db/index.js';
import { EVENTS_CHANNEL } from './event-feed.js';
import type { ReportView } from './views.js';

export interface LoggedEvent {
  seq: number;
  trackingId: string;
  frame: string;
}

export interface EventExtra {
  from?: ReportStatus | null;
  to?: ReportStatus | null;
  clockId?: string | null;
}

/** `data` is stored without its id; the id (= seq) is spliced in when the frame is made. */
export function frameOf(seq: number, type: string, dataWithoutId: string): string {
  return `id: ${seq}\nevent: ${type}\ndata: {"id":"${seq}",${dataWithoutId.slice(1)}\n\n`;
}

/** The frame for one change plus a report snapshot (`report` is appended as the last key). */
function frameWithReport(seq: number, type: string, change: string, report: string): string {
  return frameOf(seq, type, `${change.slice(0, -1)},"report":${report}}`);
}

export class EventLog {
  /** `current` gives the report as it is now, for replayed events. */
  constructor(
    private readonly db: Db,
    private readonly current: (trackingId: string) => Promise<ReportView | undefined>,
  ) {}

  /** Call inside the transaction that made the change; publish the result after commit. */
  async append(type: ReportEventType, report: ReportView, at: string, extra: EventExtra = {}): Promise<LoggedEvent> {
    const change = JSON.stringify({
      type,
      trackingId: report.trackingId,
      at,
      ...(extra.from !== undefined ? { from: extra.from } : {}),
      ...(extra.to !== undefined ? { to: extra.to } : {}),
      ...(extra.clockId !== undefined ? { clockId: extra.clockId } : {}),
    });
    // PostgreSQL hands out BIGSERIAL values at insert, not at commit: without this lock a
    // transaction could commit seq 7 before another commits seq 6, and a stream resuming
    // after 7 would never see 6. Held to commit, so seqs become visible in order. Only
    // event-writing transactions take it (a submit logs no event). Taking it again in the
    // same transaction is a no-op wait. SQLite has one writer: nothing to order.
    if (this.db.dialect === 'postgres') {
      await this.db.lock('events');
      // Rings every process's event feed at commit (dropped on rollback): event-feed.ts.
      await this.db.notify(EVENTS_CHANNEL);
    }
    const row = await this.db.get<{ seq: number }>('INSERT INTO events (tracking_id, type, at, data_json) VALUES (?, ?, ?, ?) RETURNING seq', [
      report.trackingId,
      type,
      at,
      change,
    ]);
    const seq = Number(row!.seq);
    return { seq, trackingId: report.trackingId, frame: frameWithReport(seq, type, change, JSON.stringify({ ...report, serverTime: at })) };
  }

  async lastSeq(): Promise<number> {
    const row = await this.db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
    return Number(row?.seq ?? 0);
  }

  /** Events after `seq` for these reports, oldest first (at most `limit`). */
  async replay(afterSeq: number, trackingIds: string[], limit = 1000): Promise<LoggedEvent[]> {
    if (!trackingIds.length) return [];
    const serverTime = new Date().toISOString();
    const reports = new Map<string, string | undefined>();
    const reportOf = async (id: string) => {
      if (!reports.has(id)) {
        const r = await this.current(id);
        reports.set(id, r ? JSON.stringify({ ...r, serverTime }) : undefined);
      }
      return reports.get(id);
    };
    const rows = await this.db.all<{ seq: number; tracking_id: string; type: string; data_json: string }>(
      `SELECT seq, tracking_id, type, data_json FROM events WHERE seq > ? AND tracking_id IN (${trackingIds.map(() => '?').join(', ')})
       ORDER BY seq LIMIT ?`,
      [afterSeq, ...trackingIds, limit],
    );
    const out: LoggedEvent[] = [];
    for (const r of rows) {
      const report = await reportOf(r.tracking_id);
      if (!report) continue;
      const seq = Number(r.seq);
      out.push({ seq, trackingId: r.tracking_id, frame: frameWithReport(seq, r.type, changeOnly(r.data_json), report) });
    }
    return out;
  }
}

/** Rows written before changes-only logging hold a `report` too: keep only the change. */
function changeOnly(data: string): string {
  if (!data.includes('"report":')) return data;
  const { report: _report, ...change } = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify(change);
}

const MAX_QUEUED = 1 << 20;

export interface Subscriber {
  res: ServerResponse;
  trackingIds: string[];
  /** Highest seq already written to this stream: guards against a replay/live overlap. */
  lastSeq: number;
  /** Set while the stream's replay is being written: live events wait here (see deliver). */
  held?: LoggedEvent[];
}

/**
 * In-process fan-out to the open citizen streams of THIS process. ReportService.commit
 * hands it the events of its own commits (ReportService.publish); events committed by
 * other processes reach it through the cross-process feed (services/event-feed.ts).
 */
export class Hub {
  private readonly byReport = new Map<string, Set<Subscriber>>();
  private readonly all = new Set<Subscriber>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(heartbeatMs: number) {
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), heartbeatMs);
      this.heartbeat.unref();
    }
  }

  get size(): number {
    return this.all.size;
  }

  /** True while some stream here follows this report. */
  watches(trackingId: string): boolean {
    return this.byReport.has(trackingId);
  }

  subscribe(sub: Subscriber): () => void {
    this.all.add(sub);
    for (const id of sub.trackingIds) {
      let set = this.byReport.get(id);
      if (!set) this.byReport.set(id, (set = new Set()));
      set.add(sub);
    }
    return () => {
      this.all.delete(sub);
      for (const id of sub.trackingIds) {
        const set = this.byReport.get(id);
        if (!set) continue;
        set.delete(sub);
        if (set.size === 0) this.byReport.delete(id);
      }
    };
  }

  publish(events: LoggedEvent[]): void {
    for (const ev of events) {
      const set = this.byReport.get(ev.trackingId);
      if (!set) continue;
      for (const sub of set) {
        if (sub.held) sub.held.push(ev);
        else write(sub, ev);
      }
    }
  }

  /** Write `events` (e.g. those held during a replay) to one stream, skipping what it already has. */
  deliver(sub: Subscriber, events: LoggedEvent[]): void {
    for (const ev of events) write(sub, ev);
  }

  broadcast(chunk: string): void {
    for (const sub of this.all) if (!sub.res.destroyed) sub.res.write(chunk);
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const sub of this.all) sub.res.end();
    this.all.clear();
    this.byReport.clear();
  }
}

function write(sub: Subscriber, ev: LoggedEvent): void {
  if (sub.lastSeq >= ev.seq || sub.res.destroyed) return;
  sub.lastSeq = ev.seq;
  // A stream that stopped reading (1 MB queued) is cut; its client reconnects with
  // Last-Event-ID and gets the rest from the log, instead of us buffering forever.
  if (sub.res.writableLength > MAX_QUEUED) sub.res.destroy();
  else sub.res.write(ev.frame);
}
