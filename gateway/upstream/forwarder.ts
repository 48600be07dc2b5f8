/**
 * Keeps our reports and LAPOR! in step, both ways, from three durable queues (queue.ts):
 *  - `outbox`: create each report's complaint, exactly once;
 *  - `upstream_ops`: forwards, admin responses, citizen replies and ratings, in order per report;
 *  - `upstream_poll`: when each synced report is next asked about (status + follow-ups),
 *    backing off as it ages.
 *
 * Lanes: up to `concurrency` reports are worked on at once, each by one task that does, in
 * order, its create, then its pushes one after another, then its poll. A report is never
 * in two tasks, so its pushes stay after its create and in order, while one slow or hung
 * request (a create may take 90 s) holds up only its own report.
 *
 * Pacing: every request spends from one RequestBudget; a 429 pauses everything until
 * Retry-After. While LAPOR! cannot be reached (or at start, before its first answer) a
 * pass sends ONE report as a probe, and fills the lanes only once LAPOR! answers. A 401/403
 * is a credentials problem, not a report's: the forwarder pauses (one probe every
 * `credentialsProbeMs`), says so loudly (log, /healthz state, the operator view, the start
 * banner) and keeps every report pending; nothing is parked or lost for it.
 *
 * Exactly once WITHOUT any lookup (no public client shows a way to find a complaint by our
 * tracking number, so none is used):
 *  1. attachments are uploaded first and their ids persisted (a re-upload after a crash
 *     only leaves an unused file upstream);
 *  2. the row is set to `creating`, with what is being sent (evidence), and COMMITTED
 *     before the create goes out; it is not due again until that request must have ended;
 *  3. the complaint id and `done` are committed together;
 *  4. a create that surely did not arrive (no connection, 429, 401/403, `success: false`,
 *     a 4xx) goes back to `pending` or is held as refused; one that may have arrived
 *     (timeout, 5xx, a redirect, an answer without one clear id, or a crash: the row is
 *     found `creating` after its time) is PARKED as `lost_answer` with the evidence (what
 *     we sent, when, what came back) so an operator finds it on LAPOR!'s own screen and
 *     links it (accepted only if that complaint's content carries our tracking number),
 *     or sends it again after checking LAPOR! has none.
 *
 * One forwarder runs at a time: gateway.ts starts it under `db.leader('forwarder', …)`, and
 * a process that takes over later resumes from the queues alone. Every state change is
 * conditional on the state this forwarder saw, and a push is leased before it goes out,
 * so a process that lost the lead while a request was out neither undoes what its
 * successor did nor sends the same thing again. No LAPOR! request is made inside a
 * database transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ReportStatus } from '../../src/contract/index.js';
import { msg, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../db/index.js';
import type { UpstreamOptions } from '../options.js';
import type { ReportService } from '../services/reports.js';
import { publicReporter } from '../services/views.js';
import { UpstreamError, type OutgoingComplaint, type UpstreamAdapter, type UpstreamFollowup, type UpstreamInstitutionRef } from './adapter.js';
import { applyUpstream } from './apply.js';
import type { RequestBudget } from './budget.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_CREATE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS } from './lapor-adapter.js';
import { institutionFor, matchInstitutions, ourInstitution, resolveIds, type LaporMap } from './mapping.js';
import { UpstreamQueue, type ForwarderState, type OpRow, type OutboxRow, type OutboxState } from './queue.js';

export type ParkCode = 'mapping' | 'lost_answer' | 'ambiguous' | 'refused' | 'declined';

/** After this many failed attempts the report shows upstream `failed`; retries go on. */
const SHOW_FAILED_AFTER = 5;
/** `success: false` this many times in a row: held for an operator with LAPOR!'s message. */
const DECLINES_BEFORE_PARK = 3;
/** Follow-up pages one poll reads at most (the rest next poll). */
const PAGES_PER_POLL = 10;
/** New follow-ups per transaction: short enough that readers are never held long. */
const APPLY_CHUNK = 25;
const HOUR = 3_600_000;
/** An operator's "sync institutions" on any process: the forwarding process syncs too. */
const SYNC_CHANNEL = 'lapor_upstream_sync';

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_FOLLOWUPS_PER_POLL = 200;
export const DEFAULT_CREDENTIALS_PROBE_MS = 5 * 60_000;

/** An outbox row being worked on, and the state this task last put it in. */
interface Claim {
  row: OutboxRow;
  state: OutboxState;
}

/** What one pass may do. */
interface PassKinds {
  create?: boolean;
  ops?: boolean;
  poll?: boolean;
  /** Poll every synced report, whatever its schedule (tests, an operator's "poll now"). */
  pollAll?: boolean;
}

/** One report's work in one task, in this order. */
interface Job {
  trackingId: string;
  create?: OutboxRow;
  ops: boolean;
  poll: boolean;
}

/** What came back for a create, kept with it when the answer is lost. */
export interface CreateEvidence {
  sentAt: string;
  request: ReturnType<UpstreamAdapter['describeCreate']>;
  answer?: { at: string; what: string; status?: number; laporMessage?: string; body?: string };
}

export interface CredentialsProblem {
  since: string;
  status?: number;
  what: string;
  laporMessage?: string;
  /** How the key was sent: `auth` or `Authorization`. */
  header: string;
}

export class Forwarder {
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private listening: Promise<() => Promise<void>> | undefined;
  /** Dispatching (queries + starting tasks) is one at a time; the tasks themselves run in lanes. */
  private dispatchLock: Promise<void> = Promise.resolve();
  /** The report tasks running now, by tracking id. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private active = false;
  private stopped = false;
  /** Has LAPOR! answered lately? `unknown` at start: the first pass probes with one report. */
  private reach: 'unknown' | 'up' | 'down' = 'unknown';
  /** Set while LAPOR! refuses our credentials: nothing goes out but a probe at `probeAt`. */
  private credentials: (CredentialsProblem & { probeAt: number }) | undefined;
  private statusWrite: Promise<void> = Promise.resolve();
  private written: string | undefined;
  private readonly queue: UpstreamQueue;
  private readonly map: LaporMap;
  private readonly concurrency: number;
  /** Tells this process's own sync notices from others'. */
  private readonly instance = randomUUID();
  /** Our institution id → LAPOR!'s, from the masters list (the map file wins). */
  readonly synced = new Map<string, number>();
  institutionSync: { at: string; matched: number; unmatched: { id: string; name: string; candidates: number }[] } | { at: string; error: string } | undefined;
  /** The last failure this process saw (the operator view shows it; /healthz does not). */
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
    this.concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  }

  get authHeader(): string {
    return this.adapter.authHeader;
  }

  /** The credentials problem this process knows of (the operator view; the state is also in the database). */
  get credentialsProblem(): CredentialsProblem | undefined {
    if (!this.credentials) return undefined;
    const { probeAt: _, ...problem } = this.credentials;
    return problem;
  }

  private nowMs(): number {
    return this.reports.now().getTime();
  }

  /** This process now forwards (again): resume from the queues as they are in the database. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.stopped = false;
    this.reach = 'unknown';
    this.written = undefined;
    this.starting = (async () => {
      // Refused credentials stay refused until LAPOR! says otherwise: probe at once (unless
      // LAPOR! has answered meanwhile: the institutions sync at start runs alongside).
      const stored = await this.queue.status();
      if (stored?.state === 'credentials_refused' && stored.detail_json && this.reach === 'unknown') {
        this.credentials = { ...(JSON.parse(stored.detail_json) as CredentialsProblem), probeAt: this.nowMs() };
      } else await this.writeStatus();
      await this.listening?.catch(() => undefined); // an operator's sync from now on is heard
      await this.queue.pollUnscheduled(this.nowMs());
      // A mapping added since the last run (the map file is read at start) may fit now.
      for (const id of await this.queue.parkedForMapping()) await this.retry(id);
    })().catch((err: unknown) => this.noteError(`start: ${(err as Error).message}`, null));
    if (this.opts.syncInstitutions !== false) this.syncing = this.syncInstitutions();
    this.listening = this.db.listen(SYNC_CHANNEL, (from) => {
      if (this.active && from !== this.instance) this.syncing = this.syncInstitutions(false);
    });
    this.listening.catch((err: unknown) => this.noteError(`listen: ${(err as Error).message}`, null));
    const every = this.opts.intervalMs ?? 2000;
    if (every > 0) {
      // The timer only starts what fits now and returns: a task that hangs never stops it.
      this.timer = setInterval(() => void this.pass({ create: true, ops: true, poll: true }, false).catch((err: unknown) => this.noteError(`pass: ${(err as Error).message}`, null)), every);
      this.timer.unref();
    }
  }

  /**
   * No new pass and no new request; the requests already out are waited for and their
   * answers recorded (conditionally, see the file's head), so whoever forwards next finds
   * each row in a state it can resume from.
   */
  async stop(): Promise<void> {
    this.active = false;
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    const listening = this.listening;
    this.listening = undefined;
    await Promise.allSettled([this.starting, this.dispatchLock, ...this.inFlight.values(), this.syncing, listening?.then((off) => off())]);
    await this.statusWrite;
  }

  /** One pass over everything due (creates, pushes, polls); resolves when its tasks are done. */
  tick(options: { pollAll?: boolean } = {}): Promise<void> {
    return this.pass({ create: true, ops: true, poll: true, pollAll: options.pollAll ?? false }, true);
  }

  /** Creates and pushes only; resolves when the tasks it started are done (tests). */
  drain(): Promise<void> {
    return this.pass({ create: true, ops: true }, true);
  }

  /** Polls only; `all` ignores each report's schedule (tests, operator "poll now"). */
  poll(all = true): Promise<void> {
    return this.pass({ poll: true, pollAll: all }, true);
  }

  /**
   * Starts what is due, as lanes and the budget allow. `wait`: keep starting as this pass's
   * own tasks finish, until nothing it has not tried is due, and resolve after its tasks.
   * Reports already in a task (this pass's or another's) are left to it, and a waiting
   * pass waits for those tasks too: a drain() right after a submit (which starts a pass of
   * its own) must not resolve while that submit's create is still out.
   */
  private async pass(kinds: PassKinds, wait: boolean): Promise<void> {
    if (this.stopped) return;
    await this.starting;
    const mine = new Set<Promise<void>>();
    const tried = new Set<string>();
    const probe = { sent: false };
    const others = new Set<Promise<void>>();
    for (;;) {
      if (this.stopped) break;
      const lock = this.dispatchLock.then(() => this.dispatch(kinds, tried, mine, probe, others));
      this.dispatchLock = lock.catch(() => undefined);
      await lock;
      if (!wait || mine.size === 0) break;
      await Promise.race(mine);
    }
    await Promise.allSettled([...mine, ...others]);
    // What the tasks saw of LAPOR! (refused credentials, unreachable, back) is written to the
    // database apart from them: a waiting pass ends once it is stored, so /healthz on any
    // process already says it.
    if (wait) await this.statusWrite;
  }

  /** How many new report tasks may start now. */
  private allowance(probe: { sent: boolean }): number {
    const lanes = this.concurrency - this.inFlight.size;
    const budget = this.budget.available;
    if (this.credentials) {
      // One report as a probe, every credentialsProbeMs, and only alone.
      if (probe.sent || this.inFlight.size > 0 || this.nowMs() < this.credentials.probeAt) return 0;
      return Math.min(1, budget);
    }
    if (this.reach !== 'up') return probe.sent || this.inFlight.size > 0 ? 0 : Math.min(1, budget);
    return Math.min(lanes, budget);
  }

  private async dispatch(kinds: PassKinds, tried: Set<string>, mine: Set<Promise<void>>, probe: { sent: boolean }, others: Set<Promise<void>>): Promise<void> {
    let room = this.allowance(probe);
    if (room <= 0 || this.stopped) {
      // Nothing may start now: what is out may be what the caller waits for.
      for (const running of this.inFlight.values()) if (!mine.has(running)) others.add(running);
      return;
    }
    const now = this.nowMs();
    const limit = room + this.inFlight.size + tried.size + 20;
    const jobs = new Map<string, Job>();
    const job = (trackingId: string) => jobs.get(trackingId) ?? jobs.set(trackingId, { trackingId, ops: false, poll: false }).get(trackingId)!;
    if (kinds.create) for (const row of await this.queue.dueCreates(now, limit)) Object.assign(job(row.tracking_id), { create: row, ops: !!kinds.ops });
    if (kinds.ops) for (const id of await this.queue.dueOpReports(now, limit)) job(id).ops = true;
    if (kinds.poll) for (const id of await this.queue.duePolls(kinds.pollAll ? Number.MAX_SAFE_INTEGER : now, limit)) job(id).poll = true;
    for (const j of jobs.values()) {
      if (room <= 0 || this.stopped) break;
      const running = this.inFlight.get(j.trackingId);
      if (running && !mine.has(running)) others.add(running);
      if (tried.has(j.trackingId) || running) continue;
      tried.add(j.trackingId);
      if (this.credentials) this.credentials.probeAt = this.nowMs() + (this.opts.credentialsProbeMs ?? DEFAULT_CREDENTIALS_PROBE_MS);
      probe.sent = true;
      room--;
      const task = this.work(j, !!kinds.pollAll)
        .catch((err: unknown) => this.noteError(`task: ${(err as Error).message}`, j.trackingId))
        .finally(() => {
          this.inFlight.delete(j.trackingId);
          mine.delete(task);
        });
      this.inFlight.set(j.trackingId, task);
      mine.add(task);
    }
  }

  private async work(job: Job, pollAll: boolean): Promise<void> {
    if (job.create && !(await this.createStep(job.create))) return;
    if (job.ops) {
      for (;;) {
        if (this.stopped || !this.budget.open || this.credentials) break;
        const op = await this.queue.nextOp(job.trackingId, this.nowMs());
        if (!op || !(await this.pushOne(op))) break;
      }
    }
    if (job.poll && !this.stopped && !this.credentials) await this.pollOne(job.trackingId, pollAll);
  }

  // ---- what LAPOR!'s answers say about LAPOR! ------------------------------------------

  /** Every request's outcome: whether LAPOR! answers, and whether it takes our credentials. */
  private saw(err?: unknown): void {
    const e = err instanceof UpstreamError ? err : undefined;
    if (err !== undefined && !e) return;
    if (e?.detail.local) return;
    if (e?.kind === 'credentials') {
      const now = this.nowMs();
      const problem: CredentialsProblem = {
        since: this.credentials?.since ?? new Date(now).toISOString(),
        status: e.detail.status,
        what: e.message,
        laporMessage: e.detail.laporMessage,
        header: this.adapter.authHeader,
      };
      if (!this.credentials) this.log(`[upstream] !!! ${credentialsLine(problem, 'en')}`);
      this.credentials = { ...problem, probeAt: now + (this.opts.credentialsProbeMs ?? DEFAULT_CREDENTIALS_PROBE_MS) };
      this.reach = 'up';
    } else if (e?.kind === 'unsent') {
      this.reach = 'down';
    } else {
      this.reach = 'up';
      // An answer past the credentials check: done, or LAPOR! declining on the merits (a
      // `success: false`, a 422). A 404 or 5xx may come from a gateway in front: not proof.
      if (this.credentials && (!e || e.kind === 'declined' || (e.kind === 'refused' && e.detail.status === 422))) {
        this.log('[upstream] LAPOR! accepts our credentials again: forwarding resumes');
        this.credentials = undefined;
      }
    }
    void this.writeStatus();
  }

  private currentState(): { state: ForwarderState; detail: object | null } {
    if (this.credentials) return { state: 'credentials_refused', detail: this.credentialsProblem! };
    if (this.budget.pausedUntil > this.nowMs()) return { state: 'throttled', detail: { until: new Date(this.budget.pausedUntil).toISOString() } };
    if (this.reach === 'down') return { state: 'unreachable', detail: this.lastError ? { error: this.lastError.message } : null };
    return { state: this.reach === 'up' ? 'ok' : 'starting', detail: null };
  }

  /** Into the database when it changed, so that every process's /healthz says the same. */
  private writeStatus(): Promise<void> {
    const { state, detail } = this.currentState();
    const key = `${state} ${JSON.stringify(detail)}`;
    if (key === this.written) return this.statusWrite;
    this.written = key;
    const at = this.nowMs();
    this.statusWrite = this.statusWrite.then(() => this.queue.setStatus(state, detail, at)).catch((err: unknown) => this.noteError(`status: ${(err as Error).message}`, null));
    return this.statusWrite;
  }

  /**
   * For the start banner: LAPOR!'s first answer (the institutions sync at start) if it comes
   * within `waitMs`, then the state every process shows.
   */
  async firstWord(waitMs: number): Promise<{ state: ForwarderState; credentials?: CredentialsProblem }> {
    await this.starting;
    if (this.syncing) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.syncing, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    }
    await this.statusWrite;
    const row = await this.queue.status();
    const state = row?.state ?? 'starting';
    return state === 'credentials_refused' && row?.detail_json ? { state, credentials: JSON.parse(row.detail_json) as CredentialsProblem } : { state };
  }

  // ---- institutions -------------------------------------------------------------------

  /** `announce`: ask the forwarding process (when it is another one) to sync as well. */
  async syncInstitutions(announce = true): Promise<void> {
    const at = this.reports.now().toISOString();
    try {
      const theirs = await this.adapter.institutions();
      this.saw();
      const ours = [...this.reports.store.institutions.values()].filter((i) => this.map.institution?.[i.id] === undefined);
      const { matched, unmatched } = matchInstitutions(ours, theirs, this.regencyName);
      this.synced.clear();
      for (const [k, v] of matched) this.synced.set(k, v);
      this.institutionSync = { at, matched: matched.size, unmatched };
      if (announce && !this.active) await this.db.notify(SYNC_CHANNEL, this.instance);
      for (const id of await this.queue.parkedForMapping()) await this.retry(id);
    } catch (err) {
      this.saw(err);
      this.institutionSync = { at, error: (err as Error).message };
      this.noteError(`institutions: ${(err as Error).message}`, null);
    }
  }

  private institutionOf = (ref: UpstreamInstitutionRef): string | undefined =>
    ourInstitution(this.map, this.synced, [...this.reports.store.institutions.values()], this.regencyName, ref);

  // ---- create (outbox) ----------------------------------------------------------------

  /** True when the report is on LAPOR! now (its pushes may follow). */
  private async createStep(row: OutboxRow): Promise<boolean> {
    const claim: Claim = { row, state: row.state };
    try {
      if (row.state === 'creating') {
        // Found `creating` after its request must have ended: the process that sent it
        // stopped (or lost the lead) before the answer was recorded.
        await this.park(claim, 'lost_answer', {}, null, this.withAnswer(row.evidence_json, { what: msg('en', 'upstream.evidence.no_answer') }));
        return false;
      }
      return await this.create(claim);
    } catch (err) {
      this.saw(err);
      await this.createFailed(claim, err);
      return false;
    }
  }

  private async create(claim: Claim): Promise<boolean> {
    const { row } = claim;
    const report = await this.reports.store.report(row.tracking_id);
    if (!report) return false;
    const mapped = resolveIds(this.map, this.synced, report);
    if (!mapped.ok) {
      await this.park(claim, 'mapping', { table: mapped.table, key: mapped.key });
      return false;
    }
    let docs = row.document_ids_json ? (JSON.parse(row.document_ids_json) as number[]) : undefined;
    if (!docs) {
      const files = (await this.reports.store.attachmentsOf(row.tracking_id)).map((a) => ({ name: a.name, mime: a.mime, path: a.file }));
      docs = await this.adapter.uploadAttachments(files);
      if (!(await this.queue.setDocs(row.tracking_id, docs, Date.now()))) return false;
    }
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
    const evidence: CreateEvidence = { sentAt: this.reports.now().toISOString(), request: this.adapter.describeCreate(complaint, docs) };
    // Committed before the request: whoever finds it `creating` after its time parks it, never re-sends.
    const lostAt = this.nowMs() + (this.opts.createTimeoutMs ?? DEFAULT_CREATE_TIMEOUT_MS) + (this.opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    if (!(await this.queue.claimCreate(row.tracking_id, JSON.stringify(evidence), lostAt, Date.now()))) return false;
    claim.state = 'creating';
    claim.row = { ...row, evidence_json: JSON.stringify(evidence) };
    const laporId = await this.adapter.createComplaint(complaint, docs);
    this.saw();
    await this.linked(row.tracking_id, laporId);
    return true;
  }

  private async createFailed(claim: Claim, err: unknown): Promise<void> {
    const { row } = claim;
    const e = err instanceof UpstreamError ? err : undefined;
    const message = err instanceof Error ? err.message : String(err);
    this.noteError(`create: ${message}`, row.tracking_id);
    const kind = e?.kind ?? 'ambiguous';
    const said = e?.detail.laporMessage ?? message;
    if (kind === 'refused') return this.park(claim, 'refused', { error: said }, message);
    if (kind === 'ambiguous' && claim.state === 'creating') {
      // It may be on LAPOR! now: sending it again could make a second complaint.
      const answer = { what: message, status: e?.detail.status, laporMessage: e?.detail.laporMessage, body: e?.detail.answer };
      return this.park(claim, 'lost_answer', {}, message, this.withAnswer(claim.row.evidence_json, answer));
    }
    const declines = kind === 'declined' ? row.declines + 1 : 0;
    if (declines >= DECLINES_BEFORE_PARK) return this.park(claim, 'declined', { message: said, n: declines }, message);
    // Surely not done (or only the upload was out): pending again. Credentials are the
    // forwarder's problem, not this report's: not counted, due as soon as the pause allows.
    const attempts = kind === 'credentials' ? row.attempts : row.attempts + 1;
    const wait = kind === 'credentials' ? 0 : (e?.retryAfterMs ?? this.backoff(attempts));
    const rescheduled = await this.queue.reschedule(row.tracking_id, claim.state, { to: 'pending', attempts, declines, nextAt: this.nowMs() + wait, error: message }, Date.now());
    if (rescheduled && attempts >= SHOW_FAILED_AFTER) await this.setReportState(row.tracking_id, 'failed');
  }

  private withAnswer(evidenceJson: string | null, answer: Omit<NonNullable<CreateEvidence['answer']>, 'at'>): string {
    const evidence = (evidenceJson ? JSON.parse(evidenceJson) : {}) as CreateEvidence;
    return JSON.stringify({ ...evidence, answer: { at: this.reports.now().toISOString(), ...answer } });
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

  private async park(claim: Claim, code: ParkCode, params: Record<string, string | number>, error: string | null = null, evidence?: string): Promise<void> {
    const trackingId = claim.row.tracking_id;
    const parked = await this.reports.commit(async () => {
      if (!(await this.queue.park(trackingId, claim.state, code, JSON.stringify(params), error, evidence, Date.now()))) return { parked: false, events: [] };
      return { parked: true, events: await this.reportStateEvents(trackingId, 'failed') };
    });
    if (parked.parked) this.log(`[upstream] ${trackingId} parked: ${msg('en', `upstream.parked.${code}` as MessageKey, params)}`);
  }

  /**
   * Operator: send a parked report again (after fixing the map, or after checking LAPOR!
   * has no complaint for it), and its held pushes (after fixing what LAPOR! refused).
   */
  async retry(trackingId: string): Promise<boolean> {
    const { retried } = await this.reports.commit(async () => {
      const outbox = await this.queue.unpark(trackingId, this.nowMs(), Date.now());
      const ops = await this.queue.unparkOps(trackingId, this.nowMs(), Date.now());
      if (!outbox && !ops) return { retried: false, events: [] };
      return { retried: true, events: outbox ? await this.reportStateEvents(trackingId, 'pending') : [] };
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

  /** False when this report's pushes stop here for now (its order is kept). */
  private async pushOne(op: OpRow): Promise<boolean> {
    // Longer than any one request may take (the adapter gives up at timeoutMs).
    const lease = 2 * ((this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) + (this.opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS));
    if (!(await this.queue.leaseOp(op, this.nowMs(), this.nowMs() + lease))) return false;
    try {
      await this.push(op);
      this.saw();
      await this.queue.opDone(op.id, Date.now());
      return true;
    } catch (err) {
      this.saw(err);
      const e = err instanceof UpstreamError ? err : undefined;
      const message = err instanceof Error ? err.message : String(err);
      this.noteError(`${op.kind}: ${message}`, op.tracking_id);
      const declines = e?.kind === 'declined' ? op.declines + 1 : 0;
      if (e?.kind === 'refused' || declines >= DECLINES_BEFORE_PARK) {
        // Held (and the report's later pushes behind it) with LAPOR!'s own words, for the operator.
        const said = e?.detail.laporMessage ? `LAPOR!: "${e.detail.laporMessage}"` : message;
        await this.queue.opPark(op.id, declines ? `${said} (${declines}×)` : said, Date.now());
      } else {
        // A lost answer may mean LAPOR! has it already: a follow-up can arrive twice (at least once).
        const wait = e?.kind === 'credentials' ? 0 : (e?.retryAfterMs ?? this.backoff(op.attempts + 1));
        await this.queue.opRetry(op, declines, this.nowMs() + wait, message, Date.now());
      }
      return false;
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
      if (target === undefined) throw new UpstreamError(msg('en', 'upstream.parked.mapping', { table: 'institution', key: p.institutionId! }), 'refused', { local: true });
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

  /**
   * Status, then follow-ups from where the last poll stopped: at most followupsPerPoll new
   * ones and PAGES_PER_POLL pages. What is left is taken at the next pass (nothing lost;
   * LAPOR!'s refs make taking one twice harmless). Caught up, the next poll starts again
   * at page 1, whichever order LAPOR! lists them in. They are applied APPLY_CHUNK at a
   * time, one short transaction each, so readers (a /healthz among them) get in between;
   * the last batch announces them all (one event, one rebuild of the report, per poll).
   */
  private async pollOne(trackingId: string, all: boolean): Promise<void> {
    const [row, schedule] = await Promise.all([this.reports.store.report(trackingId), this.queue.pollRow(trackingId)]);
    if (!row?.lapor_id || !schedule || (!all && schedule.next_poll_at > this.nowMs())) return;
    const laporId = row.lapor_id;
    try {
      const detail = await this.adapter.detail(laporId);
      const [known, ownRows] = await Promise.all([this.queue.knownRefs(trackingId), this.queue.ownPayloads(trackingId)]);
      const own = new Set(ownRows.map((o) => ownText(o)));
      let room = Math.max(1, this.opts.followupsPerPoll ?? DEFAULT_FOLLOWUPS_PER_POLL);
      const messages: UpstreamFollowup[] = [];
      const others: UpstreamFollowup[] = [];
      let page = schedule.followup_page;
      let cursor = 1;
      let backlog = false;
      for (let pages = 0; ; pages++) {
        if (pages === PAGES_PER_POLL || room === 0) {
          [backlog, cursor] = [true, page];
          break;
        }
        const out = await this.adapter.followups(laporId, page, { known: (ref) => known.has(ref), take: room });
        for (const f of out.items) {
          if (f.kind !== 'message') others.push(f);
          else if (!known.has(f.ref) && f.message && !own.has(f.message)) messages.push(f);
        }
        room -= out.items.filter((f) => f.kind === 'message').length;
        if (out.more) {
          [backlog, cursor] = [true, page];
          break;
        }
        if (out.nextPage === undefined) break;
        page = out.nextPage;
      }
      this.saw();
      let status: ReportStatus = row.status as ReportStatus;
      for (let i = 0; i === 0 || i < messages.length; i += APPLY_CHUNK) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        const followups = i === 0 ? [...others, ...messages.slice(0, APPLY_CHUNK)] : messages.slice(i, i + APPLY_CHUNK);
        const last = i + APPLY_CHUNK >= messages.length;
        const news = { detail, followups, ownTexts: own, statusOf: (name: string | null) => this.adapter.statusOf(name), institutionOf: this.institutionOf, announce: last };
        status = await applyUpstream(this.reports, this.queue, trackingId, news);
      }
      if (!backlog && (status === 'completed' || status === 'archived')) await this.queue.stopPoll(trackingId);
      else await this.queue.polled(trackingId, this.nowMs() + (backlog ? 0 : this.pollEvery(row.created_at)), this.nowMs(), null, 0, cursor);
    } catch (err) {
      this.saw(err);
      const message = err instanceof Error ? err.message : String(err);
      this.noteError(`poll: ${message}`, trackingId);
      const e = err instanceof UpstreamError ? err : undefined;
      const wait = e?.kind === 'credentials' ? 0 : (e?.retryAfterMs ?? Math.min(this.pollEvery(row.created_at), this.backoff(schedule.failures + 1)));
      await this.queue.polled(trackingId, this.nowMs() + wait, this.nowMs(), message, schedule.failures + 1);
    }
  }

  private noteError(message: string, trackingId: string | null): void {
    this.lastError = { at: this.reports.now().toISOString(), message, trackingId };
    this.log(`[upstream] ${trackingId ?? ''} ${message}`);
  }
}

/** The credentials problem in one line (log, start banner, operator view). */
export function credentialsLine(p: CredentialsProblem, lang: string): string {
  return msg(lang, 'upstream.alert.credentials', { what: p.what, header: p.header, since: p.since });
}

/** The text we send for a push (and so recognise when LAPOR! lists it back). */
export function ownText(op: { payload_json: string }): string {
  const p = JSON.parse(op.payload_json) as { message?: string; score?: number; comment?: string | null };
  if (p.message !== undefined) return p.message;
  if (p.score !== undefined) return p.comment?.trim() || msg('id', 'upstream.content.rating', { score: p.score });
  return '';
}
