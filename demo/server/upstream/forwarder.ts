/**
 * Drains the `outbox` towards LAPOR! and keeps synced reports up to date.
 *
 * Exactly-once creation, also across crashes and restarts:
 *  1. attachments are uploaded first and their document ids persisted (re-uploading after
 *     a crash only leaves an unused document upstream; it creates no complaint);
 *  2. the row is set to `creating` and COMMITTED before the create call goes out;
 *  3. the returned complaint id is persisted together with `done` in one transaction;
 *  4. a row found in `creating` (we crashed, or the call timed out / failed ambiguously)
 *     first asks upstream for a complaint with our tracking id as reference, and only
 *     creates one if there is none.
 * So a complaint is created at most once per "no complaint exists upstream" answer, and
 * retried until it exists. One forwarder per database (one gateway process) is assumed.
 */
import type { ReportStatus } from '../../../src/contract/index.js';
import type { Db } from '../db.js';
import type { UpstreamOptions } from '../options.js';
import type { LoggedEvent } from '../services/events.js';
import type { ReportService } from '../services/reports.js';
import { randomId } from '../services/secrets.js';
import { nextCheckAt, nextDueAt, type Transition } from '../services/sla.js';
import type { ReportRow } from '../services/store.js';
import { UpstreamError, type UpstreamAdapter } from './adapter.js';

interface OutboxRow {
  tracking_id: string;
  state: 'pending' | 'creating' | 'done' | 'failed';
  attempts: number;
  document_ids_json: string | null;
}

/** After this many failed attempts the report shows `failed`; retries go on (max backoff). */
const SHOW_FAILED_AFTER = 5;
const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];

export class Forwarder {
  private timer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly adapter: UpstreamAdapter,
    private readonly opts: UpstreamOptions,
    private readonly log: boolean,
  ) {
    this.q = {
      due: db.prepare<[number], OutboxRow>(
        "SELECT tracking_id, state, attempts, document_ids_json FROM outbox WHERE state IN ('pending', 'creating') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 20",
      ),
      setDocs: db.prepare<[string, number, string]>('UPDATE outbox SET document_ids_json = ?, updated_at = ? WHERE tracking_id = ?'),
      setCreating: db.prepare<[number, string]>("UPDATE outbox SET state = 'creating', updated_at = ? WHERE tracking_id = ?"),
      done: db.prepare<[string, number, string]>("UPDATE outbox SET state = 'done', upstream_id = ?, updated_at = ? WHERE tracking_id = ?"),
      fail: db.prepare<[number, number, string, number, string]>(
        'UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE tracking_id = ?',
      ),
      refuse: db.prepare<[string, number, string]>("UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE tracking_id = ?"),
      synced: db.prepare<[], ReportRow>(
        "SELECT * FROM reports WHERE lapor_id IS NOT NULL AND status NOT IN ('completed', 'archived') ORDER BY updated_at LIMIT 100",
      ),
    };
  }

  start(): void {
    const every = this.opts.intervalMs ?? 2000;
    if (every > 0) {
      this.timer = setInterval(() => void this.drain(), every);
      this.timer.unref();
    }
    const poll = this.opts.pollIntervalMs ?? 30_000;
    if (poll > 0) {
      this.pollTimer = setInterval(() => void this.poll(), poll);
      this.pollTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.pollTimer);
    await this.running;
    await this.polling;
  }

  /** One pass over due outbox rows (never two passes at once). */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drainOnce(): Promise<void> {
    const rows = this.q.due.all(this.reports.now().getTime());
    for (const row of rows) {
      if (this.stopped) return;
      try {
        await this.forward(row);
      } catch (err) {
        this.failed(row, err);
      }
    }
  }

  private async forward(row: OutboxRow): Promise<void> {
    const report = this.reports.store.q.report.get(row.tracking_id);
    if (!report) return;
    let laporId: string | undefined;
    if (row.state === 'creating') laporId = await this.adapter.findByReference(row.tracking_id);
    if (!laporId) {
      let docs = row.document_ids_json ? (JSON.parse(row.document_ids_json) as string[]) : undefined;
      if (!docs) {
        const files = this.reports.store.q.attachmentsOf.all(row.tracking_id).map((a) => ({ name: a.name, mime: a.mime, path: a.file }));
        docs = await this.adapter.uploadAttachments(files);
        this.q.setDocs.run(JSON.stringify(docs), Date.now(), row.tracking_id);
      }
      this.q.setCreating.run(Date.now(), row.tracking_id);
      const location = JSON.parse(report.location_json) as { text: string; locationId?: string };
      laporId = await this.adapter.createComplaint(
        {
          trackingId: report.tracking_id,
          title: report.title,
          body: report.body,
          channel: report.channel,
          classification: report.classification,
          categoryId: report.category_id,
          locationId: location.locationId ?? null,
          locationText: location.text,
          incidentDate: report.incident_date,
          anonymous: report.anonymous === 1,
          secret: report.secret === 1,
        },
        docs,
      );
    }
    const id = laporId;
    this.reports.commit(() => {
      const at = this.reports.now().toISOString();
      this.q.done.run(id, Date.now(), row.tracking_id);
      this.db
        .prepare("UPDATE reports SET lapor_id = ?, upstream_state = 'synced', upstream_synced_at = ?, updated_at = ? WHERE tracking_id = ?")
        .run(id, at, at, row.tracking_id);
      this.reports.addTimeline(row.tracking_id, { at, type: 'upstream', note: id });
      return { events: [this.reports.logEvent(row.tracking_id, 'report.upstream_synced', at)] };
    });
  }

  private failed(row: OutboxRow, err: unknown): void {
    const now = Date.now();
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof UpstreamError && !err.retryable) {
      this.q.refuse.run(message, now, row.tracking_id);
      this.markReport(row.tracking_id, 'failed');
      return;
    }
    const attempts = row.attempts + 1;
    const base = this.opts.backoffMs ?? 1000;
    const max = this.opts.maxBackoffMs ?? 5 * 60_000;
    // Exponential backoff with jitter, so a recovering LAPOR! is not hit by a thundering herd.
    const delay = Math.min(max, base * 2 ** Math.min(attempts - 1, 20)) * (0.5 + Math.random() / 2);
    this.q.fail.run(attempts, this.reports.now().getTime() + delay, message, now, row.tracking_id);
    if (attempts >= SHOW_FAILED_AFTER) this.markReport(row.tracking_id, 'failed');
    if (this.log && attempts === 1) console.warn(`[upstream] ${row.tracking_id}: ${message} (will retry)`);
  }

  private markReport(trackingId: string, state: 'failed'): void {
    this.reports.commit(() => {
      const changed = this.db
        .prepare("UPDATE reports SET upstream_state = ? WHERE tracking_id = ? AND upstream_state != ?")
        .run(state, trackingId, state).changes;
      if (!changed) return { events: [] };
      return { events: [this.reports.logEvent(trackingId, 'report.updated', this.reports.now().toISOString())] };
    });
  }

  /** Pull status and agency replies of synced, unfinished reports. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    for (const row of this.q.synced.all()) {
      if (this.stopped) return;
      try {
        const snap = await this.adapter.fetch(row.lapor_id!);
        this.apply(row.tracking_id, snap.status, snap.followups);
      } catch (err) {
        if (this.log) console.warn(`[upstream] poll ${row.tracking_id}: ${(err as Error).message}`);
      }
    }
  }

  /** Upstream moved ahead on the happy path: follow it (never backwards), add new replies. */
  private apply(trackingId: string, status: ReportStatus | undefined, followups: { ref: string; at: string; message: string; institutionName: string | null }[]): void {
    const { store } = this.reports;
    this.reports.commit(() => {
      const events: LoggedEvent[] = [];
      const row = store.q.report.get(trackingId)!;
      const at = this.reports.now().toISOString();
      for (const f of followups) {
        const r = store.q.insertResponse.run({
          id: randomId('rsp', 9),
          tracking_id: trackingId,
          at: f.at,
          author: 'agency',
          institution_name: f.institutionName,
          message: f.message,
          upstream_ref: f.ref,
        });
        if (r.changes) events.push(this.reports.logEvent(trackingId, 'report.response_added', at));
      }
      const from = row.status as ReportStatus;
      const ahead = status && (status === 'archived' || PATH.indexOf(status) > PATH.indexOf(from));
      if (status && ahead && from !== 'on_hold' && from !== 'archived' && from !== 'completed') {
        const transitions = JSON.parse(row.transitions_json) as Transition[];
        transitions.push({ status, at });
        const next = { ...row, status, transitions_json: JSON.stringify(transitions), updated_at: at };
        const clocks = this.reports.recomputeClocks(next);
        store.q.updateState.run({ ...next, clocks_json: JSON.stringify(clocks), next_due_at: nextDueAt(clocks), next_check_at: nextCheckAt(clocks) });
        this.reports.addTimeline(trackingId, { at, type: 'status', status, from, note: 'LAPOR!' });
        events.push(this.reports.logEvent(trackingId, 'report.status_changed', at, { from, to: status }));
        events.push(...this.reports.announceBreaches(trackingId, clocks, at));
      }
      return { events };
    });
  }
}
