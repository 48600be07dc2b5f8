/**
 * Per-client limits: a token bucket per route family, a cap on open event streams, and
 * throttling of access-code guesses. Every refusal is 429 with Retry-After. Submits and
 * uploads take their token in their routes (after cheap checks), everything else here.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import { clientIp } from './middleware.js';
import { rateLimiter, type Limiter } from './rate-limit.js';
import type { Env } from './types.js';
import type { Db } from '../db/index.js';
import type { RateLimitOptions, StreamLimits } from '../options.js';

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
 * Wrong access codes: a refused code (or unknown tracking id) takes a token from the
 * client's bucket and from the report's. While either is empty, every try for that
 * report from that client is 429 before the code is even looked at, so guessing is
 * bounded per report (whoever guesses) and per client (whatever it guesses). A right
 * code costs nothing.
 */
export class GuessThrottle {
  constructor(
    private readonly perClient: Limiter,
    private readonly perReport: Limiter,
  ) {}

  async attempt<T>(client: string, trackingId: string, authorize: () => Promise<T>): Promise<T> {
    const report = trackingId.trim().toUpperCase();
    await this.perClient.check(client);
    await this.perReport.check(report);
    try {
      return await authorize();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        await this.perClient.charge(client);
        await this.perReport.charge(report);
      }
      throw err;
    }
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
