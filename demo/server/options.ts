/** What a gateway is made of; main.ts builds this from the environment, tests by hand. */
import type { Channel } from '../../src/contract/index.js';

export interface SiteKeyConfig {
  /** Allowed page origins; `http://localhost:*` matches any port, `*` any origin. */
  origins: string[];
  channel: Channel;
}

export interface BucketOptions {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export interface RateLimitOptions {
  submit: BucketOptions | false;
  upload: BucketOptions | false;
}

export interface UpstreamOptions {
  url: string;
  token: string;
  /** How often the outbox is drained and synced reports are polled (ms). */
  intervalMs?: number;
  pollIntervalMs?: number;
  /** Per-request timeout towards LAPOR! (ms). */
  timeoutMs?: number;
  /** First retry backoff; doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface GatewayOptions {
  dbPath: string;
  dataDir: string;
  adminToken: string;
  siteKeys: Record<string, SiteKeyConfig>;
  upstream?: UpstreamOptions;
  /** Injectable clock (tests move time forward). */
  now?: () => Date;
  /** Breach scheduler period (ms); 0 disables the timer (tests call `tick()`). Default 15 000. */
  schedulerIntervalMs?: number;
  /** SSE heartbeat period (ms). Default 15 000. */
  heartbeatMs?: number;
  /** Watch ticket lifetime (ms). Default 10 minutes. */
  ticketTtlMs?: number;
  /** Idempotency keys are kept at least this long (ms). Default 24 h. */
  idempotencyTtlMs?: number;
  rateLimit?: Partial<RateLimitOptions>;
  /** Where demo/pages and dist are; defaults to the repo root. */
  rootDir?: string;
  /** Seed reference data and demo admin tokens at start (idempotent). Default true. */
  seed?: boolean;
  /** Print access-log-free warnings (errors) to stderr. Default true. */
  logErrors?: boolean;
}

export const DEFAULT_SITE_KEYS: Record<string, SiteKeyConfig> = {
  'demo-opd': { origins: ['http://localhost:*', 'http://127.0.0.1:*'], channel: 'web' },
  'demo-smart-kampung': { origins: ['http://localhost:*', 'http://127.0.0.1:*'], channel: 'smart_kampung' },
};

/**
 * Per client (IP + site key). Generous enough for an e2e suite or a demo room sharing
 * one IP behind NAT; a script flooding submits is still cut to one per second.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  submit: { capacity: 60, refillPerSecond: 1 },
  upload: { capacity: 120, refillPerSecond: 2 },
};
