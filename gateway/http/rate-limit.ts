/**
 * Token buckets per client (see http/client.ts). 429 answers carry Retry-After.
 *
 * Two stores, one behaviour: `RateLimiter` keeps the buckets in this process's memory
 * (SQLite: one process owns the database, so that is every request); `SharedRateLimiter`
 * keeps them in PostgreSQL's `rate_buckets`, so that several gateway processes behind a
 * load balancer draw from ONE bucket per client instead of one each. `rateLimiter()`
 * picks by the database.
 */
import type { Db } from '../db/index.js';
import type { BucketOptions } from '../options.js';
import { ApiError } from './errors.js';

export interface Limiter {
  /** Take one token or reject with 429 and the seconds until one is available. */
  take(key: string): Promise<void>;
  /** Reject with 429 if no token is left, without taking one (for limits that only charge failures). */
  check(key: string): Promise<void>;
  /** Take a token if there is one; never rejects for lack of one (the next check() does). */
  charge(key: string): Promise<void>;
}

/** The bucket store that fits the database: shared on PostgreSQL, in memory on SQLite. */
export function rateLimiter(db: Db, name: string, opts: BucketOptions | false, now: () => number = Date.now): Limiter {
  return db.dialect === 'postgres' ? new SharedRateLimiter(db, name, opts, now) : new RateLimiter(opts, now);
}

function refuse(tokens: number, refillPerSecond: number): never {
  const seconds = Math.max(1, Math.ceil((1 - tokens) / refillPerSecond));
  throw new ApiError(429, 'rate_limited', { params: { n: seconds }, headers: { 'Retry-After': String(seconds) } });
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly opts: BucketOptions | false,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<void> {
    const b = this.refill(key);
    if (!b) return;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    this.refuse(b);
  }

  async check(key: string): Promise<void> {
    const b = this.refill(key);
    if (b && b.tokens < 1) this.refuse(b);
  }

  async charge(key: string): Promise<void> {
    const b = this.refill(key);
    if (b && b.tokens >= 1) b.tokens -= 1;
  }

  private refill(key: string): Bucket | undefined {
    if (!this.opts) return undefined;
    const { capacity, refillPerSecond } = this.opts;
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 50_000) this.sweep(now);
      this.buckets.set(key, (b = { tokens: capacity, at: now }));
    } else {
      b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
      b.at = now;
    }
    return b;
  }

  private refuse(b: Bucket): never {
    refuse(b.tokens, (this.opts as BucketOptions).refillPerSecond);
  }

  /** Drop buckets that have refilled completely: they are the same as no bucket. */
  private sweep(now: number): void {
    if (!this.opts) return;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.opts.refillPerSecond >= this.opts.capacity) this.buckets.delete(k);
    }
  }
}

/** The refilled level of a stored bucket at `excluded.at` (the time of this request), capped. */
const REFILLED =
  'LEAST(CAST(? AS DOUBLE PRECISION), rate_buckets.tokens + GREATEST(0, excluded.at - rate_buckets.at) * CAST(? AS DOUBLE PRECISION))';

/**
 * One take is ONE statement, atomic under concurrency: a new client's row is inserted with
 * capacity − 1; an existing row is refilled for the time passed and decremented, but only
 * WHERE a whole token is there — so no row comes back exactly when the request is refused
 * (and nothing is written). Only a refusal reads the row again, for Retry-After.
 */
const TAKE = `INSERT INTO rate_buckets (key, tokens, at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET tokens = ${REFILLED} - 1, at = excluded.at
  WHERE ${REFILLED} >= 1
  RETURNING tokens`;

/** A full bucket is the same as none: rows are dropped once refilled (at most once a minute per limiter). */
const SWEEP_EVERY_MS = 60_000;

export class SharedRateLimiter implements Limiter {
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    /** Namespaces the keys: each route family has its own buckets in the one table. */
    private readonly name: string,
    private readonly opts: BucketOptions | false,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<void> {
    if (!this.opts) return;
    if (!(await this.takeOne(key))) refuse(await this.level(key), this.opts.refillPerSecond);
  }

  async check(key: string): Promise<void> {
    if (!this.opts) return;
    const tokens = await this.level(key);
    if (tokens < 1) refuse(tokens, this.opts.refillPerSecond);
  }

  async charge(key: string): Promise<void> {
    if (this.opts) await this.takeOne(key);
  }

  /** True when a token was taken. */
  private async takeOne(key: string): Promise<boolean> {
    const { capacity, refillPerSecond } = this.opts as BucketOptions;
    const now = this.now();
    this.sweep(now);
    const perMs = refillPerSecond / 1000;
    const row = await this.db.get(TAKE, [`${this.name}:${key}`, capacity - 1, now, capacity, perMs, capacity, perMs]);
    return row !== undefined;
  }

  /** The bucket's level now (full when it has no row). */
  private async level(key: string): Promise<number> {
    const { capacity, refillPerSecond } = this.opts as BucketOptions;
    const row = await this.db.get<{ tokens: number; at: number }>('SELECT tokens, at FROM rate_buckets WHERE key = ?', [`${this.name}:${key}`]);
    if (!row) return capacity;
    return Math.min(capacity, Number(row.tokens) + (Math.max(0, this.now() - Number(row.at)) / 1000) * refillPerSecond);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS || !this.opts) return;
    this.lastSweep = now;
    const fullAfterMs = Math.ceil((this.opts.capacity / this.opts.refillPerSecond) * 1000);
    // Not awaited: the request does not wait for housekeeping, and a failed sweep is retried.
    this.db.run('DELETE FROM rate_buckets WHERE key LIKE ? AND at < ?', [`${this.name}:%`, now - fullAfterMs]).catch(() => {});
  }
}
