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
 * Taking n tokens is ONE statement, atomic under concurrency: a new client's row is
 * inserted with capacity − n; an existing row is refilled for the time passed and
 * decremented, but only WHERE n whole tokens are there — so no row comes back exactly
 * when they are refused (and nothing is written). Only a refusal reads the row again,
 * for Retry-After.
 */
const TAKE = `INSERT INTO rate_buckets (key, tokens, at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET tokens = ${REFILLED} - CAST(? AS DOUBLE PRECISION), at = excluded.at
  WHERE ${REFILLED} >= CAST(? AS DOUBLE PRECISION)
  RETURNING tokens`;

/**
 * A process takes tokens from a big shared bucket a few at a time and spends them
 * locally: one write per few requests instead of one per request (every request from one
 * busy address — a carrier's NAT — updates the same row, and those updates queue on its
 * lock). A process holds at most `lease − 1` unspent tokens, for at most LEASE_MS, so the
 * limit across processes can be stricter by that much, never looser; buckets below 32
 * tokens (the guess throttles, recovery) are taken one at a time, exactly.
 */
const leaseSize = (capacity: number) => Math.max(1, Math.min(8, Math.floor(capacity / 16)));
const LEASE_MS = 1_000;

/** A full bucket is the same as none: rows are dropped once refilled (at most once a minute per limiter). */
const SWEEP_EVERY_MS = 60_000;

export class SharedRateLimiter implements Limiter {
  private lastSweep = 0;
  /** Tokens this process took ahead and has not spent yet, per key. */
  private readonly leases = new Map<string, { tokens: number; until: number }>();
  /** One trip to the shared bucket per key at a time; concurrent requests wait for it. */
  private readonly fetching = new Map<string, Promise<boolean>>();

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
    const lease = this.leases.get(key);
    if (lease && lease.tokens >= 1 && lease.until > this.now()) return;
    const tokens = await this.level(key);
    if (tokens < 1) refuse(tokens, this.opts.refillPerSecond);
  }

  async charge(key: string): Promise<void> {
    if (this.opts) await this.takeOne(key);
  }

  /** True when a token was taken (from this process's lease, or from the shared bucket). */
  private async takeOne(key: string): Promise<boolean> {
    this.sweep(this.now());
    for (;;) {
      const lease = this.leases.get(key);
      if (lease && lease.tokens >= 1 && lease.until > this.now()) {
        lease.tokens--;
        return true;
      }
      let trip = this.fetching.get(key);
      if (!trip) {
        trip = this.lease(key).finally(() => this.fetching.delete(key));
        this.fetching.set(key, trip);
      }
      if (!(await trip)) return false;
    }
  }

  /** Take a lease's worth from the shared bucket (or the last token there); false when it is empty. */
  private async lease(key: string): Promise<boolean> {
    const now = this.now();
    const n = leaseSize((this.opts as BucketOptions).capacity);
    const got = n > 1 && (await this.takeShared(key, n, now)) ? n : (await this.takeShared(key, 1, now)) ? 1 : 0;
    if (got) this.leases.set(key, { tokens: got, until: now + LEASE_MS });
    return got > 0;
  }

  private async takeShared(key: string, n: number, now: number): Promise<boolean> {
    const { capacity, refillPerSecond } = this.opts as BucketOptions;
    const perMs = refillPerSecond / 1000;
    const row = await this.db.get(TAKE, [`${this.name}:${key}`, capacity - n, now, capacity, perMs, n, capacity, perMs, n]);
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
    for (const [key, lease] of this.leases) if (lease.until <= now) this.leases.delete(key);
    const fullAfterMs = Math.ceil((this.opts.capacity / this.opts.refillPerSecond) * 1000);
    // Not awaited: the request does not wait for housekeeping, and a failed sweep is retried.
    this.db.run('DELETE FROM rate_buckets WHERE key LIKE ? AND at < ?', [`${this.name}:%`, now - fullAfterMs]).catch(() => {});
  }
}
