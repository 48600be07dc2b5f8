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
import type { ServerResponse } from 'node:http';
import type { Store } from './store.js';
import { reportTail, type ReportTail } from './report-tail.js';
import { SealedTickets } from './tickets.js';
import { buildReport } from './views.js';

export interface AdminTicket {
  /** null: every institution (super admin). */
  institutions: string[] | null;
  expiresAt: number;
}

/** Admin tickets, like the citizen ones (services/tickets.ts): sealed, reusable until expiry, valid on every process. */
export class AdminTickets {
  private readonly sealed: SealedTickets<{ institutions: string[] | null }>;

  constructor(secret: Buffer, ttlMs: number, now: () => Date) {
    this.sealed = new SealedTickets(secret, 'admin-watch', ttlMs, now);
  }

  issue(institutions: string[] | null): { ticket: string; expiresAt: string; institutions: string[] | null } {
    const { ticket, expiresAt } = this.sealed.issue({ institutions });
    return { ticket, expiresAt: new Date(expiresAt).toISOString(), institutions };
  }

  get(ticket: string | undefined): AdminTicket | undefined {
    const t = this.sealed.open(ticket);
    if (!t || !(t.institutions === null || Array.isArray(t.institutions))) return undefined;
    return { institutions: t.institutions, expiresAt: t.expiresAt };
  }
}

/**
 * Where a stream stands: the last event seq and the last report position it has been
 * given. A new report logs no event (a citizen cannot watch what does not exist yet, and
 * the submit path stays lean), so the tail also follows the reports table (report-tail.ts:
 * the rowid on SQLite). The SSE id is both, `"<seq>-<rowid>"`, so a resume misses neither.
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

interface Delivery {
  at: Cursor;
  /** A new report (not an event): judged by its position, see deliverTo. */
  report?: number;
  /** Institutions that must hear of it; empty: only super admins. */
  owners: string[];
  frame: string;
}

const MAX_QUEUED = 1 << 20;
const BATCH = 500;

export class AdminStream {
  private readonly subs = new Set<AdminSubscriber>();
  private timer: NodeJS.Timeout | undefined;
  /** Passes and subscriptions run one at a time (each reads or moves the cursor). */
  private serial: Promise<unknown> = Promise.resolve();
  private pollQueued: Promise<void> | undefined;
  private lastPing = 0;
  /** What the tail has looked at. */
  private cursor: Cursor = { seq: 0, rowid: 0 };
  private readonly reports: ReportTail;

  constructor(
    private readonly store: Store,
    private readonly options: { intervalMs: number; heartbeatMs: number; maxSubscribers: number },
  ) {
    this.reports = reportTail(store.db);
  }

  private async eventsAfter(seq: number, limit: number): Promise<EventRow[]> {
    const rows = await this.store.db.all<EventRow>('SELECT seq, tracking_id, type, at, data_json FROM events WHERE seq > ? ORDER BY seq LIMIT ?', [
      seq,
      limit,
    ]);
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** Where the log and the reports table end now. */
  private async ends(): Promise<Cursor> {
    const seq = await this.store.db.get<{ n: number | null }>('SELECT MAX(seq) AS n FROM events');
    return { seq: Number(seq?.n ?? 0), rowid: await this.reports.end() };
  }

  get size(): number {
    return this.subs.size;
  }

  get full(): boolean {
    return this.subs.size >= this.options.maxSubscribers;
  }

  /**
   * Add a stream. `resumeAfter` (its Last-Event-ID) replays what it missed up to where
   * the tail stands; the tail's next pass continues from there. No pass runs meanwhile
   * (it would move the cursor under the replay).
   */
  subscribe(sub: AdminSubscriber, resumeAfter: Cursor | undefined): Promise<() => void> {
    return this.exclusive(() => this.add(sub, resumeAfter));
  }

  private async add(sub: AdminSubscriber, resumeAfter: Cursor | undefined): Promise<() => void> {
    if (this.subs.size === 0) {
      this.cursor = await this.ends();
      await this.reports.reset(this.cursor.rowid);
    }
    const upTo = { ...this.cursor };
    // An id from the future (the database was reset since) would hide every new event.
    if (resumeAfter && resumeAfter.seq <= upTo.seq && resumeAfter.rowid <= upTo.rowid) {
      for (const d of await this.scan(resumeAfter, upTo, false)) if (sees(sub, d)) write(sub, d.frame);
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
  poll(): Promise<void> {
    // A pass already waiting covers this call too: slow passes never pile up.
    this.pollQueued ??= this.exclusive(async () => {
      this.pollQueued = undefined;
      // The gateway closes the database before the last sockets report their close; any
      // failed pass ends the streams, whose clients resume with Last-Event-ID.
      await this.pass().catch(() => this.close());
    });
    return this.pollQueued;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.serial.then(fn);
    this.serial = run.catch(() => undefined);
    return run;
  }

  private async pass(): Promise<void> {
    const from = this.cursor;
    const upTo = await this.ends();
    for (const d of await this.scan(from, upTo, true)) {
      this.cursor = d.at;
      for (const sub of this.subs) {
        if (sub.res.destroyed || !isNewTo(sub, d, this.reports.exact)) continue;
        sub.at = { seq: Math.max(sub.at.seq, d.at.seq), rowid: Math.max(sub.at.rowid, d.at.rowid) };
        if (sees(sub, d)) write(sub, d.frame);
      }
    }
    this.cursor = { seq: upTo.seq, rowid: Math.max(upTo.rowid, this.cursor.rowid) };
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

  /**
   * Deliveries after `from` up to `upTo`: new reports first, then events, each in order.
   * `live`: the tail's pass (new reports it has not delivered, late commits included);
   * else a resume's replay (reports positioned between the two).
   */
  private async scan(from: Cursor, upTo: Cursor, live: boolean): Promise<Delivery[]> {
    const out: Delivery[] = [];
    let at = { ...from };
    for (;;) {
      const rows = live ? await this.reports.fresh(at.rowid, BATCH) : await this.reports.between(at.rowid, upTo.rowid, BATCH);
      for (const r of rows) {
        at = { ...at, rowid: Math.max(at.rowid, r.position) };
        const d = await this.delivery(at, r.trackingId, 'report.updated', undefined, '{}');
        if (d) out.push({ ...d, report: r.position });
      }
      if (rows.length < BATCH) break;
    }
    at = { ...at, rowid: Math.max(at.rowid, upTo.rowid) };
    while (at.seq < upTo.seq) {
      const rows = await this.eventsAfter(at.seq, BATCH);
      for (const e of rows) {
        if (e.seq > upTo.seq) return out;
        at = { ...at, seq: e.seq };
        const d = await this.delivery(at, e.tracking_id, e.type, e.at, e.data_json);
        if (d) out.push(d);
      }
      if (rows.length < BATCH) break;
    }
    return out;
  }

  private start(): void {
    if (this.timer) return;
    this.lastPing = Date.now();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The frame for one change and who may see it, or undefined (report gone). */
  private async delivery(at: Cursor, trackingId: string, type: string, when: string | undefined, storedJson: string): Promise<Delivery | undefined> {
    const report = await this.store.report(trackingId);
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
      report: { ...(await buildReport(this.store, report)), serverTime: new Date().toISOString() },
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

/**
 * Whether `sub` still lacks `d`. An event: by seq. A new report: by position where
 * positions are exact (SQLite); where a report may commit after a later one (PostgreSQL)
 * the tail itself delivers each report once, so every live stream takes it.
 */
function isNewTo(sub: AdminSubscriber, d: Delivery, exact: boolean): boolean {
  if (d.report === undefined) return d.at.seq > sub.at.seq;
  return !exact || d.report > sub.at.rowid;
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
