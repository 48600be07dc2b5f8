/**
 * Reports: submit (with Stripe-style idempotency), the citizen's view behind the access
 * code, follow-ups, and the shared "change a report + log an event" step.
 */
import type { Clock, FieldError, InstitutionKind, ParsedReportInput, Rating, ReportStatus } from '../../src/contract/index.js';
import { FollowUpInput, ReportInput, fieldErrorMessage, validate } from '../../src/contract/index.js';
import { ApiError, reportNotFound } from '../http/errors.js';
import type Database from 'better-sqlite3';
import type { Db } from '../db.js';
import type { EventExtra, EventLog, Hub, LoggedEvent } from './events.js';
import { GroupCommit } from './group-commit.js';
import { IdempotencyStore } from './idempotency.js';
import { clocksFor, nextCheckAt, nextDueAt, type Transition } from './sla.js';
import { accessHash, codeMatches, newAccessCode, newTrackingId, randomId } from './secrets.js';
import type { ReportRow, Store } from './store.js';
import type { ReplyLimits } from '../options.js';
import { buildReport, storedReporter, type ReportView } from './views.js';
import type { ReportEventType } from '../../src/contract/index.js';
import type { NotifyOutbox } from '../notify/outbox.js';

export interface SubmitContext {
  siteKey: string;
  channel: string;
  idempotencyKey: string;
  lang: string;
}

/** A change made inside a transaction: the events to publish once it commits. */
export interface Change {
  row: ReportRow;
  events: LoggedEvent[];
}

export class ReportService {
  readonly idempotency: IdempotencyStore;
  private readonly groupCommit: GroupCommit;
  private readonly markBreach;
  private readonly replyCounts;
  private insertUpstreamOp: Database.Statement<[string, string, string, number, number, number]> | undefined;
  private insertOutbox: Database.Statement<[string, number, number, number]> | undefined;
  /** Messages to the citizen (notify/): queued inside the same transactions as the events. */
  notify: NotifyOutbox | undefined;

  constructor(
    private readonly db: Db,
    readonly store: Store,
    readonly events: EventLog,
    readonly hub: Hub,
    readonly now: () => Date,
    private readonly upstreamEnabled: boolean,
    idempotencyTtlMs: number,
    /** Server key of the access-code HMAC (secrets.ts serverSecret). */
    private readonly codeKey: Buffer,
  ) {
    this.idempotency = new IdempotencyStore(db, idempotencyTtlMs, now);
    this.groupCommit = new GroupCommit(db);
    this.markBreach = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO breaches (tracking_id, clock_id, at) VALUES (?, ?, ?)');
    this.replyCounts = db.prepare<[{ since: string; id: string }], { total: number; recent: number; oldest: string | null }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(at > @since), 0) AS recent, MIN(CASE WHEN at > @since THEN at END) AS oldest
       FROM responses WHERE tracking_id = @id AND author = 'citizen'`,
    );
  }

  // ---- submit -------------------------------------------------------------------------

  /**
   * Returns the exact 201 body as a string: a replay must be byte-for-byte the original.
   * The idempotency check and the insert happen in ONE transaction (a savepoint inside a
   * group commit), so two requests with the same key racing each other produce one report:
   * the second sees the first's row.
   */
  async submit(raw: unknown, ctx: SubmitContext): Promise<{ body: string; replayed: boolean }> {
    const hash = this.idempotency.hashBody(raw);
    const early = this.idempotency.lookup(ctx.siteKey, ctx.idempotencyKey, hash);
    if (early) return { body: early, replayed: true };

    const parsed = validate(ReportInput, raw, ctx.lang);
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    const input = parsed.data;
    const fields = this.checkReferences(input, ctx);
    if (fields.length) throw new ApiError(422, 'validation_failed', { fields });

    return this.groupCommit.run(() => {
      const again = this.idempotency.lookup(ctx.siteKey, ctx.idempotencyKey, hash);
      if (again) return { body: again, replayed: true };
      // Attachments may have been claimed by a concurrent submit since the check above.
      const claimed = this.checkAttachmentsFree(input.attachmentIds, ctx);
      if (claimed.length) throw new ApiError(422, 'validation_failed', { fields: claimed });

      const code = newAccessCode();
      const at = this.now().toISOString();
      const trackingId = this.freshTrackingId();
      const transitions: Transition[] = [{ status: 'submitted', at, institutionId: input.institutionId ?? null }];
      const { kind, timeZone } = this.policyTarget(input.institutionId ?? null);
      const clocks = clocksFor(kind, timeZone, transitions, this.now());
      const reporter = storedReporter(input);
      this.store.q.insertReport.run({
        tracking_id: trackingId,
        access_hash: accessHash(code, this.codeKey),
        status: 'submitted',
        classification: input.classification,
        title: input.title,
        body: input.body,
        incident_date: input.incidentDate ?? null,
        location_json: JSON.stringify(input.location),
        institution_id: input.institutionId ?? null,
        category_id: input.categoryId ?? null,
        anonymous: input.anonymous ? 1 : 0,
        secret: input.secret ? 1 : 0,
        channel: ctx.channel,
        site_key: ctx.siteKey,
        reporter_json: reporter ? JSON.stringify(reporter) : null,
        transitions_json: JSON.stringify(transitions),
        clocks_json: JSON.stringify(clocks),
        next_due_at: nextDueAt(clocks),
        next_check_at: nextCheckAt(clocks),
        upstream_state: this.upstreamEnabled ? 'pending' : 'disabled',
        created_at: at,
        updated_at: at,
        // The language messages to the citizen are written in (notify/): the submit's.
        lang: ctx.lang === 'en' ? 'en' : 'id',
      });
      for (const id of input.attachmentIds) this.store.q.claimAttachment.run(trackingId, id);
      this.notify?.onSubmit(trackingId, input.notify, code);
      this.addTimeline(trackingId, { at, type: 'status', status: 'submitted', from: null });
      if (this.upstreamEnabled) {
        // Prepared on first use, then reused: this is the submit path.
        this.insertOutbox ??= this.db.prepare<[string, number, number, number]>(
          `INSERT INTO outbox (tracking_id, state, attempts, next_attempt_at, created_at, updated_at)
           VALUES (?, 'pending', 0, ?, ?, ?)`,
        );
        const t = this.now().getTime();
        this.insertOutbox.run(trackingId, t, t, t);
      }
      const row = this.store.q.report.get(trackingId)!;
      const body = JSON.stringify({ trackingId, accessToken: code, report: { ...buildReport(this.store, row), serverTime: at } });
      this.idempotency.save(ctx.siteKey, ctx.idempotencyKey, hash, trackingId, body);
      return { body, replayed: false };
    });
  }

  private freshTrackingId(): string {
    // 32^8 ids: a collision is rare but possible; draw again rather than fail.
    for (;;) {
      const id = newTrackingId();
      if (!this.store.q.reportExists.get(id)) return id;
    }
  }

  private checkReferences(input: ParsedReportInput, ctx: SubmitContext): FieldError[] {
    const fields: FieldError[] = [];
    const unknown = (path: string) => fields.push({ path, code: 'unknown_value', message: fieldErrorMessage(ctx.lang, path, 'unknown_value') });
    if (input.institutionId && !this.store.institutions.has(input.institutionId)) unknown('institutionId');
    if (input.categoryId && !this.store.categories.has(input.categoryId)) unknown('categoryId');
    if (input.location.locationId && !this.store.locations.has(input.location.locationId)) unknown('location.locationId');
    fields.push(...this.checkAttachmentsFree(input.attachmentIds, ctx));
    return fields;
  }

  /** Each attachment must exist, come from the same site key, and not belong to a report yet. */
  private checkAttachmentsFree(ids: string[], ctx: SubmitContext): FieldError[] {
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const a = this.store.q.attachment.get(id);
      if (!a || a.site_key !== ctx.siteKey || a.tracking_id !== null || seen.has(id)) {
        const path = `attachmentIds.${i}`;
        fields.push({ path, code: 'unknown_value', message: fieldErrorMessage(ctx.lang, path, 'unknown_value') });
      }
      seen.add(id);
    });
    return fields;
  }

  policyTarget(institutionId: string | null): { kind: InstitutionKind; timeZone: string } {
    const inst = institutionId ? this.store.institutions.get(institutionId) : undefined;
    return { kind: inst?.kind ?? 'opd', timeZone: inst?.timeZone ?? 'Asia/Jakarta' };
  }

  // ---- read ---------------------------------------------------------------------------

  /**
   * The report behind a tracking id and its access code. Missing report, missing code and
   * wrong code all throw the same 404 (same body, same work): the code is required for
   * every report, not only secret ones, so that a tracking id read over the phone does
   * not expose what a citizen wrote.
   */
  authorize(trackingId: string, code: string | undefined): ReportRow {
    // People type tracking ids from paper or over the phone: accept lower case and spaces.
    const row = this.store.q.report.get(trackingId.trim().toUpperCase());
    if (!codeMatches(code, row?.access_hash, this.codeKey) || !row) throw reportNotFound();
    return row;
  }

  view(row: ReportRow) {
    return { ...buildReport(this.store, row), serverTime: this.now().toISOString() };
  }

  // ---- change + event -----------------------------------------------------------------

  addTimeline(
    trackingId: string,
    e: { at: string; type: string; status?: ReportStatus | null; from?: ReportStatus | null; institutionName?: string | null; note?: string | null },
  ): void {
    this.store.q.insertTimeline.run({
      id: randomId('tl', 9),
      tracking_id: trackingId,
      at: e.at,
      type: e.type,
      status: e.status ?? null,
      from_status: e.from ?? null,
      institution_name: e.institutionName ?? null,
      note: e.note ?? null,
    });
  }

  /** Recompute and store the clocks from the stored transitions (after any change of them). */
  recomputeClocks(row: ReportRow): Clock[] {
    const { kind, timeZone } = this.policyTarget(row.institution_id);
    return clocksFor(kind, timeZone, JSON.parse(row.transitions_json) as Transition[], this.now());
  }

  /** Append an event for the report as it now is (call inside the transaction). */
  logEvent(trackingId: string, type: ReportEventType, at: string, extra?: EventExtra): LoggedEvent {
    const row = this.store.q.report.get(trackingId)!;
    this.notify?.onEvent(row, type, extra);
    return this.events.append(type, buildReport(this.store, row), at, extra);
  }

  /**
   * Log `sla.breached` for every breached clock not announced before (inside the
   * transaction). Called by the scheduler and after any change of clocks, so a clock that
   * went past due between two ticks and was then stopped is still announced, once.
   */
  announceBreaches(trackingId: string, clocks: Clock[], at: string): LoggedEvent[] {
    const events: LoggedEvent[] = [];
    for (const clock of clocks) {
      if (clock.state !== 'breached') continue;
      if (this.markBreach.run(trackingId, clock.id, at).changes === 0) continue;
      this.addTimeline(trackingId, { at, type: 'sla', note: clock.id });
      events.push(this.logEvent(trackingId, 'sla.breached', at, { clockId: clock.id }));
    }
    return events;
  }

  /**
   * Queue a change for LAPOR! (upstream/forwarder.ts pushes it): call inside the
   * transaction that makes the change, so the two are never apart.
   */
  enqueueUpstream(trackingId: string, kind: 'forward' | 'response' | 'reply' | 'rating', payload: Record<string, unknown>): void {
    if (!this.upstreamEnabled) return;
    const t = this.now().getTime();
    // Prepared on first use, then reused: every admin transition and follow-up comes here.
    this.insertUpstreamOp ??= this.db.prepare<[string, string, string, number, number, number]>(
      `INSERT INTO upstream_ops (tracking_id, kind, payload_json, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
    );
    this.insertUpstreamOp.run(trackingId, kind, JSON.stringify(payload), t, t, t);
  }

  /** Run `fn` in a transaction, then fan its events out once the commit is durable. */
  commit<T extends { events: LoggedEvent[] }>(fn: () => T): T {
    const result = this.db.transaction(fn)();
    this.hub.publish(result.events);
    return result;
  }

  // ---- follow-ups -----------------------------------------------------------------------

  /**
   * A citizen's replies are bounded per report in all and per hour, so one access code
   * cannot grow a report (and the admin's reading) without end.
   */
  private checkReplyBudget(trackingId: string, now: Date, limits: ReplyLimits): void {
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    const r = this.replyCounts.get({ since: hourAgo, id: trackingId })!;
    if (r.total >= limits.perReport) throw new ApiError(409, 'conflict', { messageKey: 'gatewayError.reply_limit', params: { n: limits.perReport } });
    if (r.recent >= limits.perHour && r.oldest) {
      const seconds = Math.max(1, Math.ceil((Date.parse(r.oldest) + 3_600_000 - now.getTime()) / 1000));
      throw new ApiError(429, 'rate_limited', { params: { n: seconds }, headers: { 'Retry-After': String(seconds) } });
    }
  }

  followUp(rawTrackingId: string, code: string | undefined, raw: unknown, lang: string, replies?: ReplyLimits) {
    const row = this.authorize(rawTrackingId, code);
    const trackingId = row.tracking_id;
    const parsed = validate(FollowUpInput, raw, lang);
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    const input = parsed.data;
    const now = this.now();
    const at = now.toISOString();
    this.commit(() => {
      const current = this.store.q.report.get(trackingId)!;
      if (input.kind === 'reply') {
        const clocks = JSON.parse(current.clocks_json) as Clock[];
        const close = clocks.find((c) => c.id === 'lapor.close');
        if (current.status !== 'responded' || !close || new Date(close.dueAt) <= now) {
          throw new ApiError(409, 'conflict');
        }
        if (replies) this.checkReplyBudget(trackingId, now, replies);
        this.store.q.insertResponse.run({
          id: randomId('rsp', 9),
          tracking_id: trackingId,
          at,
          author: 'citizen',
          institution_name: null,
          message: input.message,
          upstream_ref: null,
        });
        this.addTimeline(trackingId, { at, type: 'reply' });
        this.enqueueUpstream(trackingId, 'reply', { message: input.message });
      } else {
        if (current.status !== 'completed' || current.rating_json) throw new ApiError(409, 'conflict');
        const rating: Rating = { score: input.score, comment: input.comment ?? null, at };
        this.db.prepare('UPDATE reports SET rating_json = ? WHERE tracking_id = ?').run(JSON.stringify(rating), trackingId);
        this.addTimeline(trackingId, { at, type: 'rating', note: String(input.score) });
        this.enqueueUpstream(trackingId, 'rating', { score: input.score, comment: input.comment ?? null });
      }
      this.db.prepare('UPDATE reports SET updated_at = ? WHERE tracking_id = ?').run(at, trackingId);
      const type: ReportEventType = input.kind === 'reply' ? 'report.response_added' : 'report.updated';
      return { events: [this.logEvent(trackingId, type, at)] };
    });
    return this.view(this.store.q.report.get(row.tracking_id)!);
  }
}
