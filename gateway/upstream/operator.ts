/**
 * The outbox as an operator needs to see it: how much is waiting and for how long (lag),
 * what is parked and why (in the operator's language), the last error, whether LAPOR!
 * asked us to slow down, and which institutions found no LAPOR! id. `/healthz` shows the
 * counts; `GET /v1/admin/upstream` (super admin) shows the rows.
 * The counts come from the database, so every process shows the same; the last error,
 * the pause and the institutions sync are those this process saw.
 */
import { msg, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../db/index.js';
import type { Forwarder } from './forwarder.js';

interface Row {
  tracking_id: string;
  state: string;
  attempts: number;
  last_error: string | null;
  parked_code: string | null;
  parked_params_json: string | null;
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
}

export async function upstreamSummary(db: Db, f: Forwarder, now: number) {
  // One round trip (healthz asks for this): scalar subqueries, the same SQL on both databases.
  const c = (await db.get<Counts>(
    `SELECT (SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'creating')) AS pending,
       (SELECT COUNT(*) FROM outbox WHERE state = 'parked') AS parked,
       (SELECT MIN(created_at) FROM outbox WHERE state IN ('pending', 'creating')) AS oldest,
       (SELECT COUNT(*) FROM upstream_ops WHERE state = 'pending') AS pushes_pending,
       (SELECT COUNT(*) FROM upstream_ops WHERE state = 'parked') AS pushes_parked,
       (SELECT COUNT(*) FROM upstream_poll) AS polled`,
  ))!;
  return {
    pending: c.pending,
    parked: c.parked,
    pushesPending: c.pushes_pending,
    pushesParked: c.pushes_parked,
    polled: c.polled,
    /** How long the oldest report not yet on LAPOR! has waited (ms). */
    lagMs: c.oldest ? Math.max(0, now - c.oldest) : 0,
    lastError: f.lastError ? { at: f.lastError.at, message: f.lastError.message } : null,
    pausedUntil: f.budget.pausedUntil > now ? new Date(f.budget.pausedUntil).toISOString() : null,
    requestsSent: f.budget.sent,
    institutions: f.institutionSync
      ? 'error' in f.institutionSync
        ? { at: f.institutionSync.at, error: f.institutionSync.error }
        : { at: f.institutionSync.at, matched: f.institutionSync.matched, unmatched: f.institutionSync.unmatched.length }
      : null,
  };
}

export async function upstreamDetail(db: Db, f: Forwarder, now: number, lang: string) {
  const [summary, rows, ops] = await Promise.all([
    upstreamSummary(db, f, now),
    db.all<Row>(
      "SELECT tracking_id, state, attempts, last_error, parked_code, parked_params_json, created_at, next_attempt_at FROM outbox WHERE state IN ('pending', 'creating', 'parked') ORDER BY created_at, tracking_id",
    ),
    db.all<{ id: number; tracking_id: string; kind: string; state: string; attempts: number; last_error: string | null; created_at: number }>(
      "SELECT id, tracking_id, kind, state, attempts, last_error, created_at FROM upstream_ops WHERE state IN ('pending', 'parked') ORDER BY id",
    ),
  ]);
  return {
    ...summary,
    lastError: f.lastError ?? null,
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
    })),
    pushes: ops.map((o) => ({ id: o.id, trackingId: o.tracking_id, kind: o.kind, state: o.state, attempts: o.attempts, lastError: o.last_error, lagMs: Math.max(0, now - o.created_at) })),
    unmatchedInstitutions: f.institutionSync && !('error' in f.institutionSync) ? f.institutionSync.unmatched : [],
  };
}
