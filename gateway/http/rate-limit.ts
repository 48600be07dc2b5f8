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
  /**
   * Take one token if there is one, in one atomic step (PostgreSQL: one statement), and
   * say how many are left; a refusal takes nothing. The guess throttle takes before it
   * looks at a code and gives back when the code was right (http/limits.ts).
   */
  tryTake(key: string): Promise<Taken>;
  /** Put back one token taken by tryTake (never above capacity; nothing when the bucket is gone). */
  give(key: string): Promise<void>;
}

/** The outcome of tryTake: the tokens left after it, or the seconds until one is there. */
export type Taken = { ok: true; left: number } | { ok: false; retryAfter: number };

/** How many buckets one in-memory limiter keeps at most (~100 bytes each: 10 MB). */
export const DEFAULT_MAX_BUCKETS = 100_000;

/** The bucket store that fits the database: shared on PostgreSQL, in memory on SQLite. */
export function rateLimiter(
  db: Db,
  name: string,
  opts: BucketOptions | false,
  now: () => number = Date.now,
  maxBuckets = DEFAULT_MAX_BUCKETS,
): Limiter {
  return db.dialect === 'postgres' ? new SharedRateLimiter(db, name, opts, now) : new RateLimiter(opts, now, maxBuckets);
}

const retryAfterOf = (tokens: number, refillPerSecond: number) => Math.max(1, Math.ceil((1 - tokens) / refillPerSecond));

/** The 429 every bucket answers with: Retry-After and the seconds in the message. */
export function tooManyRequests(seconds: number): ApiError {
  return new ApiError(429, 'rate_limited', { params: { n: seconds }, headers: { 'Retry-After': String(seconds) } });
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * In memory (one process). Bounded: at most `maxBuckets` buckets, least recently used
 * evicted first, in O(1): a Map keeps insertion order, so a bucket that is used is moved
 * to the end (delete + set) and the first key is always the least recently used. An
 * evicted bucket is as if its client had not been seen (a full bucket): the price of a
 * bound, paid by the client idle longest. Before, past 50,000 buckets every new key
 * walked all of them to free those that had refilled, which freed nothing under a flood
 * of fresh keys: O(n) per request.
 */
export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly opts: BucketOptions | false,
    private readonly now: () => number = Date.now,
    private readonly maxBuckets = DEFAULT_MAX_BUCKETS,
  ) {}

  /** Buckets held now (tests, /healthz-style introspection). */
  get size(): number {
    return this.buckets.size;
  }

  async take(key: string): Promise<void> {
    const taken = this.takeNow(key);
    if (!taken.ok) throw tooManyRequests(taken.retryAfter);
  }

  async tryTake(key: string): Promise<Taken> {
    return this.takeNow(key);
  }

  async give(key: string): Promise<void> {
    if (!this.opts) return;
    const b = this.buckets.get(key);
    if (b) b.tokens = Math.min(this.opts.capacity, b.tokens + 1);
  }

  private takeNow(key: string): Taken {
    if (!this.opts) return { ok: true, left: Number.POSITIVE_INFINITY };
    const { capacity, refillPerSecond } = this.opts;
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) {
      // Most recently used goes last.
      this.buckets.delete(key);
      b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
      b.at = now;
    } else {
      if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
      b = { tokens: capacity, at: now };
    }
    this.buckets.set(key, b);
    if (b.tokens < 1) return { ok: false, retryAfter: retryAfterOf(b.tokens, refillPerSecond) };
    b.tokens -= 1;
    return { ok: true, left: b.tokens };
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
  private readonly leases = new Map<string, { tokens: number; shared: number; until: number }>();
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
    const taken = await this.tryTake(key);
    if (!taken.ok) throw tooManyRequests(taken.retryAfter);
  }

  async tryTake(key: string): Promise<Taken> {
    if (!this.opts) return { ok: true, left: Number.POSITIVE_INFINITY };
    const left = await this.takeOne(key);
    return left === undefined ? { ok: false, retryAfter: retryAfterOf(await this.level(key), this.opts.refillPerSecond) } : { ok: true, left };
  }

  async give(key: string): Promise<void> {
    if (!this.opts) return;
    const lease = this.leases.get(key);
    // Back into the lease it came from while that lives; an exact (small) bucket has none.
    if (lease && lease.until > this.now()) {
      lease.tokens++;
      return;
    }
    await this.db.run('UPDATE rate_buckets SET tokens = LEAST(CAST(? AS DOUBLE PRECISION), tokens + 1) WHERE key = ?', [
      this.opts.capacity,
      `${this.name}:${key}`,
    ]);
  }

  /**
   * Take a token (from this process's lease, or from the shared bucket) and return how
   * many are left there, or undefined when there was none.
   */
  private async takeOne(key: string): Promise<number | undefined> {
    this.sweep(this.now());
    // Small buckets (the guess throttles, recovery) are taken one at a time, exactly: the
    // statement that takes is the statement that checks, so 200 concurrent wrong codes
    // cannot all pass a check made before any of them was charged.
    if (leaseSize((this.opts as BucketOptions).capacity) === 1) return this.takeShared(key, 1, this.now());
    for (;;) {
      const lease = this.leases.get(key);
      if (lease && lease.tokens >= 1 && lease.until > this.now()) {
        lease.tokens--;
        return lease.tokens + lease.shared;
      }
      let trip = this.fetching.get(key);
      if (!trip) {
        trip = this.lease(key).finally(() => this.fetching.delete(key));
        this.fetching.set(key, trip);
      }
      if (!(await trip)) return undefined;
    }
  }

  /** Take a lease's worth from the shared bucket (or the last token there); false when it is empty. */
  private async lease(key: string): Promise<boolean> {
    const now = this.now();
    const n = leaseSize((this.opts as BucketOptions).capacity);
    let got = n;
    let shared = await this.takeShared(key, n, now);
    if (shared === undefined) {
      got = 1;
      shared = await this.takeShared(key, 1, now);
    }
    if (shared === undefined) return false;
    this.leases.set(key, { tokens: got, shared, until: now + LEASE_MS });
    return true;
  }

  /** Tokens left in the shared bucket after taking n, or undefined when there were fewer than n. */
  private async takeShared(key: string, n: number, now: number): Promise<number | undefined> {
    const { capacity, refillPerSecond } = this.opts as BucketOptions;
    const perMs = refillPerSecond / 1000;
    const row = await this.db.get<{ tokens: number }>(TAKE, [`${this.name}:${key}`, capacity - n, now, capacity, perMs, n, capacity, perMs, n]);
    return row === undefined ? undefined : Number(row.tokens);
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
