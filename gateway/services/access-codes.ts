/**
 * Which stored code a presented access code opens, and the rotation that "Lupa kode
 * akses?" makes (migration 006).
 *
 * A new code sent to the report's own contact does not end the code the citizen saved:
 * anyone who knows the citizen's phone number may ask for a new code, and only the
 * citizen receives it, so ending the saved code would let a stranger lock the citizen
 * out with one request. The saved code's hash waits in `previous_access_hash` and keeps
 * opening the report until the new code is first used; then it is dropped. Asked again
 * before that, the waiting new code is replaced and the saved one still waits.
 *
 * The price: while a new code waits, two codes open the report (2 × 2^-50 per guess
 * instead of 2^-50), which the guess throttle's arithmetic (README) absorbs.
 */
import type { Db } from '../db/index.js';
import { accessHash, codeMatches } from './secrets.js';
import type { ReportRow } from './store.js';

export type CodeMatch = 'current' | 'previous';

/** Both hashes are compared, always, in constant time (a missing previous compares against a dummy). */
export function matchAccessCode(presented: string | undefined, row: Pick<ReportRow, 'access_hash' | 'previous_access_hash'> | undefined, key: Buffer): CodeMatch | undefined {
  const current = codeMatches(presented, row?.access_hash, key);
  const previous = codeMatches(presented, row?.previous_access_hash ?? undefined, key);
  return current ? 'current' : previous ? 'previous' : undefined;
}

/**
 * The new code was used: the saved one stops here. Only if the code is still the one that
 * was matched (a rotation committed meanwhile keeps its own waiting code).
 */
export async function dropPreviousCode(db: Db, row: Pick<ReportRow, 'tracking_id' | 'access_hash'>): Promise<void> {
  await db.run('UPDATE reports SET previous_access_hash = NULL WHERE tracking_id = ? AND access_hash = ?', [row.tracking_id, row.access_hash]);
}

/** Replace the code, keeping the one in use (the first still waiting, if any) until the new one is first used. */
export async function rotateAccessCode(db: Db, trackingId: string, code: string, key: Buffer): Promise<void> {
  await db.run('UPDATE reports SET previous_access_hash = COALESCE(previous_access_hash, access_hash), access_hash = ? WHERE tracking_id = ?', [
    accessHash(code, key),
    trackingId,
  ]);
}
