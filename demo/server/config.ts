/** Environment → GatewayOptions (see DESIGN.md "Running it"). */
import { randomBytes } from 'node:crypto';
import { CHANNELS, type Channel } from '../../src/contract/index.js';
import { DEFAULT_RATE_LIMIT, DEFAULT_SITE_KEYS, type BucketOptions, type GatewayOptions, type SiteKeyConfig } from './options.js';

export interface ServerConfig extends GatewayOptions {
  port: number;
  host: string;
  adminTokenGenerated: boolean;
}

export function parseSiteKeys(json: string | undefined): Record<string, SiteKeyConfig> {
  if (!json) return DEFAULT_SITE_KEYS;
  const raw = JSON.parse(json) as Record<string, { origins?: unknown; channel?: unknown }>;
  const out: Record<string, SiteKeyConfig> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (!Array.isArray(v.origins) || !v.origins.every((o) => typeof o === 'string')) {
      throw new Error(`LAPOR_SITE_KEYS: "${key}".origins must be an array of strings`);
    }
    const channel = (v.channel ?? 'web') as Channel;
    if (!(CHANNELS as readonly string[]).includes(channel)) throw new Error(`LAPOR_SITE_KEYS: "${key}".channel "${channel}" is unknown`);
    out[key] = { origins: v.origins as string[], channel };
  }
  return out;
}

/** `off`, or `capacity:perSecond` (e.g. `30:1`). */
function parseBucket(value: string | undefined, fallback: BucketOptions | false): BucketOptions | false {
  if (!value) return fallback;
  if (value === 'off') return false;
  const [cap, rate] = value.split(':').map(Number);
  if (!cap || !rate) throw new Error(`rate limit "${value}": expected "off" or "capacity:perSecond"`);
  return { capacity: cap, refillPerSecond: rate };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const adminToken = env.LAPOR_ADMIN_TOKEN || randomBytes(24).toString('base64url');
  const dataDir = env.LAPOR_DATA_DIR || '.data/';
  return {
    port: env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : 8787,
    host: env.HOST || '127.0.0.1',
    dbPath: env.LAPOR_DB || '.data/lapor.db',
    dataDir,
    adminToken,
    adminTokenGenerated: !env.LAPOR_ADMIN_TOKEN,
    siteKeys: parseSiteKeys(env.LAPOR_SITE_KEYS),
    upstream: env.LAPOR_UPSTREAM_URL
      ? {
          url: env.LAPOR_UPSTREAM_URL,
          token: env.LAPOR_UPSTREAM_TOKEN ?? '',
          intervalMs: env.LAPOR_UPSTREAM_INTERVAL_MS ? Number(env.LAPOR_UPSTREAM_INTERVAL_MS) : undefined,
          backoffMs: env.LAPOR_UPSTREAM_BACKOFF_MS ? Number(env.LAPOR_UPSTREAM_BACKOFF_MS) : undefined,
        }
      : undefined,
    rateLimit: {
      submit: parseBucket(env.LAPOR_RATE_LIMIT_SUBMIT ?? env.LAPOR_RATE_LIMIT, DEFAULT_RATE_LIMIT.submit),
      upload: parseBucket(env.LAPOR_RATE_LIMIT_UPLOAD ?? env.LAPOR_RATE_LIMIT, DEFAULT_RATE_LIMIT.upload),
    },
    schedulerIntervalMs: env.LAPOR_SCHEDULER_MS ? Number(env.LAPOR_SCHEDULER_MS) : undefined,
    heartbeatMs: env.LAPOR_HEARTBEAT_MS ? Number(env.LAPOR_HEARTBEAT_MS) : undefined,
  };
}
