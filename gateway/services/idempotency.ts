/**
 * Idempotency records for `POST /v1/reports` (Stripe semantics): same key + same body →
 * the original 201 body; same key + another body → 409. Bodies are compared by the
 * SHA-256 of their canonical JSON. Neither the key nor the response is stored in clear
 * (see secrets.seal): the response carries the access code.
 */
import { ApiError } from '../http/errors.js';
import type { Db } from '../db/index.js';
import { canonicalJson, idempotencyRowKey, seal, sha256hex, unseal } from './secrets.js';

export class IdempotencyStore {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  hashBody(raw: unknown): string {
    return sha256hex(canonicalJson(raw));
  }

  /** The stored body for a replay, `undefined` for a new key, 409 for a reused key. */
  async lookup(siteKey: string, key: string, hash: string): Promise<string | undefined> {
    const row = await this.db.get<{ body_hash: string; response_json: string }>(
      'SELECT body_hash, response_json FROM idempotency WHERE site_key = ? AND key = ?',
      [siteKey, idempotencyRowKey(siteKey, key)],
    );
    if (!row) return undefined;
    if (row.body_hash !== hash) throw new ApiError(409, 'idempotency_conflict');
    return unseal(key, siteKey, row.response_json);
  }

  async save(siteKey: string, key: string, hash: string, trackingId: string, body: string): Promise<void> {
    await this.db.run(
      'INSERT INTO idempotency (site_key, key, body_hash, tracking_id, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [siteKey, idempotencyRowKey(siteKey, key), hash, trackingId, seal(key, siteKey, body), this.now().getTime()],
    );
  }

  /** Forget keys older than the TTL (they are kept at least that long). */
  async purge(): Promise<number> {
    return (await this.db.run('DELETE FROM idempotency WHERE created_at < ?', [this.now().getTime() - this.ttlMs])).changes;
  }
}
