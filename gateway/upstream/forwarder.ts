/**
 * Keeps our reports and LAPOR! in step, both ways, from three durable queues:
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
 * One forwarder per database (one gateway process) is assumed.
 */
import type { ReportStatus } from '../../src/contract/index.js';
import { msg, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../db.js';
import type { UpstreamOptions } from '../options.js';
import type { ReportService } from '../services/reports.js';
import type { ReportRow } from '../services/store.js';
import { publicReporter } from '../services/views.js';
import { UpstreamError, type OutgoingComplaint, type UpstreamAdapter } from './adapter.js';
import { applyUpstream } from './apply.js';
import type { RequestBudget } from './budget.js';
import { institutionFor, matchInstitutions, resolveIds, type LaporMap } from './mapping.js';

interface OutboxRow {
  tracking_id: string;
  state: 'pending' | 'creating' | 'done' | 'parked' | 'failed';
  attempts: number;
  document_ids_json: string | null;
  ops_seen: number | null;
}

export interface OpRow {
  id: number;
  tracking_id: string;
  kind: 'forward' | 'response' | 'reply' | 'rating';
  payload_json: string;
  attempts: number;
  created_at: number;
}

export type ParkCode = 'mapping' | 'lost_answer' | 'ambiguous' | 'refused';

/** After this many failed attempts the report shows upstream `failed`; retries go on. */
const SHOW_FAILED_AFTER = 5;
/** Candidates read back during recovery, at most (each costs a request). */
const MAX_CANDIDATES = 20;
const HOUR = 3_600_000;

export class Forwarder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private stopped = false;
  private readonly q;
  private readonly map: LaporMap;
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
    const now = 'next_attempt_at <= ?';
    this.q = {
      due: db.prepare<[number], OutboxRow>(
        `SELECT tracking_id, state, attempts, document_ids_json, ops_seen FROM outbox WHERE state IN ('pending', 'creating') AND ${now} ORDER BY next_attempt_at LIMIT 20`,
      ),
      outbox: db.prepare<[string], OutboxRow>('SELECT tracking_id, state, attempts, document_ids_json, ops_seen FROM outbox WHERE tracking_id = ?'),
      setDocs: db.prepare<[string, number, string]>('UPDATE outbox SET document_ids_json = ?, updated_at = ? WHERE tracking_id = ?'),
      setCreating: db.prepare<[{ at: number; id: string }]>(
        "UPDATE outbox SET state = 'creating', ops_seen = (SELECT MAX(id) FROM upstream_ops WHERE tracking_id = @id), updated_at = @at WHERE tracking_id = @id",
      ),
      setState: db.prepare<[string, number, number, string | null, number, string]>(
        'UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE tracking_id = ?',
      ),
      done: db.prepare<[string, number, string]>(
        "UPDATE outbox SET state = 'done', upstream_id = ?, parked_code = NULL, parked_params_json = NULL, last_error = NULL, updated_at = ? WHERE tracking_id = ?",
      ),
      park: db.prepare<[string, string, string | null, number, string]>(
        "UPDATE outbox SET state = 'parked', parked_code = ?, parked_params_json = ?, last_error = ?, updated_at = ? WHERE tracking_id = ?",
      ),
      unpark: db.prepare<[number, number, string]>(
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, parked_code = NULL, parked_params_json = NULL, updated_at = ? WHERE tracking_id = ?",
      ),
      parkedMapping: db.prepare<[], { tracking_id: string }>("SELECT tracking_id FROM outbox WHERE state = 'parked' AND parked_code = 'mapping'"),
      ops: db.prepare<[number], OpRow>(
        `SELECT o.id, o.tracking_id, o.kind, o.payload_json, o.attempts, o.created_at FROM upstream_ops o JOIN reports r USING (tracking_id)
         WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND r.lapor_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM upstream_ops p WHERE p.tracking_id = o.tracking_id AND p.state IN ('pending', 'parked') AND p.id < o.id)
         ORDER BY o.id LIMIT 20`,
      ),
      opDone: db.prepare<[number, number]>("UPDATE upstream_ops SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?"),
      opRetry: db.prepare<[number, number, string, number, number]>(
        'UPDATE upstream_ops SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?',
      ),
      opPark: db.prepare<[string, number, number]>("UPDATE upstream_ops SET state = 'parked', last_error = ?, updated_at = ? WHERE id = ?"),
      ownTexts: db.prepare<[string], { payload_json: string }>("SELECT payload_json FROM upstream_ops WHERE tracking_id = ? AND kind IN ('response', 'reply', 'rating')"),
      polls: db.prepare<[number], ReportRow & { failures: number }>(
        `SELECT r.*, p.failures FROM upstream_poll p JOIN reports r USING (tracking_id)
         WHERE p.next_poll_at <= ? AND r.lapor_id IS NOT NULL ORDER BY p.next_poll_at LIMIT 20`,
      ),
      schedulePoll: db.prepare<[string, number]>(
        'INSERT INTO upstream_poll (tracking_id, next_poll_at) VALUES (?, ?) ON CONFLICT (tracking_id) DO UPDATE SET next_poll_at = excluded.next_poll_at',
      ),
      polled: db.prepare<[number, number, string | null, number, string]>(
        'UPDATE upstream_poll SET next_poll_at = ?, last_polled_at = ?, last_error = ?, failures = ? WHERE tracking_id = ?',
      ),
      stopPoll: db.prepare<[string]>('DELETE FROM upstream_poll WHERE tracking_id = ?'),
    };
  }

  private nowMs(): number {
    return this.reports.now().getTime();
  }

  start(): void {
    if (this.opts.syncInstitutions !== false) this.syncing = this.syncInstitutions();
    // Reports linked before polling had its own table are polled from now on.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO upstream_poll (tracking_id, next_poll_at) SELECT tracking_id, ? FROM reports
         WHERE lapor_id IS NOT NULL AND status NOT IN ('completed', 'archived')`,
      )
      .run(this.nowMs());
    // A mapping added since the last run (the map file is read at start) may fit now.
    for (const r of this.q.parkedMapping.all()) this.retry(r.tracking_id);
    const every = this.opts.intervalMs ?? 2000;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.syncing;
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
    return this.serial(async () => {
      await this.drainCreates();
      await this.drainOps();
    });
  }

  /** Polls only; `all` ignores each report's schedule (tests, operator "poll now"). */
  poll(all = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.serial(() => this.pollDue(all));
  }

  private async serial(fn: () => Promise<void>): Promise<void> {
    while (this.running) await this.running;
    this.running = fn().finally(() => (this.running = undefined));
    return this.running;
  }

  // ---- institutions -------------------------------------------------------------------

  async syncInstitutions(): Promise<void> {
    const at = this.reports.now().toISOString();
    try {
      const theirs = await this.adapter.institutions();
      const ours = [...this.reports.store.institutions.values()].filter((i) => this.map.institution?.[i.id] === undefined);
      const { matched, unmatched } = matchInstitutions(ours, theirs, this.regencyName);
      this.synced.clear();
      for (const [k, v] of matched) this.synced.set(k, v);
      this.institutionSync = { at, matched: matched.size, unmatched };
      for (const r of this.q.parkedMapping.all()) this.retry(r.tracking_id);
    } catch (err) {
      this.institutionSync = { at, error: (err as Error).message };
      this.noteError(`institutions: ${(err as Error).message}`, null);
    }
  }

  // ---- create (outbox) ----------------------------------------------------------------

  private async drainCreates(): Promise<void> {
    for (const row of this.q.due.all(this.nowMs())) {
      if (this.stopped || !this.budget.open) return;
      try {
        await (row.state === 'creating' ? this.recover(row) : this.create(row));
      } catch (err) {
        this.createFailed(row, err);
        if (unreachable(err)) return;
      }
    }
  }

  private async create(row: OutboxRow): Promise<void> {
    const report = this.reports.store.q.report.get(row.tracking_id);
    if (!report) return;
    const mapped = resolveIds(this.map, this.synced, report);
    if (!mapped.ok) return this.park(row.tracking_id, 'mapping', { table: mapped.table, key: mapped.key });
    let docs = row.document_ids_json ? (JSON.parse(row.document_ids_json) as number[]) : undefined;
    if (!docs) {
      const files = this.reports.store.q.attachmentsOf.all(row.tracking_id).map((a) => ({ name: a.name, mime: a.mime, path: a.file }));
      docs = await this.adapter.uploadAttachments(files);
      this.q.setDocs.run(JSON.stringify(docs), this.nowMs(), row.tracking_id);
    }
    this.q.setCreating.run({ at: Date.now(), id: row.tracking_id });
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
    this.linked(row.tracking_id, laporId);
  }

  private async recover(row: OutboxRow): Promise<void> {
    const matches: string[] = [];
    for (const id of (await this.adapter.candidates(row.tracking_id)).slice(0, MAX_CANDIDATES)) {
      let content: string | null;
      try {
        content = (await this.adapter.detail(id)).content;
      } catch (err) {
        // A candidate we may not read (404/403) is not ours to adopt; anything else: try again later.
        if (err instanceof UpstreamError && err.kind === 'refused') continue;
        throw err;
      }
      if (content && this.adapter.contentNames(content, row.tracking_id) && !matches.includes(id)) matches.push(id);
    }
    if (matches.length === 1) return this.linked(row.tracking_id, matches[0]!);
    this.park(row.tracking_id, matches.length === 0 ? 'lost_answer' : 'ambiguous', { n: matches.length, ids: matches.join(', ') });
  }

  private createFailed(row: OutboxRow, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.noteError(`create: ${message}`, row.tracking_id);
    const kind = err instanceof UpstreamError ? err.kind : 'ambiguous';
    if (kind === 'refused' && row.state !== 'creating') return this.park(row.tracking_id, 'refused', { error: message }, message);
    const current = this.q.outbox.get(row.tracking_id)!;
    // Not sent: the create certainly did not happen. Sent (or unsure): recover next time.
    const state = kind === 'unsent' || kind === 'throttled' ? (row.state === 'creating' ? 'creating' : 'pending') : current.state;
    const attempts = row.attempts + 1;
    const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : this.backoff(attempts);
    this.q.setState.run(state, attempts, this.nowMs() + wait, message, Date.now(), row.tracking_id);
    if (attempts >= SHOW_FAILED_AFTER) this.setReportState(row.tracking_id, 'failed');
  }

  private backoff(attempts: number): number {
    const base = this.opts.backoffMs ?? 1000;
    const max = this.opts.maxBackoffMs ?? 5 * 60_000;
    // Exponential with jitter, so a recovering LAPOR! is not hit by a thundering herd.
    return Math.min(max, base * 2 ** Math.min(attempts - 1, 20)) * (0.5 + Math.random() / 2);
  }

  private linked(trackingId: string, laporId: string): void {
    this.reports.commit(() => {
      const at = this.reports.now().toISOString();
      this.q.done.run(laporId, Date.now(), trackingId);
      this.db
        .prepare("UPDATE reports SET lapor_id = ?, upstream_state = 'synced', upstream_synced_at = ?, updated_at = ? WHERE tracking_id = ?")
        .run(laporId, at, at, trackingId);
      this.q.schedulePoll.run(trackingId, this.nowMs() + this.pollEvery(at));
      this.reports.addTimeline(trackingId, { at, type: 'upstream', note: laporId });
      return { events: [this.reports.logEvent(trackingId, 'report.upstream_synced', at)] };
    });
  }

  private park(trackingId: string, code: ParkCode, params: Record<string, string | number>, error: string | null = null): void {
    this.q.park.run(code, JSON.stringify(params), error, Date.now(), trackingId);
    this.setReportState(trackingId, 'failed');
    this.log(`[upstream] ${trackingId} parked: ${msg('en', `upstream.parked.${code}` as MessageKey, params)}`);
  }

  /** Operator: send a parked report again (after fixing the map, or after checking LAPOR! has no complaint for it). */
  retry(trackingId: string): boolean {
    const row = this.q.outbox.get(trackingId);
    if (!row || row.state !== 'parked') return false;
    this.q.unpark.run(this.nowMs(), Date.now(), trackingId);
    this.setReportState(trackingId, 'pending');
    return true;
  }

  /**
   * Operator: this LAPOR! complaint is ours. Accepted only when its own content carries
   * our tracking number: an operator's typo must not link a stranger's complaint either.
   */
  async link(trackingId: string, laporId: string): Promise<'linked' | 'not_parked' | 'not_ours'> {
    const row = this.q.outbox.get(trackingId);
    if (!row || (row.state !== 'parked' && row.state !== 'creating')) return 'not_parked';
    const d = await this.adapter.detail(laporId);
    if (!d.content || !this.adapter.contentNames(d.content, trackingId)) return 'not_ours';
    this.linked(trackingId, laporId);
    return 'linked';
  }

  private setReportState(trackingId: string, state: 'failed' | 'pending'): void {
    this.reports.commit(() => {
      const changed = this.db
        .prepare("UPDATE reports SET upstream_state = ? WHERE tracking_id = ? AND upstream_state != ? AND upstream_state != 'synced'")
        .run(state, trackingId, state).changes;
      if (!changed) return { events: [] };
      return { events: [this.reports.logEvent(trackingId, 'report.updated', this.reports.now().toISOString())] };
    });
  }

  // ---- pushes (upstream_ops) ----------------------------------------------------------

  private async drainOps(): Promise<void> {
    // Each query yields at most one op per report (they go in order): ask again until
    // nothing is due, a few rounds at most per pass.
    for (let round = 0; round < 10; round++) {
      const due = this.q.ops.all(this.nowMs());
      if (due.length === 0) return;
      for (const op of due) {
        if (this.stopped || !this.budget.open) return;
        if (!(await this.pushOne(op))) return;
      }
    }
  }

  /** False when LAPOR! cannot be reached now (the pass stops there). */
  private async pushOne(op: OpRow): Promise<boolean> {
    try {
      await this.push(op);
      this.q.opDone.run(Date.now(), op.id);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.noteError(`${op.kind}: ${message}`, op.tracking_id);
      if (err instanceof UpstreamError && err.kind === 'refused') this.q.opPark.run(message, Date.now(), op.id);
      else {
        // A lost answer may mean LAPOR! has it already: a follow-up can arrive twice (at least once).
        const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : this.backoff(op.attempts + 1);
        this.q.opRetry.run(op.attempts + 1, this.nowMs() + wait, message, Date.now(), op.id);
      }
      return !unreachable(err);
    }
  }

  private async push(op: OpRow): Promise<void> {
    const report = this.reports.store.q.report.get(op.tracking_id)!;
    const laporId = report.lapor_id!;
    const p = JSON.parse(op.payload_json) as { institutionId?: string; score?: number };
    if (op.kind === 'forward') {
      // The create carried the owner at send time: a forward queued before it is in it already.
      const seen = this.q.outbox.get(op.tracking_id)?.ops_seen;
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
    for (const row of this.q.polls.all(all ? Number.MAX_SAFE_INTEGER : this.nowMs())) {
      if (this.stopped || !this.budget.open) return;
      const laporId = row.lapor_id!;
      try {
        const detail = await this.adapter.detail(laporId);
        const followups = await this.adapter.followups(laporId);
        const own = new Set(this.q.ownTexts.all(row.tracking_id).map((o) => ownText(o)));
        const status: ReportStatus = applyUpstream(this.reports, row.tracking_id, detail, followups, own);
        if (status === 'completed' || status === 'archived') this.q.stopPoll.run(row.tracking_id);
        else this.q.polled.run(this.nowMs() + this.pollEvery(row.created_at), this.nowMs(), null, 0, row.tracking_id);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.noteError(`poll: ${message}`, row.tracking_id);
        const wait = err instanceof UpstreamError && err.retryAfterMs !== undefined ? err.retryAfterMs : Math.min(this.pollEvery(row.created_at), this.backoff(row.failures + 1));
        this.q.polled.run(this.nowMs() + wait, this.nowMs(), message, row.failures + 1, row.tracking_id);
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
