/**
 * The outbox as people see it.
 *
 * `/healthz` is public: `upstreamSummary` gives counts and states only (no error text, no
 * tracking number, no LAPOR! complaint id: an error message can carry any of them).
 * `GET /v1/admin/upstream` (super admin) gets `upstreamDetail`: the rows, why each is held
 * (in the operator's language), the evidence of a lost create, LAPOR!'s own messages, the
 * last error, the pause, and an alert when LAPOR! refuses our credentials.
 * Counts and the forwarder's state come from the database, so every process shows the
 * same; the last error, the pause and the institutions sync are those this process saw.
 */
import { msg, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../db/index.js';
import { credentialsLine, type CredentialsProblem, type Forwarder } from './forwarder.js';
import type { ForwarderState } from './queue.js';

interface Row {
  tracking_id: string;
  state: string;
  attempts: number;
  last_error: string | null;
  parked_code: string | null;
  parked_params_json: string | null;
  evidence_json: string | null;
  created_at: number;
  next_attempt_at: number;
}

interface Counts {
  pending: number;
  parked: number;
  oldest: number | null;
  pushes_pending: number;
  pushes_parked: number;
  polled: number;
  state: ForwarderState | null;
  since: number | null;
  detail_json: string | null;
}

async function counts(db: Db): Promise<Counts> {
  // One round trip (healthz asks for this): scalar subqueries, the same SQL on both databases.
  return (await db.get<Counts>(
    `SELECT (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'creating')) AS pending,
       (SELECT COUNT(*) FROM outbox WHERE state = 'parked') AS parked,
       (SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'creating')) AS oldest,
       (SELECT COUNT(*) FROM upstream_ops WHERE state = 'pending') AS pushes_pending,
       (SELECT COUNT(*) FROM upstream_ops WHERE state = 'parked') AS pushes_parked,
       (SELECT COUNT(*) FROM upstream_poll) AS polled,
       (SELECT state FROM upstream_status WHERE name = 'forwarder') AS state,
       (SELECT since FROM upstream_status WHERE name = 'forwarder') AS since,
       (SELECT detail_json FROM upstream_status WHERE name = 'forwarder') AS detail_json`,
  ))!;
}

function summaryOf(c: Counts, f: Forwarder, now: number) {
  return {
    /** ok | starting | credentials_refused | unreachable | throttled (the forwarding process's word). */
    state: c.state ?? 'starting',
    pending: Number(c.pending),
    parked: Number(c.parked),
    pushesPending: Number(c.pushes_pending),
    pushesParked: Number(c.pushes_parked),
    polled: Number(c.polled),
    /** How long the oldest report not yet on LAPOR! has waited (ms). */
    lagMs: c.oldest ? Math.max(0, now - Number(c.oldest)) : 0,
    requestsSent: f.budget.sent,
    institutions: f.institutionSync
      ? 'error' in f.institutionSync
        ? { state: 'error' }
        : { state: 'ok', matched: f.institutionSync.matched, unmatched: f.institutionSync.unmatched.length }
      : null,
  };
}

/** Public: counts and states only. */
export async function upstreamSummary(db: Db, f: Forwarder, now: number) {
  return summaryOf(await counts(db), f, now);
}

export async function upstreamDetail(db: Db, f: Forwarder, now: number, lang: string) {
  const [c, rows, ops] = await Promise.all([
    counts(db),
    db.all<Row>(
      `SELECT tracking_id, state, attempts, last_error, parked_code, parked_params_json, evidence_json, created_at, next_attempt_at FROM outbox
       WHERE state IN ('pending', 'creating', 'parked') ORDER BY created_at, tracking_id`,
    ),
    db.all<{ id: number; tracking_id: string; kind: string; state: string; attempts: number; last_error: string | null; created_at: number }>(
      "SELECT id, tracking_id, kind, state, attempts, last_error, created_at FROM upstream_ops WHERE state IN ('pending', 'parked') ORDER BY id",
    ),
  ]);
  const credentials = c.state === 'credentials_refused' && c.detail_json ? (JSON.parse(c.detail_json) as CredentialsProblem) : undefined;
  return {
    ...summaryOf(c, f, now),
    stateSince: c.since ? new Date(Number(c.since)).toISOString() : null,
    /** What needs a person now, loudly, in the operator's language. */
    alerts: credentials ? [{ code: 'credentials_refused', message: credentialsLine(credentials, lang) }] : [],
    credentials: credentials ?? null,
    authHeader: f.authHeader,
    lastError: f.lastError ?? null,
    pausedUntil: f.budget.pausedUntil > now ? new Date(f.budget.pausedUntil).toISOString() : null,
    institutions: f.institutionSync ?? null,
    outbox: rows.map((r) => ({
      trackingId: r.tracking_id,
      state: r.state,
      attempts: r.attempts,
      lagMs: Math.max(0, now - r.created_at),
      nextAttemptAt: r.state === 'parked' ? null : new Date(r.next_attempt_at).toISOString(),
      lastError: r.last_error,
      parked: r.parked_code
        ? { code: r.parked_code, reason: msg(lang, `upstream.parked.${r.parked_code}` as MessageKey, JSON.parse(r.parked_params_json ?? '{}') as Record<string, string>) }
        : null,
      /** For a lost create: what we sent, when, and what came back, to find it on LAPOR!'s screen. */
      evidence: r.state === 'parked' && r.parked_code === 'lost_answer' && r.evidence_json ? (JSON.parse(r.evidence_json) as unknown) : null,
    })),
    pushes: ops.map((o) => ({ id: o.id, trackingId: o.tracking_id, kind: o.kind, state: o.state, attempts: o.attempts, lastError: o.last_error, lagMs: Math.max(0, now - o.created_at) })),
    unmatchedInstitutions: f.institutionSync && !('error' in f.institutionSync) ? f.institutionSync.unmatched : [],
  };
}
