/**
 * Reports: submit (with Stripe-style idempotency), the citizen's view behind the access
 * code, follow-ups, and the shared "change a report + log an event" step.
 */
import type { Clock, FieldError, InstitutionKind, ParsedReportInput, Rating, ReportStatus, ServiceHours } from '../../src/contract/index.js';
import { FollowUpInput, ReportInput, fieldErrorMessage, normalizeTrackingId, validate } from '../../src/contract/index.js';
import { ApiError, reportNotFound } from '../http/errors.js';
import type { Db } from '../db/index.js';
import type { EventExtra, EventLog, Hub, LoggedEvent } from './events.js';
import { IdempotencyStore } from './idempotency.js';
import type { Locator } from './locate.js';
import { routeReport } from './routing.js';
import { clocksFor, nextCheckAt, nextDueAt, type Transition } from './sla.js';
import { accessHash, newAccessCode, newTrackingId, randomId } from './secrets.js';
import { dropPreviousCode, matchAccessCode } from './access-codes.js';
import type { AttachmentRow, ReportRow, Store, TimelineRow } from './store.js';
import type { ReplyLimits } from '../options.js';
import { buildReport, reportView, storedReporter, type ReportView } from './views.js';
import type { ReportEventType } from '../../src/contract/index.js';
import type { NotifyOutbox } from '../notify/outbox.js';
import type { EscalationService } from '../escalation/service.js';

export interface SubmitContext {
  siteKey: string;
  channel: string;
  idempotencyKey: string;
  lang: string;
  /**
   * When the citizen sent it, if not now: the WhatsApp timestamp of the chat's "Kirim"
   * (channels/whatsapp/), where the SOP clock starts. Only callers inside the gateway set
   * it; `POST /v1/reports` never does, so a web client cannot choose its own clock start.
   */
  receivedAt?: Date;
}

/** A stated receipt time is believed between a week ago (Meta retries that long) and now. */
const MAX_RECEIPT_AGE_MS = 7 * 86_400_000;

/** A change made inside a transaction: the events to publish once it commits. */
export interface Change {
  row: ReportRow;
  events: LoggedEvent[];
}

export class ReportService {
  readonly idempotency: IdempotencyStore;
  /**
   * Hands the events of a commit to the streams; runs after the commit. In this process
   * by default (the Hub); a cross-process feed replaces it where several processes share
   * one database (PostgreSQL), so that every process's streams hear every commit.
   */
  publish: (events: LoggedEvent[]) => void = (events) => this.hub.publish(events);
  /** Messages to the citizen (notify/): queued inside the same transactions as the events. */
  notify: NotifyOutbox | undefined;
  /** The escalation chain (issue 28, LAPOR_ESCALATION): fired by the breach scheduler, cancelled by handling. */
  escalations: EscalationService | undefined;
  /** A point → its place (services/locate.ts): routing of a report that has coordinates but no picked place. */
  locator: Locator | undefined;

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
  }

  // ---- submit -------------------------------------------------------------------------

  /**
   * Returns the exact 201 body as a string: a replay must be byte-for-byte the original.
   * The idempotency check and the insert happen in ONE transaction that first takes a lock
   * on the key, so two requests with the same key racing each other (in this process or
   * in two processes on one PostgreSQL) produce one report: the second waits for the
   * first's commit and then sees its row. (SQLite's driver commits the submits of one
   * event-loop turn together: one fsync for all of them.)
   */
  async submit(raw: unknown, ctx: SubmitContext): Promise<{ body: string; replayed: boolean }> {
    const hash = this.idempotency.hashBody(raw);
    const parsed = validate(ReportInput, raw, ctx.lang);
    const fields = parsed.ok ? await this.checkReferences(parsed.data, ctx) : parsed.fields;
    if (!parsed.ok || fields.length) {
      // The key first: a retry of an accepted submit (its attachments claimed by now) is a
      // replay, and a reused key with another body is 409, whatever is wrong with the body.
      // Only here: on the way to a new report the lookup happens once, in the transaction.
      const replay = await this.idempotency.lookup(ctx.siteKey, ctx.idempotencyKey, hash);
      if (replay) return { body: replay, replayed: true };
      throw new ApiError(422, 'validation_failed', { fields });
    }
    const input = parsed.data;

    return this.db.transaction(async () => {
      await this.db.lock(`idem:${ctx.siteKey}:${ctx.idempotencyKey}`);
      const again = await this.idempotency.lookup(ctx.siteKey, ctx.idempotencyKey, hash);
      if (again) return { body: again, replayed: true };
      // Attachments may have been claimed by a concurrent submit since the check above.
      const { fields: claimed, rows: attachments } = await this.freeAttachments(input.attachmentIds, ctx);
      if (claimed.length) throw new ApiError(422, 'validation_failed', { fields: claimed });

      const code = newAccessCode();
      const at = this.now().toISOString();
      const receivedAt = this.receivedAt(ctx);
      const institutionId = this.institutionFor(input);
      const transitions: Transition[] = [{ status: 'submitted', at: receivedAt, institutionId }];
      const { kind, timeZone, serviceHours } = this.policyTarget(institutionId);
      const clocks = clocksFor(kind, timeZone, transitions, this.now(), serviceHours);
      const reporter = storedReporter(input);
      const row: ReportRow & { lang: string } = {
        tracking_id: newTrackingId(),
        access_hash: accessHash(code, this.codeKey),
        status: 'submitted',
        classification: input.classification,
        title: input.title,
        body: input.body,
        incident_date: input.incidentDate ?? null,
        location_json: JSON.stringify(input.location),
        institution_id: institutionId,
        category_id: input.categoryId ?? null,
        anonymous: input.anonymous ? 1 : 0,
        secret: input.secret ? 1 : 0,
        channel: ctx.channel,
        site_key: ctx.siteKey,
        reporter_json: reporter ? JSON.stringify(reporter) : null,
        transitions_json: JSON.stringify(transitions),
        clocks_json: JSON.stringify(clocks),
        next_due_at: nextDueAt(clocks),
        next_check_at: this.checkAt(institutionId, clocks),
        upstream_state: this.upstreamEnabled ? 'pending' : 'disabled',
        created_at: at,
        updated_at: at,
        // The language messages to the citizen are written in (notify/): the submit's.
        lang: ctx.lang === 'en' ? 'en' : 'id',
        held_from: null,
        status_reason: null,
        rating_json: null,
        lapor_id: null,
        upstream_synced_at: null,
        upstream_status: null,
      };
      // 32^8 ids: a collision is rare but possible; draw again rather than fail.
      while (!(await this.store.insertReport(row))) row.tracking_id = newTrackingId();
      const trackingId = row.tracking_id;
      for (const [i, id] of input.attachmentIds.entries()) {
        // On PostgreSQL a concurrent submit may claim it between the check above and here
        // (the UPDATE waits for it and then matches nothing): refuse rather than lose it.
        if ((await this.store.claimAttachment(trackingId, id)).changes === 0) {
          const path = `attachmentIds.${i}`;
          throw new ApiError(422, 'validation_failed', { fields: [{ path, code: 'unknown_value', message: fieldErrorMessage(ctx.lang, path, 'unknown_value') }] });
        }
      }
      await this.notify?.onSubmit(trackingId, input.notify, code);
      const first = await this.addTimeline(trackingId, { at: receivedAt, type: 'status', status: 'submitted', from: null });
      if (this.upstreamEnabled) {
        const t = this.now().getTime();
        await this.db.run(
          `INSERT INTO outbox (tracking_id, state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?, ?)`,
          [trackingId, t, t, t],
        );
      }
      // The answer from what was just written (no reads back: this is the hot path), the
      // same view a GET builds from the stored rows; attachments in the order GET lists them.
      attachments.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
      const report = reportView(this.store, row, attachments, [first], []);
      const body = JSON.stringify({ trackingId, accessToken: code, report: { ...report, serverTime: at } });
      await this.idempotency.save(ctx.siteKey, ctx.idempotencyKey, hash, trackingId, body);
      return { body, replayed: false };
    });
  }

  /**
   * The citizen's choice of institution, else the reference data's routing rules
   * (category + location; services/routing.ts), else none: an officer forwards it.
   */
  institutionFor(input: Pick<ParsedReportInput, 'institutionId' | 'categoryId' | 'location'>): string | null {
    if (input.institutionId) return input.institutionId;
    const { locationId, lat, lng } = input.location;
    // A picked place first; else where the citizen's coordinates fall ("Gunakan lokasi saya", a WhatsApp location).
    const placed = locationId ?? (lat !== undefined && lng !== undefined ? this.locator?.locate({ lat, lng })?.location.id : undefined);
    return routeReport(this.store, { categoryId: input.categoryId, locationId: placed });
  }

  /**
   * The clock start: `ctx.receivedAt` within [now − 7 days, now], else now. (`created_at`
   * stays the time the row was written: the admin stream follows new rows by it.)
   */
  private receivedAt(ctx: SubmitContext): string {
    const now = this.now().getTime();
    const given = ctx.receivedAt?.getTime();
    return new Date(given !== undefined && Number.isFinite(given) ? Math.min(now, Math.max(now - MAX_RECEIPT_AGE_MS, given)) : now).toISOString();
  }

  private async checkReferences(input: ParsedReportInput, ctx: SubmitContext): Promise<FieldError[]> {
    const fields: FieldError[] = [];
    const unknown = (path: string) => fields.push({ path, code: 'unknown_value', message: fieldErrorMessage(ctx.lang, path, 'unknown_value') });
    if (input.institutionId && !this.store.institutions.has(input.institutionId)) unknown('institutionId');
    if (input.categoryId && !this.store.categories.has(input.categoryId)) unknown('categoryId');
    if (input.location.locationId && !this.store.locations.has(input.location.locationId)) unknown('location.locationId');
    fields.push(...(await this.freeAttachments(input.attachmentIds, ctx)).fields);
    return fields;
  }

  /** Each attachment must exist, come from the same site key, and not belong to a report yet. */
  /** The attachments' rows, and an error for each id that is unknown, another site's, already claimed or repeated. */
  private async freeAttachments(ids: string[], ctx: SubmitContext): Promise<{ fields: FieldError[]; rows: AttachmentRow[] }> {
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    const found = await Promise.all(ids.map((id) => this.store.attachment(id)));
    const rows: AttachmentRow[] = [];
    ids.forEach((id, i) => {
      const a = found[i];
      if (!a || a.site_key !== ctx.siteKey || a.tracking_id !== null || seen.has(id)) {
        const path = `attachmentIds.${i}`;
        fields.push({ path, code: 'unknown_value', message: fieldErrorMessage(ctx.lang, path, 'unknown_value') });
      } else rows.push(a);
      seen.add(id);
    });
    return { fields, rows };
  }

  policyTarget(institutionId: string | null): { kind: InstitutionKind; timeZone: string; serviceHours?: ServiceHours } {
    const inst = institutionId ? this.store.institutions.get(institutionId) : undefined;
    return { kind: inst?.kind ?? 'opd', timeZone: inst?.timeZone ?? 'Asia/Jakarta', serviceHours: inst?.serviceHours };
  }

  // ---- read ---------------------------------------------------------------------------

  /**
   * The report behind a tracking id and its access code. Missing report, missing code and
   * wrong code all throw the same 404 (same body, same work): the code is required for
   * every report, not only secret ones, so that a tracking id read over the phone does
   * not expose what a citizen wrote.
   */
  async authorize(trackingId: string, code: string | undefined): Promise<ReportRow> {
    // People type tracking ids from paper or over the phone: any case, spaces, dashes, LPR or not.
    const row = await this.store.report(normalizeTrackingId(trackingId));
    const match = matchAccessCode(code, row, this.codeKey);
    if (!match || !row) throw reportNotFound();
    // A new code from "Lupa kode akses?" was used: the saved one stops now (access-codes.ts).
    if (match === 'current' && row.previous_access_hash) await dropPreviousCode(this.db, row);
    return row;
  }

  /** The citizen's view (reads the attachments, timeline and responses). */
  async view(row: ReportRow) {
    return { ...(await buildReport(this.store, row)), serverTime: this.now().toISOString() };
  }

  // ---- change + event -----------------------------------------------------------------

  async addTimeline(
    trackingId: string,
    e: { at: string; type: string; status?: ReportStatus | null; from?: ReportStatus | null; institutionName?: string | null; note?: string | null },
  ): Promise<TimelineRow> {
    const row: TimelineRow = {
      id: randomId('tl', 9),
      at: e.at,
      type: e.type,
      status: e.status ?? null,
      from_status: e.from ?? null,
      institution_name: e.institutionName ?? null,
      note: e.note ?? null,
    };
    await this.store.insertTimeline({ ...row, tracking_id: trackingId });
    return row;
  }

  /** Recompute and store the clocks from the stored transitions (after any change of them). */
  recomputeClocks(row: ReportRow): Clock[] {
    const { kind, timeZone, serviceHours } = this.policyTarget(row.institution_id);
    return clocksFor(kind, timeZone, JSON.parse(row.transitions_json) as Transition[], this.now(), serviceHours);
  }

  /**
   * When the breach scheduler must look at a report again: its nearest running deadline,
   * or an escalation step before it (issue 28). `after`: the scheduler's own pass, which
   * has just fired every step due by then.
   */
  checkAt(institutionId: string | null, clocks: Clock[], after?: number): string | null {
    const due = nextCheckAt(clocks);
    const step = this.escalations?.nextAt(institutionId, clocks, after) ?? null;
    return !step || (due && due < step) ? due : step;
  }

  /** Append an event for the report as it now is (call inside the transaction). */
  async logEvent(trackingId: string, type: ReportEventType, at: string, extra?: EventExtra): Promise<LoggedEvent> {
    const row = (await this.store.report(trackingId))!;
    await this.notify?.onEvent(row, type, extra);
    if (type === 'report.status_changed') await this.escalations?.onStatusChange(row);
    return this.events.append(type, await buildReport(this.store, row), at, extra);
  }

  /**
   * Log `sla.breached` for every breached clock not announced before (inside the
   * transaction). Called by the scheduler and after any change of clocks, so a clock that
   * went past due between two ticks and was then stopped is still announced, once.
   */
  async announceBreaches(trackingId: string, clocks: Clock[], at: string): Promise<LoggedEvent[]> {
    const events: LoggedEvent[] = [];
    for (const clock of clocks) {
      if (clock.state !== 'breached') continue;
      const marked = await this.db.run(
        'INSERT INTO breaches (tracking_id, clock_id, at) VALUES (?, ?, ?) ON CONFLICT (tracking_id, clock_id) DO NOTHING',
        [trackingId, clock.id, at],
      );
      if (marked.changes === 0) continue;
      await this.addTimeline(trackingId, { at, type: 'sla', note: clock.id });
      events.push(await this.logEvent(trackingId, 'sla.breached', at, { clockId: clock.id }));
    }
    return events;
  }

  /**
   * Queue a change for LAPOR! (upstream/forwarder.ts pushes it): call inside the
   * transaction that makes the change, so the two are never apart.
   */
  async enqueueUpstream(trackingId: string, kind: 'forward' | 'response' | 'reply' | 'rating', payload: Record<string, unknown>): Promise<void> {
    if (!this.upstreamEnabled) return;
    const t = this.now().getTime();
    await this.db.run(
      `INSERT INTO upstream_ops (tracking_id, kind, payload_json, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      [trackingId, kind, JSON.stringify(payload), t, t, t],
    );
  }

  /**
   * Run `fn` in a transaction (joining the caller's, if any), then fan its events out once
   * the commit is durable; a rollback announces nothing.
   */
  commit<T extends { events: LoggedEvent[] }>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction(async () => {
      const result = await fn();
      this.db.afterCommit(() => this.publish(result.events));
      return result;
    });
  }

  // ---- follow-ups -----------------------------------------------------------------------

  /**
   * A citizen's replies are bounded per report in all and per hour, so one access code
   * cannot grow a report (and the admin's reading) without end.
   */
  private async checkReplyBudget(trackingId: string, now: Date, limits: ReplyLimits): Promise<void> {
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    const r = (await this.db.get<{ total: number; recent: number; oldest: string | null }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN at > ? THEN 1 ELSE 0 END), 0) AS recent,
         MIN(CASE WHEN at > ? THEN at END) AS oldest
       FROM responses WHERE tracking_id = ? AND author = 'citizen'`,
      [hourAgo, hourAgo, trackingId],
    ))!;
    if (r.total >= limits.perReport) throw new ApiError(409, 'conflict', { messageKey: 'gatewayError.reply_limit', params: { n: limits.perReport } });
    if (r.recent >= limits.perHour && r.oldest) {
      const seconds = Math.max(1, Math.ceil((Date.parse(r.oldest) + 3_600_000 - now.getTime()) / 1000));
      throw new ApiError(429, 'rate_limited', { params: { n: seconds }, headers: { 'Retry-After': String(seconds) } });
    }
  }

  async followUp(rawTrackingId: string, code: string | undefined, raw: unknown, lang: string, replies?: ReplyLimits) {
    return this.addFollowUp(await this.authorize(rawTrackingId, code), raw, lang, replies);
  }

  /**
   * A follow-up on a report whose owner is already established: by the access code
   * (followUp above), or by the WhatsApp number it was filed from (channels/whatsapp/).
   */
  async addFollowUp(row: ReportRow, raw: unknown, lang: string, replies?: ReplyLimits) {
    const trackingId = row.tracking_id;
    const parsed = validate(FollowUpInput, raw, lang);
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    const input = parsed.data;
    const now = this.now();
    const at = now.toISOString();
    await this.commit(async () => {
      const current = (await this.store.reportForUpdate(trackingId))!;
      if (input.kind === 'reply') {
        const clocks = JSON.parse(current.clocks_json) as Clock[];
        const close = clocks.find((c) => c.id === 'lapor.close');
        if (current.status !== 'responded' || !close || new Date(close.dueAt) <= now) {
          throw new ApiError(409, 'conflict');
        }
        if (replies) await this.checkReplyBudget(trackingId, now, replies);
        await this.store.insertResponse({
          id: randomId('rsp', 9),
          tracking_id: trackingId,
          at,
          author: 'citizen',
          institution_name: null,
          message: input.message,
          upstream_ref: null,
        });
        await this.addTimeline(trackingId, { at, type: 'reply' });
        await this.enqueueUpstream(trackingId, 'reply', { message: input.message });
      } else {
        if (current.status !== 'completed' || current.rating_json) throw new ApiError(409, 'conflict');
        const rating: Rating = { score: input.score, comment: input.comment ?? null, at };
        await this.db.run('UPDATE reports SET rating_json = ? WHERE tracking_id = ?', [JSON.stringify(rating), trackingId]);
        await this.addTimeline(trackingId, { at, type: 'rating', note: String(input.score) });
        await this.enqueueUpstream(trackingId, 'rating', { score: input.score, comment: input.comment ?? null });
      }
      await this.db.run('UPDATE reports SET updated_at = ? WHERE tracking_id = ?', [at, trackingId]);
      const type: ReportEventType = input.kind === 'reply' ? 'report.response_added' : 'report.updated';
      return { events: [await this.logEvent(trackingId, type, at)] };
    });
    return this.view((await this.store.report(row.tracking_id))!);
  }
}
