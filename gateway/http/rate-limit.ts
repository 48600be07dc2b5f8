/**
 * In-memory token buckets per client (see http/client.ts). Enough for one gateway process;
 * several processes would need a shared store. 429 answers carry Retry-After.
 */
import type { BucketOptions } from '../options.js';
import { ApiError } from './errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly opts: BucketOptions | false,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take one token or throw 429 with the seconds until one is available. */
  take(key: string): void {
    const b = this.refill(key);
    if (!b) return;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    this.refuse(b);
  }

  /** Throw 429 if no token is left, without taking one (for limits that only charge failures). */
  check(key: string): void {
    const b = this.refill(key);
    if (b && b.tokens < 1) this.refuse(b);
  }

  /** Take a token if there is one; never throws (the next check() refuses). */
  charge(key: string): void {
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
    const seconds = Math.max(1, Math.ceil((1 - b.tokens) / (this.opts as BucketOptions).refillPerSecond));
    throw new ApiError(429, 'rate_limited', { params: { n: seconds }, headers: { 'Retry-After': String(seconds) } });
  }

  /** Drop buckets that have refilled completely: they are the same as no bucket. */
  private sweep(now: number): void {
    if (!this.opts) return;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.opts.refillPerSecond >= this.opts.capacity) this.buckets.delete(k);
    }
  }
}
