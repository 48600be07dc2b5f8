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
 * console reads it from `GET /v1/admin/reports/{id}`. Who gets a frame is decided by who
 * may see the report now (admin-recipients.ts).
 *
 * Work is bounded and yields (issue 23: one console replaying from `0-0` over 10,000
 * events stalled citizen requests 4.1 s, ten of them 39 s; every replay collected
 * everything, then cut the stream at 1 MB, so a console back from a long gap never
 * caught up and rescanned every 3 s):
 * - the tail and every replay read PAGE deliveries at a time and give the event loop
 *   back between pages (better-sqlite3 answers synchronously: a loop of awaited queries
 *   never lets a request in by itself);
 * - a resume replays from its cursor in pages, each written only once the previous one
 *   has drained (a slow console is paced, not cut), at most REPLAYS at a time, while
 *   the tail keeps feeding every other console;
 * - a resume from further back than the horizon is not replayed at all: the stream
 *   says `event: admin.reload` (src/contract/admin.ts) and the console reloads its queue.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_RELOAD_EVENT, type AdminReload } from '../../src/contract/index.js';
import { forwardAway } from './admin-recipients.js';
import type { Store } from './store.js';
import { reportTail, type ReportTail } from './report-tail.js';
import { SealedTickets } from './tickets.js';
import { Snapshots } from './admin-snapshots.js';
import type { ReportView } from './views.js';

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

const cursorId = (c: Cursor) => `${c.seq}-${c.rowid}`;

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
  /** A new report (not an event): judged by its position, see isNewTo. */
  report?: number;
  /** The institution that may see the report now (null: none, only super admins). */
  owner: string | null;
  frame: string;
  /** A forward away: the institution it left hears of it, with the report as of then. */
  away?: { institution: string; frame: string };
}

/** One page of deliveries, and how far it reached (all of `upTo`, or less when full). */
interface Page {
  deliveries: Delivery[];
  reached: Cursor;
  complete: boolean;
}

export interface AdminStreamOptions {
  intervalMs: number;
  heartbeatMs: number;
  maxSubscribers: number;
  /** A resume further back than this many events (or new reports) reloads instead of replaying. Default 1,000. */
  replayHorizon?: number;
}

/** A live stream that stopped reading is cut at this much queued; it resumes from the log. */
const MAX_QUEUED = 1 << 20;
/** Deliveries per page (tail pass or replay step), then the event loop gets a turn. */
const PAGE = 100;
/** A replay writes its next page only below this much queued on its socket. */
const REPLAY_HIGH_WATER = 256 * 1024;
/** A replaying console that reads nothing for this long is cut (it resumes later). */
const DRAIN_TIMEOUT_MS = 30_000;
/** Replays running at once; more wait their turn (their streams are open and pinged). */
const REPLAYS = 2;
/** The longest pause after a replay page (a page that took longer was a stall elsewhere). */
const MAX_PAUSE_MS = 50;

export class AdminStream {
  /** Streams fed by the tail. */
  private readonly subs = new Set<AdminSubscriber>();
  /** Streams still catching up from their Last-Event-ID. */
  private readonly replaying = new Set<AdminSubscriber>();
  private timer: NodeJS.Timeout | undefined;
  /** Passes and subscriptions run one at a time (each reads or moves the cursor). */
  private serial: Promise<unknown> = Promise.resolve();
  private pollQueued: Promise<void> | undefined;
  private lastPing = 0;
  /** What the tail has looked at. */
  private cursor: Cursor = { seq: 0, rowid: 0 };
  private readonly reports: ReportTail;
  private readonly horizon: number;
  private replaysRunning = 0;
  /** The replay page running or pausing now (see paced). */
  private pacer: Promise<void> = Promise.resolve();
  private readonly replayQueue: (() => void)[] = [];
  private readonly snapshots: Snapshots;

  constructor(
    private readonly store: Store,
    private readonly options: AdminStreamOptions,
  ) {
    this.reports = reportTail(store.db);
    this.horizon = options.replayHorizon ?? 1000;
    this.snapshots = new Snapshots(store);
  }

  private async eventsAfter(seq: number, upTo: number, limit: number): Promise<EventRow[]> {
    const rows = await this.store.db.all<EventRow>('SELECT seq, tracking_id, type, at, data_json FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?', [
      seq,
      upTo,
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
    return this.subs.size + this.replaying.size;
  }

  get full(): boolean {
    return this.size >= this.options.maxSubscribers;
  }

  /**
   * Add a stream. Without a usable Last-Event-ID it starts live at the tail (the console
   * loads its queue itself); from within the horizon it replays what it missed in pages,
   * then joins the tail; from further back it is told to reload. Resolves once it is
   * added (a replay goes on after that); the function returned removes it.
   *
   * `open` sends the response head. It is called once the stream's starting point is
   * fixed and before its first frame: a client that sees the stream open and then files
   * a report (on any process) gets that report. Opened first, a report committed before
   * the starting point was read counted as already there, and was never delivered.
   */
  subscribe(sub: AdminSubscriber, resumeAfter: Cursor | undefined, open: () => void): Promise<() => void> {
    return this.exclusive(async () => {
      if (this.size === 0) {
        this.cursor = await this.ends();
        await this.reports.reset(this.cursor.rowid);
      }
      const upTo = { ...this.cursor };
      open();
      // An id from the future (the database was reset since) would hide every new event.
      const usable = resumeAfter && resumeAfter.seq <= upTo.seq && resumeAfter.rowid <= upTo.rowid;
      if (usable && (await this.beyondHorizon(resumeAfter, upTo))) {
        const reload: AdminReload = { id: cursorId(upTo), reason: 'horizon' };
        sub.res.write(`id: ${reload.id}\nevent: ${ADMIN_RELOAD_EVENT}\ndata: ${JSON.stringify(reload)}\n\n`);
        sub.at = upTo;
        this.subs.add(sub);
      } else if (usable) {
        sub.at = { ...resumeAfter };
        this.replaying.add(sub);
        void this.replay(sub);
      } else {
        sub.at = upTo;
        this.subs.add(sub);
      }
      this.start();
      return () => {
        this.subs.delete(sub);
        this.replaying.delete(sub);
        if (this.size === 0) this.stop();
      };
    });
  }

  /** More than `horizon` events, or new reports, lie between `from` and `upTo` (bounded queries). */
  private async beyondHorizon(from: Cursor, upTo: Cursor): Promise<boolean> {
    if (upTo.seq - from.seq > this.horizon) return true;
    return (await this.reports.between(from.rowid, upTo.rowid, this.horizon + 1)).length > this.horizon;
  }

  /** Catch `sub` up from its cursor to the tail's, a page at a time, then hand it to the tail. */
  private async replay(sub: AdminSubscriber): Promise<void> {
    await this.replaySlot();
    try {
      while (this.replaying.has(sub) && !sub.res.destroyed) {
        // Checked and joined in one synchronous step: the tail moves its cursor and writes
        // to its streams in one step too, so nothing falls between the two.
        const target = { ...this.cursor };
        if (sub.at.seq >= target.seq && sub.at.rowid >= target.rowid) {
          this.replaying.delete(sub);
          this.subs.add(sub);
          return;
        }
        const page = await this.paced(async () => {
          const read = await this.page(sub.at, target, false);
          // One write per page, not one per frame: a syscall each was most of a replay's cost.
          let chunk = '';
          for (const d of read.deliveries) chunk += frameFor(sub, d) ?? '';
          if (chunk) sub.res.write(chunk);
          return read;
        });
        sub.at = { seq: Math.max(sub.at.seq, page.reached.seq), rowid: Math.max(sub.at.rowid, page.reached.rowid) };
        if (sub.res.writableLength > REPLAY_HIGH_WATER && !(await drained(sub.res))) sub.res.destroy();
      }
    } catch {
      // The database closed under it (shutdown), or the socket failed: the client resumes later.
      sub.res.destroy();
    } finally {
      this.replaying.delete(sub);
      this.releaseReplaySlot();
    }
  }

  /**
   * One replay page at a time, and after each a pause as long as the page took: replays
   * together take at most half of the event loop, in slices of one page, so a citizen's
   * request (several turns of the loop) never queues behind page after page. A replay
   * takes longer; nobody else waits for it.
   */
  private paced<T>(step: () => Promise<T>): Promise<T> {
    const run = this.pacer.then(async () => {
      const started = performance.now();
      try {
        return await step();
      } finally {
        await sleep(Math.min(MAX_PAUSE_MS, performance.now() - started));
      }
    });
    this.pacer = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async replaySlot(): Promise<void> {
    if (this.replaysRunning >= REPLAYS) await new Promise<void>((resolve) => this.replayQueue.push(resolve));
    this.replaysRunning++;
  }

  private releaseReplaySlot(): void {
    this.replaysRunning--;
    this.replayQueue.shift()?.();
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

  /** One page of the tail; a backlog (a burst of changes) continues on the next turn. */
  private async pass(): Promise<void> {
    const upTo = await this.ends();
    const page = await this.page(this.cursor, upTo, true);
    for (const d of page.deliveries) {
      this.cursor = d.at;
      for (const sub of this.subs) {
        if (sub.res.destroyed || !isNewTo(sub, d, this.reports.exact)) continue;
        sub.at = { seq: Math.max(sub.at.seq, d.at.seq), rowid: Math.max(sub.at.rowid, d.at.rowid) };
        const frame = frameFor(sub, d);
        if (frame) write(sub, frame);
      }
    }
    this.cursor = { seq: Math.max(this.cursor.seq, page.reached.seq), rowid: Math.max(this.cursor.rowid, page.reached.rowid) };
    if (!page.complete) setImmediate(() => void this.poll());
    const now = Date.now();
    if (this.options.heartbeatMs > 0 && now - this.lastPing >= this.options.heartbeatMs) {
      this.lastPing = now;
      for (const sub of [...this.subs, ...this.replaying]) if (!sub.res.destroyed) sub.res.write(': ping\n\n');
    }
  }

  close(): void {
    this.stop();
    for (const sub of [...this.subs, ...this.replaying]) sub.res.end();
    this.subs.clear();
    this.replaying.clear();
  }

  /**
   * Up to PAGE deliveries after `from`, up to `upTo`: new reports first, then events, each
   * in order. `live`: the tail's pass (new reports it has not delivered, late commits
   * included); else a replay (reports positioned between the two).
   */
  private async page(from: Cursor, upTo: Cursor, live: boolean): Promise<Page> {
    const deliveries: Delivery[] = [];
    const serverTime = new Date().toISOString();
    let at = { ...from };
    const rows = live ? await this.reports.fresh(at.rowid, PAGE) : await this.reports.between(at.rowid, upTo.rowid, PAGE);
    for (const r of rows) {
      at = { ...at, rowid: Math.max(at.rowid, r.position) };
      const d = await this.delivery(at, upTo.seq, r.trackingId, 'report.updated', undefined, '{}', serverTime);
      if (d) deliveries.push({ ...d, report: r.position });
    }
    if (rows.length === PAGE) return { deliveries, reached: at, complete: false };
    at = { ...at, rowid: Math.max(at.rowid, upTo.rowid) };
    const events = await this.eventsAfter(at.seq, upTo.seq, PAGE - rows.length);
    for (const e of events) {
      at = { ...at, seq: e.seq };
      const d = await this.delivery(at, upTo.seq, e.tracking_id, e.type, e.at, e.data_json, serverTime);
      if (d) deliveries.push(d);
    }
    if (events.length === PAGE - rows.length && at.seq < upTo.seq) return { deliveries, reached: at, complete: false };
    return { deliveries, reached: { ...at, seq: upTo.seq }, complete: true };
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

  /** The frame(s) for one change and who may see them, or undefined (report gone). */
  private async delivery(
    at: Cursor,
    logSeq: number,
    trackingId: string,
    type: string,
    when: string | undefined,
    storedJson: string,
    serverTime: string,
  ): Promise<Omit<Delivery, 'report'> | undefined> {
    const snapshot = await this.snapshots.get(trackingId, when === undefined ? 0 : at.seq, logSeq);
    if (!snapshot) return undefined;
    const { row, view } = snapshot;
    // Only the small top-level fields are read from the stored event, whatever else it holds.
    const stored = safeParse(storedJson);
    const id = cursorId(at);
    const change = JSON.stringify({
      id,
      type,
      trackingId,
      at: when ?? row.created_at,
      ...(stored.from !== undefined ? { from: stored.from } : {}),
      ...(stored.to !== undefined ? { to: stored.to } : {}),
      ...(stored.clockId !== undefined ? { clockId: stored.clockId } : {}),
    });
    // The report goes last, its serialization shared: `{…change, "report": {…report, serverTime}}`.
    const frame = (reportJson: string) =>
      `id: ${id}\nevent: ${type}\ndata: ${change.slice(0, -1)},"report":${reportJson.slice(0, -1)},"serverTime":"${serverTime}"}}\n\n`;
    const forward = type === 'report.status_changed' && stored.to === 'forwarded' && when ? forwardAway(this.store, row, view, when) : undefined;
    return {
      at,
      owner: row.institution_id,
      frame: frame(snapshot.json),
      ...(forward ? { away: { institution: forward.from, frame: frame(JSON.stringify(forward.view)) } } : {}),
    };
  }
}

/** Resolves true once `res` has drained, false when it did not within DRAIN_TIMEOUT_MS or closed. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), DRAIN_TIMEOUT_MS);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
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

/** What `sub` gets of `d`: the report now if it may see it now, the report as of a forward away from it, or nothing. */
function frameFor(sub: AdminSubscriber, d: Delivery): string | undefined {
  if (sub.institutions === null || (d.owner !== null && sub.institutions.has(d.owner))) return d.frame;
  if (d.away && sub.institutions.has(d.away.institution)) return d.away.frame;
  return undefined;
}

interface StoredEvent {
  from?: unknown;
  to?: unknown;
  clockId?: unknown;
}

function safeParse(json: string): StoredEvent {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as StoredEvent) : {};
  } catch {
    return {};
  }
}
