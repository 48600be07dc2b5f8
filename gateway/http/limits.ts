/**
 * Per-client limits: a token bucket per route family, a cap on open event streams, and
 * throttling of access-code guesses. Every refusal is 429 with Retry-After. Submits and
 * uploads take their token in their routes (after cheap checks), everything else here.
 * A malformed tracking id never reaches a bucket (http/ids.ts runs first).
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { clientIp } from './middleware.js';
import { rateLimiter, tooManyRequests, type Limiter } from './rate-limit.js';
import type { Env } from './types.js';
import type { Db } from '../db/index.js';
import type { BucketOptions, RateLimitOptions, StreamLimits } from '../options.js';

export type Family = keyof RateLimitOptions;
export type Limiters = Record<Family, Limiter>;

/** One bucket store per family: in memory on SQLite, shared by every process on PostgreSQL. */
export function limitersFor(opts: RateLimitOptions, db: Db): Limiters {
  const out = {} as Limiters;
  for (const family of Object.keys(opts) as Family[]) out[family] = rateLimiter(db, family, opts[family]);
  return out;
}

/** Which bucket a request draws from; undefined = the route charges itself or is free. */
export function familyOf(method: string, path: string): Family | undefined {
  if (method === 'OPTIONS') return undefined;
  if (path.startsWith('/v1/admin/')) return 'admin';
  if (path === '/v1/watch' || path === '/v1/events') return 'watch';
  if (/^\/v1\/reports\/[^/]+\/followups$/.test(path)) return 'followup';
  if (method === 'GET' && (/^\/v1\/reports\/[^/]+$/.test(path) || path.startsWith('/v1/public/') || ['/v1/config', '/v1/institutions', '/v1/locations', '/v1/locations/at'].includes(path))) {
    return 'read';
  }
  return undefined;
}

export function rateLimits(limits: Limiters): MiddlewareHandler<Env> {
  return async (c, next) => {
    const family = familyOf(c.req.method, c.req.path);
    if (family) await limits[family].take(clientIp(c));
    await next();
  };
}

/**
 * Open event streams, per client and in total. The total stays well under the process's
 * descriptor limit, so streams can never take the sockets /healthz and submits need.
 * Per process on purpose, also with several processes on PostgreSQL: what it protects
 * (descriptors, memory) is each process's own, and a stream is held by one process.
 */
export class StreamGate {
  private readonly byClient = new Map<string, number>();
  private open = 0;

  constructor(
    readonly limits: StreamLimits,
    private readonly retryAfterSeconds: number,
  ) {}

  get size(): number {
    return this.open;
  }

  /** Reserve a stream for `client`, or throw 429. Call the returned function exactly once on close. */
  acquire(client: string): () => void {
    const mine = this.byClient.get(client) ?? 0;
    if (mine >= this.limits.perClient || this.open >= this.limits.total) {
      const n = this.retryAfterSeconds;
      throw new ApiError(429, 'rate_limited', { params: { n }, headers: { 'Retry-After': String(n) } });
    }
    this.byClient.set(client, mine + 1);
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }
}

/**
 * Wrong access codes, three buckets (README "Guessing access codes" has the arithmetic):
 *
 * - per client (address, IPv6 /64): the cap on what one client may guess at all;
 * - per client AND report ("pair"): how often one client may be wrong about one report;
 * - per report, from anyone: charged by every wrong code.
 *
 * Every attempt TAKES its tokens before the code is looked at (on PostgreSQL one atomic
 * statement per bucket, so 200 concurrent wrong codes cannot all pass a check made
 * before any was charged) and gives them back when the code was right: a right code
 * costs nothing, a wrong one costs a token of each.
 *
 * The owner is never locked out by a stranger. When strangers have emptied the report's
 * bucket, the code is still checked for a client that has been wrong about THIS report
 * at most once lately (its pair bucket is at most one token short): the citizen holding
 * the right code reads, replies and rates; a client that keeps guessing is refused
 * before its code is looked at. That is no free oracle: each stranger's check costs a
 * client token and a pair token, and under attack an address gets one more look at the
 * report only when its pair bucket has refilled (3 tokens, one per 20 minutes): with
 * 10^5 addresses, about 3 × 10^5 looks an hour against a space of 2^50 codes. Refusing
 * the owner instead (the old rule: an empty report bucket answered 429 before any code
 * was checked) let anyone who knew a tracking number keep its citizen out until the
 * reply deadline passed.
 */
export class GuessThrottle {
  /**
   * Under attack, a client's code is still checked while its pair bucket keeps this many
   * tokens after the take; undefined (pair buckets off): nobody's is.
   */
  private readonly pairFloor: number | undefined;

  constructor(
    private readonly perClient: Limiter,
    private readonly perPair: Limiter,
    private readonly perReport: Limiter,
    pair: BucketOptions | false,
  ) {
    // Without pair buckets a stranger cannot be told from the owner: an empty report
    // bucket then refuses everyone before the code is looked at (the rule before issue 23).
    this.pairFloor = pair ? pair.capacity - 2 : undefined;
  }

  async attempt<T>(client: string, trackingId: string, authorize: () => Promise<T>): Promise<T> {
    const report = trackingId.trim().toUpperCase();
    const pair = `${client} ${report}`;
    // The three takes at once (on PostgreSQL, three statements in flight: one round trip).
    const [byClient, byPair, byReport] = await Promise.all([this.perClient.tryTake(client), this.perPair.tryTake(pair), this.perReport.tryTake(report)]);
    const taken: [Limiter, string][] = [];
    if (byClient.ok) taken.push([this.perClient, client]);
    if (byPair.ok) taken.push([this.perPair, pair]);
    if (byReport.ok) taken.push([this.perReport, report]);
    const giveBack = () => Promise.all(taken.map(([limiter, key]) => limiter.give(key)));
    // Refused before the code is looked at: this client has guessed too much, at all or at
    // this report; or the report is under attack and this client has been wrong about it before.
    const refusal = !byClient.ok ? byClient : !byPair.ok ? byPair : !byReport.ok && (this.pairFloor === undefined || byPair.left < this.pairFloor) ? byReport : undefined;
    if (refusal) {
      await giveBack();
      throw tooManyRequests(refusal.retryAfter);
    }
    let result: T;
    try {
      result = await authorize();
    } catch (err) {
      // Only a refused code (404: the same for a missing report) keeps what it took.
      if (!(err instanceof ApiError && err.status === 404)) await giveBack();
      throw err;
    }
    await giveBack();
    return result;
  }
}

/** Soft descriptor limit of this process (Linux), to keep the stream total below it. */
export function descriptorLimit(readLimits: () => string): number | undefined {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readLimits());
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
