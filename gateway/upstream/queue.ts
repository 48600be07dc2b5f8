/**
 * The forwarder's three durable queues (`outbox`, `upstream_ops`, `upstream_poll`) and the
 * upstream columns of `reports`, as SQL that runs unchanged on SQLite and PostgreSQL.
 *
 * Every change of a row's state names the state it expects (`… WHERE state = ?`) and says
 * whether it happened. The forwarder runs in one process at a time (db.leader), but a
 * process that just lost the lead may still be finishing a request, and an operator may
 * act on any process: a change made meanwhile by someone else is never overwritten, and
 * whoever's conditional update did not apply leaves the row alone.
 */
import type { Db } from '../db/index.js';

export type OutboxState = 'pending' | 'creating' | 'done' | 'parked' | 'failed';

export interface OutboxRow {
  tracking_id: string;
  state: OutboxState;
  attempts: number;
  document_ids_json: string | null;
  ops_seen: number | null;
  declines: number;
  evidence_json: string | null;
}

export interface OpRow {
  id: number;
  tracking_id: string;
  kind: 'forward' | 'response' | 'reply' | 'rating';
  payload_json: string;
  attempts: number;
  declines: number;
  created_at: number;
}

/** The forwarder's state as every process shows it (upstream_status, name 'forwarder'). */
export type ForwarderState = 'starting' | 'ok' | 'credentials_refused' | 'unreachable' | 'throttled';
export interface StatusRow {
  state: ForwarderState;
  since: number;
  detail_json: string | null;
}

const OUTBOX = 'SELECT tracking_id, state, attempts, document_ids_json, ops_seen, declines, evidence_json FROM outbox';
const OP = 'SELECT o.id, o.tracking_id, o.kind, o.payload_json, o.attempts, o.declines, o.created_at FROM upstream_ops o';
/** A row whose state was not the one expected: someone else changed it first. */
const applied = (r: { changes: number }) => r.changes > 0;
/** A due time from a jittered backoff: BIGINT on PostgreSQL takes whole milliseconds only. */
const whole = (ms: number) => Math.ceil(ms);

export class UpstreamQueue {
  constructor(private readonly db: Db) {}

  // ---- outbox: one complaint per report ------------------------------------------------

  /** A row `creating` is due only once its request must have ended (claimCreate sets when). */
  dueCreates(now: number, limit: number): Promise<OutboxRow[]> {
    return this.db.all<OutboxRow>(`${OUTBOX} WHERE state IN ('pending', 'creating') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`, [now, limit]);
  }

  outbox(trackingId: string): Promise<OutboxRow | undefined> {
    return this.db.get<OutboxRow>(`${OUTBOX} WHERE tracking_id = ?`, [trackingId]);
  }

  async setDocs(trackingId: string, docs: number[], at: number): Promise<boolean> {
    return applied(
      await this.db.run("UPDATE outbox SET document_ids_json = ?, updated_at = ? WHERE tracking_id = ? AND state = 'pending'", [JSON.stringify(docs), at, trackingId]),
    );
  }

  /**
   * pending → creating, remembering the last push queued so far (a forward up to it is in
   * the create) and what is about to be sent (evidence if its answer is lost). Not due
   * again before `lostAt`: until then the request may still be out, here or in a process
   * that just lost the lead.
   */
  async claimCreate(trackingId: string, evidence: string, lostAt: number, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        `UPDATE outbox SET state = 'creating', ops_seen = (SELECT MAX(id) FROM upstream_ops WHERE tracking_id = ?), evidence_json = ?,
           next_attempt_at = ?, updated_at = ?
         WHERE tracking_id = ? AND state = 'pending'`,
        [trackingId, evidence, whole(lostAt), at, trackingId],
      ),
    );
  }

  async reschedule(
    trackingId: string,
    from: OutboxState,
    change: { to: OutboxState; attempts: number; declines: number; nextAt: number; error: string },
    at: number,
  ): Promise<boolean> {
    return applied(
      await this.db.run(
        'UPDATE outbox SET state = ?, attempts = ?, declines = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE tracking_id = ? AND state = ?',
        [change.to, change.attempts, change.declines, whole(change.nextAt), change.error, at, trackingId, from],
      ),
    );
  }

  /** Any state but done: the id is known to be ours, whoever parked or re-queued the row meanwhile. */
  async done(trackingId: string, laporId: string, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        "UPDATE outbox SET state = 'done', upstream_id = ?, parked_code = NULL, parked_params_json = NULL, last_error = NULL, updated_at = ? WHERE tracking_id = ? AND state <> 'done'",
        [laporId, at, trackingId],
      ),
    );
  }

  /** `evidence` (JSON) replaces what claimCreate stored; undefined keeps it. */
  async park(trackingId: string, from: OutboxState, code: string, params: string, error: string | null, evidence: string | undefined, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        `UPDATE outbox SET state = 'parked', parked_code = ?, parked_params_json = ?, last_error = ?, evidence_json = COALESCE(?, evidence_json), updated_at = ?
         WHERE tracking_id = ? AND state = ?`,
        [code, params, error, evidence ?? null, at, trackingId, from],
      ),
    );
  }

  async unpark(trackingId: string, nextAt: number, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        `UPDATE outbox SET state = 'pending', attempts = 0, declines = 0, next_attempt_at = ?, parked_code = NULL, parked_params_json = NULL, evidence_json = NULL,
           updated_at = ? WHERE tracking_id = ? AND state = 'parked'`,
        [whole(nextAt), at, trackingId],
      ),
    );
  }

  /** The report's held pushes go again (in their order), after an operator fixed what LAPOR! refused. */
  async unparkOps(trackingId: string, nextAt: number, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        "UPDATE upstream_ops SET state = 'pending', attempts = 0, declines = 0, next_attempt_at = ?, updated_at = ? WHERE tracking_id = ? AND state = 'parked'",
        [whole(nextAt), at, trackingId],
      ),
    );
  }

  async parkedForMapping(): Promise<string[]> {
    const rows = await this.db.all<{ tracking_id: string }>("SELECT tracking_id FROM outbox WHERE state = 'parked' AND parked_code = 'mapping'");
    return rows.map((r) => r.tracking_id);
  }

  // ---- reports: the upstream columns ---------------------------------------------------

  async markSynced(trackingId: string, laporId: string, at: string): Promise<void> {
    await this.db.run("UPDATE reports SET lapor_id = ?, upstream_state = 'synced', upstream_synced_at = ?, updated_at = ? WHERE tracking_id = ?", [
      laporId,
      at,
      at,
      trackingId,
    ]);
  }

  /** A synced report stays synced. */
  async setUpstreamState(trackingId: string, state: 'failed' | 'pending'): Promise<boolean> {
    return applied(
      await this.db.run("UPDATE reports SET upstream_state = ? WHERE tracking_id = ? AND upstream_state <> ? AND upstream_state <> 'synced'", [
        state,
        trackingId,
        state,
      ]),
    );
  }

  async setUpstreamStatus(trackingId: string, statusName: string): Promise<void> {
    await this.db.run('UPDATE reports SET upstream_status = ? WHERE tracking_id = ?', [statusName, trackingId]);
  }

  // ---- upstream_ops: pushes, in order per report ----------------------------------------

  /** Reports with a push due: each one's oldest not done, and only once the report is on LAPOR!. */
  async dueOpReports(now: number, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ tracking_id: string }>(
      `SELECT o.tracking_id FROM upstream_ops o JOIN reports r ON r.tracking_id = o.tracking_id
       WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND r.lapor_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM upstream_ops p WHERE p.tracking_id = o.tracking_id AND p.state IN ('pending', 'parked') AND p.id < o.id)
       ORDER BY o.id LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => r.tracking_id);
  }

  /** This report's next push, if it is due (pushes go one after another, in order). */
  nextOp(trackingId: string, now: number): Promise<OpRow | undefined> {
    return this.db.get<OpRow>(
      `${OP} JOIN reports r ON r.tracking_id = o.tracking_id
       WHERE o.tracking_id = ? AND o.state = 'pending' AND o.next_attempt_at <= ? AND r.lapor_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM upstream_ops p WHERE p.tracking_id = o.tracking_id AND p.state IN ('pending', 'parked') AND p.id < o.id)
       ORDER BY o.id LIMIT 1`,
      [trackingId, now],
    );
  }

  /**
   * Taken before a push goes out: the op is not due again until `until`, so a second
   * forwarder that selected it too (one that just lost the lead) finds it taken and skips
   * it. A forwarder that dies mid-push leaves it to be sent again once the lease is over.
   */
  async leaseOp(op: OpRow, now: number, until: number): Promise<boolean> {
    return applied(
      await this.db.run("UPDATE upstream_ops SET next_attempt_at = ? WHERE id = ? AND state = 'pending' AND attempts = ? AND next_attempt_at <= ?", [
        whole(until),
        op.id,
        op.attempts,
        now,
      ]),
    );
  }

  async opDone(id: number, at: number): Promise<boolean> {
    return applied(await this.db.run("UPDATE upstream_ops SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ? AND state = 'pending'", [at, id]));
  }

  /** Counted once per failure: a second process retrying the same attempt changes nothing. */
  async opRetry(op: OpRow, declines: number, nextAt: number, error: string, at: number): Promise<boolean> {
    return applied(
      await this.db.run(
        "UPDATE upstream_ops SET attempts = ?, declines = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND attempts = ?",
        [op.attempts + 1, declines, whole(nextAt), error, at, op.id, op.attempts],
      ),
    );
  }

  async opPark(id: number, error: string, at: number): Promise<boolean> {
    return applied(await this.db.run("UPDATE upstream_ops SET state = 'parked', last_error = ?, updated_at = ? WHERE id = ? AND state = 'pending'", [error, at, id]));
  }

  /** Follow-ups of this report already shown (LAPOR!'s ref): a poll takes only the others. */
  async knownRefs(trackingId: string): Promise<Set<string>> {
    const rows = await this.db.all<{ upstream_ref: string }>('SELECT upstream_ref FROM responses WHERE tracking_id = ? AND upstream_ref IS NOT NULL', [trackingId]);
    return new Set(rows.map((r) => r.upstream_ref));
  }

  /** What we sent ourselves, to recognise it when LAPOR! lists it back. */
  ownPayloads(trackingId: string): Promise<{ payload_json: string }[]> {
    return this.db.all("SELECT payload_json FROM upstream_ops WHERE tracking_id = ? AND kind IN ('response', 'reply', 'rating')", [trackingId]);
  }

  // ---- upstream_poll: when each synced report is next asked about -----------------------

  async duePolls(now: number, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ tracking_id: string }>(
      `SELECT p.tracking_id FROM upstream_poll p JOIN reports r ON r.tracking_id = p.tracking_id
       WHERE p.next_poll_at <= ? AND r.lapor_id IS NOT NULL ORDER BY p.next_poll_at LIMIT ?`,
      [now, limit],
    );
    return rows.map((r) => r.tracking_id);
  }

  pollRow(trackingId: string): Promise<{ failures: number; followup_page: number; next_poll_at: number } | undefined> {
    return this.db.get('SELECT failures, followup_page, next_poll_at FROM upstream_poll WHERE tracking_id = ?', [trackingId]);
  }

  async schedulePoll(trackingId: string, at: number): Promise<void> {
    await this.db.run(
      'INSERT INTO upstream_poll (tracking_id, next_poll_at) VALUES (?, ?) ON CONFLICT (tracking_id) DO UPDATE SET next_poll_at = excluded.next_poll_at',
      [trackingId, whole(at)],
    );
  }

  /** Reports linked before polling had its own table are polled from now on. */
  async pollUnscheduled(at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO upstream_poll (tracking_id, next_poll_at) SELECT tracking_id, ? FROM reports
       WHERE lapor_id IS NOT NULL AND status NOT IN ('completed', 'archived') ON CONFLICT (tracking_id) DO NOTHING`,
      [at],
    );
  }

  /** `followupPage`: where the next poll starts reading follow-ups (undefined: unchanged). */
  async polled(trackingId: string, nextAt: number, at: number, error: string | null, failures: number, followupPage?: number): Promise<void> {
    await this.db.run(
      'UPDATE upstream_poll SET next_poll_at = ?, last_polled_at = ?, last_error = ?, failures = ?, followup_page = COALESCE(?, followup_page) WHERE tracking_id = ?',
      [whole(nextAt), at, error, failures, followupPage ?? null, trackingId],
    );
  }

  async stopPoll(trackingId: string): Promise<void> {
    await this.db.run('DELETE FROM upstream_poll WHERE tracking_id = ?', [trackingId]);
  }

  // ---- upstream_status: the forwarder's state, the same on every process ---------------

  status(): Promise<StatusRow | undefined> {
    return this.db.get<StatusRow>("SELECT state, since, detail_json FROM upstream_status WHERE name = 'forwarder'");
  }

  /** `since` moves only when the state changes; the detail is always the latest. */
  async setStatus(state: ForwarderState, detail: object | null, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO upstream_status (name, state, since, detail_json, updated_at) VALUES ('forwarder', ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET since = CASE WHEN upstream_status.state = excluded.state THEN upstream_status.since ELSE excluded.since END,
         state = excluded.state, detail_json = excluded.detail_json, updated_at = excluded.updated_at`,
      [state, whole(at), detail ? JSON.stringify(detail) : null, whole(at)],
    );
  }
}
