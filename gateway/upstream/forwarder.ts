/**
 * Keeps our reports and LAPOR! in step, both ways, from three durable queues (queue.ts):
 *  - `outbox`: create each report's complaint, exactly once;
 *  - `upstream_ops`: forwards, admin responses, citizen replies and ratings, in order per report;
 *  - `upstream_poll`: when each synced report is next asked about (status + every page of
 *    follow-ups), backing off as it ages.
 * Every request spends from one RequestBudget; a 429 pauses everything until Retry-After.
 *
 * Exactly once WITHOUT a search endpoint (LAPOR! has none we know of):
 *  1. attachments are uploaded first and their ids persisted (a re-upload after a crash
 *     only leaves an unused file upstream);
 *  2. the row is set to `creating` and COMMITTED before the create goes out;
 *  3. the complaint id and `done` are committed together;
 *  4. a create that surely did not arrive (connection refused, 429, 401) goes back to
 *     `pending`; one that may have arrived (timeout, 5xx, an answer that does not fit, or a
 *     crash: the row is found in `creating`) is RECOVERED: candidates from a listing are
 *     each read back, and only a complaint whose own content carries our tracking number
 *     as a whole token is adopted. None, or more than one: the row is PARKED for an
 *     operator (admin API), never guessed. A listing that ignores its filter therefore
 *     cannot make us adopt someone else's complaint.
 *
 * One forwarder runs at a time: gateway.ts starts it under `db.leader('forwarder', …)`, and
 * a process that takes over later resumes from the queues alone (a row it finds in
 * `creating` is recovered as above). Every state change is conditional on the state this
 * forwarder saw, and a push is leased before it goes out, so a process that lost the lead
 * while a request was out neither undoes what its successor did nor sends the same thing
 * again. No LAPOR! request is made inside a database transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ReportStatus } from '../../src/contract/index.js';
import { msg, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../db/index.js';
import type { UpstreamOptions } from '../options.js';
import type { ReportService } from '../services/reports.js';
import type { ReportRow } from '../services/store.js';
import { publicReporter } from '../services/views.js';
import { UpstreamError, type OutgoingComplaint, type UpstreamAdapter } from './adapter.js';
import { applyUpstream } from './apply.js';
import type { RequestBudget } from './budget.js';
import { institutionFor, matchInstitutions, resolveIds, type LaporMap } from './mapping.js';
import { UpstreamQueue, type OpRow, type OutboxRow, type OutboxState } from './queue.js';

export type ParkCode = 'mapping' | 'lost_answer' | 'ambiguous' | 'refused';

/** After this many failed attempts the report shows upstream `failed`; retries go on. */
const SHOW_FAILED_AFTER = 5;
/** Candidates read back during recovery, at most (each costs a request). */
const MAX_CANDIDATES = 20;
const HOUR = 3_600_000;
/** An operator's "sync institutions" on any process: the forwarding process syncs too. */
const SYNC_CHANNEL = 'lapor_upstream_sync';

/** An outbox row being worked on, and the state this pass last put it in. */
interface Claim {
  row: OutboxRow;
  state: OutboxState;
}

export class Forwarder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private listening: Promise<() => Promise<void>> | undefined;
  private active = false;
  private stopped = false;
  private readonly queue: UpstreamQueue;
  private readonly map: LaporMap;
  /** Tells this process's own sync notices from others'. */
  private readonly instance = randomUUID();
  /** Our institution id → LAPOR!'s, from the masters list (the map file wins). */
  readonly synced = new Map<string, number>();
  institutionSync: { at: string; matched: number; unmatched: { id: string; name: string; candidates: number }[] } | { at: string; error: string } | undefined;
  /** The last failure; `trackingId` is left out of the public /healthz. */
  lastError: { at: string; message: string; trackingId: string | null } | undefined;

  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly adapter: UpstreamAdapter,
    private readonly opts: UpstreamOptions,
    readonly budget: RequestBudget,
    private readonly regencyName: string,
    private readonly log: (line: string) => void,
  ) {
    this.map = opts.map ?? {};
    this.queue = new UpstreamQueue(db);
  }

  private nowMs(): number {
    return this.reports.now().getTime();
  }

  /** This process now forwards (again): resume from the queues as they are in the database. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.stopped = false;
    if (this.opts.syncInstitutions !== false) this.syncing = this.syncInstitutions();
    this.listening = this.db.listen(SYNC_CHANNEL, (from) => {
      if (this.active && from !== this.instance) this.syncing = this.syncInstitutions(false);
    });
    this.listening.catch((err: unknown) => this.noteError(`listen: ${(err as Error).message}`, null));
    this.exclusive(async () => {
      await this.listening?.catch(() => undefined); // an operator's sync from now on is heard
      await this.queue.pollUnscheduled(this.nowMs());
      // A mapping added since the last run (the map file is read at start) may fit now.
      for (const id of await this.queue.parkedForMapping()) await this.retry(id);
    }).catch((err: unknown) => this.noteError(`start: ${(err as Error).message}`, null));
    const every = this.opts.intervalMs ?? 2000;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.noteError(`pass: ${(err as Error).message}`, null)), every);
      this.timer.unref();
    }
  }

  /**
   * No new pass and no new request; a request already out is waited for and its answer
   * recorded (conditionally, see the file's head), so whoever forwards next finds each row
   * in a state it can resume from.
   */
  async stop(): Promise<void> {
    this.active = false;
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    const listening = this.listening;
    this.listening = undefined;
    await Promise.allSettled([this.running, this.syncing, listening?.then((off) => off())]);
  }

  /** One pass: creates, then pushes, then due polls. Never two passes at once. */
  tick(options: { pollAll?: boolean } = {}): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= (async () => {
      await this.drainCreates();
      await this.drainOps();
      await this.pollDue(options.pollAll ?? false);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Creates and pushes only (tests). */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.exclusive(async () => {
      await this.drainCreates();
      await this.drainOps();
    });
  }

  /** Polls only; `all` ignores each report's schedule (tests, operator "poll now"). */
  poll(all = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.exclusive(() => this.pollDue(all));
  }

  /** Runs `fn` once no pass is running (a failed one included), unless stopped meanwhile. */
  private async exclusive(fn: () => Promise<void>): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    if (this.stopped) return;
    this.running = fn().finally(() => (this.running = undefined));
    return this.running;
  }

  // ---- institutions -------------------------------------------------------------------

  /** `announce`: ask the forwarding process (when it is another one) to sync as well. */
  async syncInstitutions(announce = true): Promise<void> {
    const at = this.reports.now().toISOString();
    try {
      const theirs = await this.adapter.institutions();
      const ours = [...this.reports.store.institutions.values()].filter((i) => this.map.institution?.[i.id] === undefined);
      const { matched, unmatched } = matchInstitutions(ours, theirs, this.regencyName);
      this.synced.clear();
      for (const [k, v] of matched) this.synced.set(k, v);
      this.institutionSync = { at, matched: matched.size, unmatched };
      if (announce && !this.active) await this.db.notify(SYNC_CHANNEL, this.instance);
      for (const id of await this.queue.parkedForMapping()) await this.retry(id);
    } catch (err) {
      this.institutionSync = { at, error: (err as Error).message };
      this.noteError(`institutions: ${(err as Error).message}`, null);
    }
  }

  // ---- create (outbox) ----------------------------------------------------------------

  private async drainCreates(): Promise<void> {
    for (const row of await this.queue.dueCreates(this.nowMs())) {
      if (this.stopped || !this.budget.open) return;
      const claim: Claim = { row, state: row.state };
      try {
        await (row.state === 'creating' ? this.recover(claim) : this.create(claim));
      } catch (err) {
        await this.createFailed(claim, err);
        if (unreachable(err)) return;
      }
    }
  }

  private async create(claim: Claim): Promise<void> {
    const { row } = claim;
    const report = await this.reports.store.report(row.tracking_id);
    if (!report) return;
    const mapped = resolveIds(this.map, this.synced, report);
    if (!mapped.ok) return this.park(claim, 'mapping', { table: mapped.table, key: mapped.key });
    let docs = row.document_ids_json ? (JSON.parse(row.document_ids_json) as number[]) : undefined;
    if (!docs) {
      const files = (await this.reports.store.attachmentsOf(row.tracking_id)).map((a) => ({ name: a.name, mime: a.mime, path: a.file }));
      docs = await this.adapter.uploadAttachments(files);
      if (!(await this.queue.setDocs(row.tracking_id, docs, Date.now()))) return;
    }
    // Committed before the request: whoever finds it `creating` later recovers, never re-sends.
    if (!(await this.queue.claimCreate(row.tracking_id, Date.now()))) return;
    claim.state = 'creating';
    const location = JSON.parse(report.location_json) as { text: string };
    // Anonymous: LAPOR! (and the institutions behind it) never learn who reported.
    const reporter = publicReporter(report);
    const complaint: OutgoingComplaint = {
      trackingId: report.tracking_id,
      title: report.title,
      body: report.body,
      locationText: location.text,
      reporterName: reporter?.name ?? null,
      incidentDate: report.incident_date,
      anonymous: report.anonymous === 1,
      secret: report.secret === 1,
      ...mapped.ids,
    };
    const laporId = await this.adapter.createComplaint(complaint, docs);
    await this.linked(row.tracking_id, laporId);
  }

  private async recover(claim: Claim): Promise<void> {
    const trackingId = claim.row.tracking_id;
    const matches: string[] = [];
    for (const id of (await this.adapter.candidates(trackingId)).slice(0, MAX_CANDIDATES)) {
      let content: string | null;
      try {
        content = (await this.adapter.detail(id)).content;
      } catch (err) {
        // A candidate we may not read (404/403) is not ours to adopt; anything else: try again later.
        if (err instanceof UpstreamError && err.kind === 'refused') continue;
        throw err;
      }
      if (content && this.adapter.contentNames(content, trackingId) && !matches.includes(id)) matches.push(id);
    }
    if (matches.length === 1) await this.linked(trackingId, matches[0]!);
    else await this.park(claim, matches.length === 0 ? 'lost_answer' : 'ambiguous', { n: matches.length, ids: matches.join(', ') });
  }

  private async createFailed(claim: Claim, err: unknown): Promise<void> {
    const { row } = claim;
    const message = err instanceof Error ? err.message : String(err);
    this.noteError(`create: ${message}`, row.tracking_id);
    const kind = err instanceof UpstreamError ? err.kind : 'ambiguous';
    if (kind === 'refused' && row.state !== 'creating') return this.park(claim, 'refused', { error: message }, message);
    // Not sent: the create certainly did not happen. Sent (or unsure): recover next time.
    const state = kind === 'unsent' || kind === 'throttled' ? (row.state === 'creating' ? 'creating' : 'pending') : claim.state;
    const attempts = row.attempts + 1;
    const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : this.backoff(attempts);
    const rescheduled = await this.queue.reschedule(row.tracking_id, claim.state, state, attempts, this.nowMs() + wait, message, Date.now());
    if (rescheduled && attempts >= SHOW_FAILED_AFTER) await this.setReportState(row.tracking_id, 'failed');
  }

  private backoff(attempts: number): number {
    const base = this.opts.backoffMs ?? 1000;
    const max = this.opts.maxBackoffMs ?? 5 * 60_000;
    // Exponential with jitter, so a recovering LAPOR! is not hit by a thundering herd.
    return Math.min(max, base * 2 ** Math.min(attempts - 1, 20)) * (0.5 + Math.random() / 2);
  }

  /** False when the row was done already (linked by someone else): nothing changes then. */
  private async linked(trackingId: string, laporId: string): Promise<boolean> {
    const { linked } = await this.reports.commit(async () => {
      if (!(await this.queue.done(trackingId, laporId, Date.now()))) return { linked: false, events: [] };
      const at = this.reports.now().toISOString();
      await this.queue.markSynced(trackingId, laporId, at);
      await this.queue.schedulePoll(trackingId, this.nowMs() + this.pollEvery(at));
      await this.reports.addTimeline(trackingId, { at, type: 'upstream', note: laporId });
      return { linked: true, events: [await this.reports.logEvent(trackingId, 'report.upstream_synced', at)] };
    });
    return linked;
  }

  private async park(claim: Claim, code: ParkCode, params: Record<string, string | number>, error: string | null = null): Promise<void> {
    const trackingId = claim.row.tracking_id;
    const parked = await this.reports.commit(async () => {
      if (!(await this.queue.park(trackingId, claim.state, code, JSON.stringify(params), error, Date.now()))) return { parked: false, events: [] };
      return { parked: true, events: await this.reportStateEvents(trackingId, 'failed') };
    });
    if (parked.parked) this.log(`[upstream] ${trackingId} parked: ${msg('en', `upstream.parked.${code}` as MessageKey, params)}`);
  }

  /** Operator: send a parked report again (after fixing the map, or after checking LAPOR! has no complaint for it). */
  async retry(trackingId: string): Promise<boolean> {
    const { retried } = await this.reports.commit(async () => {
      if (!(await this.queue.unpark(trackingId, this.nowMs(), Date.now()))) return { retried: false, events: [] };
      return { retried: true, events: await this.reportStateEvents(trackingId, 'pending') };
    });
    return retried;
  }

  /**
   * Operator: this LAPOR! complaint is ours. Accepted only when its own content carries
   * our tracking number: an operator's typo must not link a stranger's complaint either.
   */
  async link(trackingId: string, laporId: string): Promise<'linked' | 'not_parked' | 'not_ours'> {
    const row = await this.queue.outbox(trackingId);
    if (!row || (row.state !== 'parked' && row.state !== 'creating')) return 'not_parked';
    const d = await this.adapter.detail(laporId);
    if (!d.content || !this.adapter.contentNames(d.content, trackingId)) return 'not_ours';
    return (await this.linked(trackingId, laporId)) ? 'linked' : 'not_parked';
  }

  private async setReportState(trackingId: string, state: 'failed' | 'pending'): Promise<void> {
    await this.reports.commit(async () => ({ events: await this.reportStateEvents(trackingId, state) }));
  }

  /** Inside a transaction: the report's upstream state, and the event when it changed. */
  private async reportStateEvents(trackingId: string, state: 'failed' | 'pending') {
    if (!(await this.queue.setUpstreamState(trackingId, state))) return [];
    return [await this.reports.logEvent(trackingId, 'report.updated', this.reports.now().toISOString())];
  }

  // ---- pushes (upstream_ops) ----------------------------------------------------------

  private async drainOps(): Promise<void> {
    // Each query yields at most one op per report (they go in order): ask again until
    // nothing is due, a few rounds at most per pass.
    for (let round = 0; round < 10; round++) {
      const due = await this.queue.dueOps(this.nowMs());
      if (due.length === 0) return;
      for (const op of due) {
        if (this.stopped || !this.budget.open) return;
        if (!(await this.pushOne(op))) return;
      }
    }
  }

  /** False when LAPOR! cannot be reached now (the pass stops there). */
  private async pushOne(op: OpRow): Promise<boolean> {
    // Longer than any one request may take (the adapter gives up at timeoutMs).
    const lease = 2 * (this.opts.timeoutMs ?? 30_000);
    if (!(await this.queue.leaseOp(op, this.nowMs(), this.nowMs() + lease))) return true;
    try {
      await this.push(op);
      await this.queue.opDone(op.id, Date.now());
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.noteError(`${op.kind}: ${message}`, op.tracking_id);
      if (err instanceof UpstreamError && err.kind === 'refused') await this.queue.opPark(op.id, message, Date.now());
      else {
        // A lost answer may mean LAPOR! has it already: a follow-up can arrive twice (at least once).
        const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : this.backoff(op.attempts + 1);
        await this.queue.opRetry(op, this.nowMs() + wait, message, Date.now());
      }
      return !unreachable(err);
    }
  }

  private async push(op: OpRow): Promise<void> {
    const report = (await this.reports.store.report(op.tracking_id))!;
    const laporId = report.lapor_id!;
    const p = JSON.parse(op.payload_json) as { institutionId?: string; score?: number };
    if (op.kind === 'forward') {
      // The create carried the owner at send time: a forward queued before it is in it already.
      const seen = (await this.queue.outbox(op.tracking_id))?.ops_seen;
      if (seen && op.id <= seen) return;
      const target = institutionFor(this.map, this.synced, p.institutionId!);
      if (target === undefined) throw new UpstreamError(msg('en', 'upstream.parked.mapping', { table: 'institution', key: p.institutionId! }), 'refused');
      const name = this.reports.store.institutions.get(p.institutionId!)?.name ?? p.institutionId!;
      return this.adapter.forward(laporId, target, msg('id', 'upstream.content.forward', { institution: name }));
    }
    if (op.kind === 'rating') {
      return this.adapter.addFollowup(laporId, { content: ownText(op), rating: p.score!, secret: report.secret === 1 });
    }
    return this.adapter.addFollowup(laporId, { content: ownText(op), rating: 0, secret: report.secret === 1 });
  }

  // ---- polling ------------------------------------------------------------------------

  /** Minutes while a report is young, hours once it is old: LAPOR! is not ours to hammer. */
  private pollEvery(createdAt: string): number {
    const age = this.nowMs() - Date.parse(createdAt);
    const base = this.opts.pollIntervalMs ?? 5 * 60_000;
    if (age < 24 * HOUR) return base;
    if (age < 7 * 24 * HOUR) return Math.max(base, HOUR);
    return Math.max(base, 6 * HOUR);
  }

  private async pollDue(all: boolean): Promise<void> {
    for (const row of await this.queue.duePolls<ReportRow>(all ? Number.MAX_SAFE_INTEGER : this.nowMs())) {
      if (this.stopped || !this.budget.open) return;
      const laporId = row.lapor_id!;
      try {
        const detail = await this.adapter.detail(laporId);
        const followups = await this.adapter.followups(laporId);
        const own = new Set((await this.queue.ownPayloads(row.tracking_id)).map((o) => ownText(o)));
        const status: ReportStatus = await applyUpstream(this.reports, this.queue, row.tracking_id, detail, followups, own);
        if (status === 'completed' || status === 'archived') await this.queue.stopPoll(row.tracking_id);
        else await this.queue.polled(row.tracking_id, this.nowMs() + this.pollEvery(row.created_at), this.nowMs(), null, 0);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.noteError(`poll: ${message}`, row.tracking_id);
        const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : Math.min(this.pollEvery(row.created_at), this.backoff(row.failures + 1));
        await this.queue.polled(row.tracking_id, this.nowMs() + wait, this.nowMs(), message, row.failures + 1);
        if (unreachable(err)) return;
      }
    }
  }

  private noteError(message: string, trackingId: string | null): void {
    this.lastError = { at: this.reports.now().toISOString(), message, trackingId };
    this.log(`[upstream] ${trackingId ?? ''} ${message}`);
  }
}

/**
 * LAPOR! is down, refusing us (401/403), throttling, or our budget is spent: the rest of the
 * pass would fail the same way, so it stops (one request per pass while LAPOR! is away).
 */
function unreachable(err: unknown): boolean {
  return err instanceof UpstreamError && (err.kind === 'unsent' || err.kind === 'throttled');
}

/** The text we send for a push (and so recognise when LAPOR! lists it back). */
export function ownText(op: { payload_json: string }): string {
  const p = JSON.parse(op.payload_json) as { message?: string; score?: number; comment?: string | null };
  if (p.message !== undefined) return p.message;
  if (p.score !== undefined) return p.comment?.trim() || msg('id', 'upstream.content.rating', { score: p.score });
  return '';
}
