/**
 * The admin console's live stream: every event of the reports an admin's institutions
 * own, including reports filed after the stream opened (which a citizen ticket, bound to
 * a fixed list of tracking ids, can never cover).
 *
 * Design: the same ticket + resumable SSE as the citizen side (`POST /v1/admin/watch`
 * trades the bearer token for a short-lived ticket; `id:` is the event log's seq;
 * `Last-Event-ID` replays from the log). Delivery TAILS the event log instead of hooking
 * the citizen fan-out: one query per interval for all admin streams together, and only
 * while at least one is open. The log is the source of truth, so this stays correct
 * whatever process committed the event, and leaves the citizen hub untouched.
 *
 * Each frame carries the report as it is when delivered (the contract allows the latest
 * snapshot), built by the citizen view: the reporter never travels on the stream; the
 * console reads it from `GET /v1/admin/reports/{id}`.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Store } from './store.js';
import { buildReport } from './views.js';

export interface AdminTicket {
  /** null: every institution (super admin). */
  institutions: string[] | null;
  expiresAt: number;
}

/** Admin tickets, like the citizen ones: random, reusable until expiry, in memory. */
export class AdminTickets {
  private readonly tickets = new Map<string, AdminTicket>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  issue(institutions: string[] | null): { ticket: string; expiresAt: string; institutions: string[] | null } {
    const now = this.now().getTime();
    if (this.tickets.size >= 1000) for (const [k, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(k);
    const ticket = randomBytes(24).toString('base64url');
    const expiresAt = now + this.ttlMs;
    this.tickets.set(ticket, { institutions, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt).toISOString(), institutions };
  }

  get(ticket: string | undefined): AdminTicket | undefined {
    const t = ticket ? this.tickets.get(ticket) : undefined;
    return t && t.expiresAt > this.now().getTime() ? t : undefined;
  }
}

/**
 * Where a stream stands: the last event seq and the last report rowid it has been given.
 * A new report logs no event (a citizen cannot watch what does not exist yet, and the
 * submit path stays one insert), so the tail also follows the reports table by rowid. The
 * SSE id is both, `"<seq>-<rowid>"`, so a resume misses neither.
 */
export interface Cursor {
  seq: number;
  rowid: number;
}

export function parseCursor(raw: string | undefined): Cursor | undefined {
  const m = raw?.trim().match(/^(\d{1,15})-(\d{1,15})$/);
  return m ? { seq: Number(m[1]), rowid: Number(m[2]) } : undefined;
}

export interface AdminSubscriber {
  res: ServerResponse;
  institutions: Set<string> | null;
  /** What this stream has been given (guards the replay/live overlap). */
  at: Cursor;
}

interface EventRow {
  seq: number;
  tracking_id: string;
  type: string;
  at: string;
  data_json: string;
}

interface NewReportRow {
  rowid: number;
  tracking_id: string;
}

interface Delivery {
  at: Cursor;
  /** Institutions that must hear of it; empty: only super admins. */
  owners: string[];
  frame: string;
}

const MAX_QUEUED = 1 << 20;
const BATCH = 500;

export class AdminStream {
  private readonly subs = new Set<AdminSubscriber>();
  private readonly eventsAfter;
  private readonly reportsAfter;
  private readonly maxSeq;
  private readonly maxRowid;
  private timer: NodeJS.Timeout | undefined;
  private lastPing = 0;
  /** What the tail has looked at. */
  private cursor: Cursor = { seq: 0, rowid: 0 };

  constructor(
    private readonly store: Store,
    private readonly options: { intervalMs: number; heartbeatMs: number; maxSubscribers: number },
  ) {
    this.eventsAfter = store.db.prepare<[number, number], EventRow>(
      'SELECT seq, tracking_id, type, at, data_json FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.reportsAfter = store.db.prepare<[number, number], NewReportRow>(
      'SELECT rowid, tracking_id FROM reports WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
    this.maxSeq = store.db.prepare<[], { n: number | null }>('SELECT MAX(seq) AS n FROM events');
    this.maxRowid = store.db.prepare<[], { n: number | null }>('SELECT MAX(rowid) AS n FROM reports');
  }

  get size(): number {
    return this.subs.size;
  }

  get full(): boolean {
    return this.subs.size >= this.options.maxSubscribers;
  }

  /**
   * Add a stream. `resumeAfter` (its Last-Event-ID) replays what it missed up to where
   * the tail stands, synchronously; the tail's next pass continues from there.
   */
  subscribe(sub: AdminSubscriber, resumeAfter: Cursor | undefined): () => void {
    if (this.subs.size === 0) this.cursor = { seq: this.maxSeq.get()?.n ?? 0, rowid: this.maxRowid.get()?.n ?? 0 };
    const upTo = { ...this.cursor };
    // An id from the future (the database was reset since) would hide every new event.
    if (resumeAfter && resumeAfter.seq <= upTo.seq && resumeAfter.rowid <= upTo.rowid) {
      for (const d of this.scan(resumeAfter, upTo)) if (sees(sub, d)) write(sub, d.frame);
    }
    sub.at = upTo;
    this.subs.add(sub);
    this.start();
    return () => {
      this.subs.delete(sub);
      if (this.subs.size === 0) this.stop();
    };
  }

  /** One pass of the tail (the timer calls it; tests may too). */
  poll(): void {
    // The gateway closes the database before the last sockets report their close.
    if (!this.store.db.open) return this.close();
    const from = this.cursor;
    const upTo = { seq: this.maxSeq.get()?.n ?? 0, rowid: this.maxRowid.get()?.n ?? 0 };
    for (const d of this.scan(from, upTo)) {
      this.cursor = d.at;
      for (const sub of this.subs) {
        if (sub.res.destroyed || (d.at.seq <= sub.at.seq && d.at.rowid <= sub.at.rowid)) continue;
        sub.at = d.at;
        if (sees(sub, d)) write(sub, d.frame);
      }
    }
    this.cursor = upTo;
    const now = Date.now();
    if (this.options.heartbeatMs > 0 && now - this.lastPing >= this.options.heartbeatMs) {
      this.lastPing = now;
      for (const sub of this.subs) if (!sub.res.destroyed) sub.res.write(': ping\n\n');
    }
  }

  close(): void {
    this.stop();
    for (const sub of this.subs) sub.res.end();
    this.subs.clear();
  }

  /** Deliveries after `from` up to `upTo`: new reports first, then events, each in order. */
  private *scan(from: Cursor, upTo: Cursor): Generator<Delivery> {
    let at = { ...from };
    while (at.rowid < upTo.rowid) {
      const rows = this.reportsAfter.all(at.rowid, BATCH);
      for (const r of rows) {
        if (r.rowid > upTo.rowid) return;
        at = { ...at, rowid: r.rowid };
        const d = this.delivery(at, r.tracking_id, 'report.updated', undefined, '{}');
        if (d) yield d;
      }
      if (rows.length < BATCH) break;
    }
    at = { ...at, rowid: upTo.rowid };
    while (at.seq < upTo.seq) {
      const rows = this.eventsAfter.all(at.seq, BATCH);
      for (const e of rows) {
        if (e.seq > upTo.seq) return;
        at = { ...at, seq: e.seq };
        const d = this.delivery(at, e.tracking_id, e.type, e.at, e.data_json);
        if (d) yield d;
      }
      if (rows.length < BATCH) break;
    }
  }

  private start(): void {
    if (this.timer) return;
    this.lastPing = Date.now();
    this.timer = setInterval(() => this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The frame for one change and who may see it, or undefined (report gone). */
  private delivery(at: Cursor, trackingId: string, type: string, when: string | undefined, storedJson: string): Delivery | undefined {
    const report = this.store.q.report.get(trackingId);
    if (!report) return undefined;
    // Only the small top-level fields are read from the stored event, whatever else it holds.
    const stored = safeParse(storedJson);
    const id = `${at.seq}-${at.rowid}`;
    const data = {
      id,
      type,
      trackingId,
      at: when ?? report.created_at,
      ...(stored.from !== undefined ? { from: stored.from } : {}),
      ...(stored.to !== undefined ? { to: stored.to } : {}),
      ...(stored.clockId !== undefined ? { clockId: stored.clockId } : {}),
      report: { ...buildReport(this.store, report), serverTime: new Date().toISOString() },
    };
    // Who owned it WHEN it happened (a later forward must not hide a verify from the
    // institution that did it); a forward also reaches the owner it takes the report from.
    const owners = ownersAt(report.transitions_json, when ?? report.created_at, type === 'report.status_changed' && stored.to === 'forwarded');
    const snapshotOwner = stored.report?.institution?.id;
    if (typeof snapshotOwner === 'string' && !owners.includes(snapshotOwner)) owners.push(snapshotOwner);
    return { at, owners, frame: `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n` };
  }
}

function write(sub: AdminSubscriber, frame: string): void {
  // A stream that stopped reading is cut; it resumes from the log with Last-Event-ID.
  if (sub.res.writableLength > MAX_QUEUED) sub.res.destroy();
  else sub.res.write(frame);
}

function sees(sub: AdminSubscriber, d: Delivery): boolean {
  return sub.institutions === null || d.owners.some((id) => sub.institutions!.has(id));
}

interface StoredEvent {
  from?: unknown;
  to?: unknown;
  clockId?: unknown;
  report?: { institution?: { id?: unknown } | null };
}

function safeParse(json: string): StoredEvent {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as StoredEvent) : {};
  } catch {
    return {};
  }
}

/**
 * The institution that owned the report at `at` (the latest transition carrying an
 * institution, at or before it) and, for a forward, the one before that.
 */
function ownersAt(transitionsJson: string, at: string, forward: boolean): string[] {
  const owners = (JSON.parse(transitionsJson) as { at: string; institutionId?: string | null }[]).filter((t) => 'institutionId' in t);
  let index = -1;
  for (let i = 0; i < owners.length; i++) if (owners[i]!.at <= at) index = i;
  const out: string[] = [];
  const current = owners[index]?.institutionId;
  if (current) out.push(current);
  const previous = forward && index > 0 ? owners[index - 1]!.institutionId : null;
  if (previous && !out.includes(previous)) out.push(previous);
  return out;
}
