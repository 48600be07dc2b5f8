/** Environment → GatewayOptions (see DESIGN.md "Running it"). */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { servingFromEnv } from './http/serving-env.js';
import { CHANNELS, type Channel } from '../src/contract/index.js';
import { loadHolidayFiles } from './services/holiday-files.js';
import { readReferenceFile } from './reference-data.js';
import { parseTrustProxy } from './http/client.js';
import { parseAdminOrigins } from './http/cors.js';
import { isRetiredToken } from './services/admin.js';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_SITE_KEYS,
  MIN_ADMIN_TOKEN_LENGTH,
  type AdminTokenConfig,
  type BucketOptions,
  type GatewayOptions,
  type RateLimitOptions,
  type SiteKeyConfig,
} from './options.js';
import { sha256 } from './services/secrets.js';
import { upstreamFromEnv } from './upstream/config.js';
import { notifyFromEnv } from './notify/options.js';
import { loadEscalationFile } from './escalation/config.js';
import { whatsappIntakeFromEnv } from './channels/whatsapp/options.js';

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

/** A plain admin token must be long enough not to be guessed, and not a retired demo one. */
function checkAdminToken(name: string, token: string): void {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `${name}: an admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (it is ${token.length}); ` +
        `make one with: node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))"`,
    );
  }
  if (isRetiredToken(sha256(token))) throw new Error(`${name}: the fixed demo admin tokens of earlier releases are refused`);
}

/** `LAPOR_ADMIN_TOKENS`: `{"<token>" | "sha256:<hex>": {"institution": "<id>", "label"?: "…"}}`. */
export function parseAdminTokens(json: string | undefined): AdminTokenConfig[] | undefined {
  if (!json) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('LAPOR_ADMIN_TOKENS: not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('LAPOR_ADMIN_TOKENS: expected a JSON object of token → {"institution": "<id>"}');
  return Object.entries(raw as Record<string, { institution?: unknown; label?: unknown }>).map(([token, v], i) => {
    const where = `LAPOR_ADMIN_TOKENS entry ${i + 1}`; // never the token itself: logs are read by many
    if (!v || typeof v.institution !== 'string' || !v.institution) throw new Error(`${where}: "institution" must be an institution id`);
    if (v.label !== undefined && typeof v.label !== 'string') throw new Error(`${where}: "label" must be a string`);
    let hash: Buffer;
    const hex = /^sha256:([0-9a-f]{64})$/i.exec(token);
    if (token.startsWith('sha256:')) {
      if (!hex) throw new Error(`${where}: "sha256:" must be followed by 64 hex digits`);
      hash = Buffer.from(hex[1]!, 'hex');
      if (isRetiredToken(hash)) throw new Error(`${where}: the fixed demo admin tokens of earlier releases are refused`);
    } else {
      checkAdminToken(where, token);
      hash = sha256(token);
    }
    return { sha256: hash, institution: v.institution, ...(v.label ? { label: v.label } : {}) };
  });
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, got "${value}"`);
  return n;
}

/** `LAPOR_RATE_LIMIT` sets every family; `LAPOR_RATE_LIMIT_<FAMILY>` one of them. */
const FAMILY_ENV: Record<keyof RateLimitOptions, string> = {
  submit: 'SUBMIT',
  upload: 'UPLOAD',
  read: 'READ',
  watch: 'WATCH',
  followup: 'FOLLOWUP',
  admin: 'ADMIN',
  guessClient: 'GUESS_CLIENT',
  guessReport: 'GUESS_REPORT',
  guessPair: 'GUESS_PAIR',
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  if (env.LAPOR_ADMIN_TOKEN) checkAdminToken('LAPOR_ADMIN_TOKEN', env.LAPOR_ADMIN_TOKEN);
  // Several processes share one PostgreSQL: a secret or super-admin token that each
  // process made up for itself would make access codes, watch tickets and admin sign-in
  // work on one process and fail on the others.
  if (env.LAPOR_DATABASE_URL) {
    const missing = ['LAPOR_SECRET', 'LAPOR_ADMIN_TOKEN'].filter((name) => !env[name]);
    if (missing.length) throw new Error(`LAPOR_DATABASE_URL is set: set ${missing.join(' and ')} too, the same for every gateway process`);
  }
  const adminToken = env.LAPOR_ADMIN_TOKEN || randomBytes(24).toString('base64url');
  const rateLimit = {} as RateLimitOptions;
  for (const [family, suffix] of Object.entries(FAMILY_ENV) as [keyof RateLimitOptions, string][]) {
    rateLimit[family] = parseBucket(env[`LAPOR_RATE_LIMIT_${suffix}`] ?? env.LAPOR_RATE_LIMIT, DEFAULT_RATE_LIMIT[family]);
  }
  const minFreeMb = positive('LAPOR_MIN_FREE_MB', env.LAPOR_MIN_FREE_MB);
  const dataDir = env.LAPOR_DATA_DIR || '.data/';
  return {
    port: env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : 8787,
    host: env.HOST || '127.0.0.1',
    dbPath: env.LAPOR_DB || '.data/lapor.db',
    databaseUrl: env.LAPOR_DATABASE_URL || undefined,
    leaderRetryMs: positive('LAPOR_LEADER_RETRY_MS', env.LAPOR_LEADER_RETRY_MS),
    dataDir,
    secret: env.LAPOR_SECRET || undefined,
    adminToken,
    adminTokenGenerated: !env.LAPOR_ADMIN_TOKEN,
    siteKeys: parseSiteKeys(env.LAPOR_SITE_KEYS),
    adminOrigins: parseAdminOrigins(env.LAPOR_ADMIN_ORIGINS),
    followSiteKey: env.LAPOR_FOLLOW_SITE_KEY || undefined,
    upstream: upstreamFromEnv(env),
    notify: notifyFromEnv(env),
    // Issue 28: the escalation chain and the public board's page.
    escalation: env.LAPOR_ESCALATION ? loadEscalationFile(env.LAPOR_ESCALATION) : undefined,
    boardUrl: env.LAPOR_BOARD_URL || undefined,
    whatsapp: whatsappIntakeFromEnv(env),
    adminTokens: parseAdminTokens(env.LAPOR_ADMIN_TOKENS),
    rateLimit,
    trustProxy: parseTrustProxy(env.LAPOR_TRUST_PROXY),
    streams: {
      perClient: positive('LAPOR_STREAMS_PER_CLIENT', env.LAPOR_STREAMS_PER_CLIENT),
      total: positive('LAPOR_STREAMS_MAX', env.LAPOR_STREAMS_MAX),
    },
    timeouts: {
      headersMs: positive('LAPOR_HEADERS_TIMEOUT_MS', env.LAPOR_HEADERS_TIMEOUT_MS),
      requestMs: positive('LAPOR_REQUEST_TIMEOUT_MS', env.LAPOR_REQUEST_TIMEOUT_MS),
      idleMs: positive('LAPOR_IDLE_TIMEOUT_MS', env.LAPOR_IDLE_TIMEOUT_MS),
      connectionsPerAddress: positive('LAPOR_CONNECTIONS_PER_ADDRESS', env.LAPOR_CONNECTIONS_PER_ADDRESS),
    },
    replies: {
      perReport: positive('LAPOR_REPLIES_PER_REPORT', env.LAPOR_REPLIES_PER_REPORT),
      perHour: positive('LAPOR_REPLIES_PER_HOUR', env.LAPOR_REPLIES_PER_HOUR),
    },
    ...(minFreeMb ? { minFreeBytes: minFreeMb * 1024 * 1024 } : {}),
    ...servingFromEnv(env),
    schedulerIntervalMs: env.LAPOR_SCHEDULER_MS ? Number(env.LAPOR_SCHEDULER_MS) : undefined,
    heartbeatMs: env.LAPOR_HEARTBEAT_MS ? Number(env.LAPOR_HEARTBEAT_MS) : undefined,
    holidays: env.LAPOR_HOLIDAYS ? loadHolidayFiles(env.LAPOR_HOLIDAYS) : undefined,
    // Production data (the demo passes its own): institutions, locations, categories.
    reference: env.LAPOR_REFERENCE ? readReferenceFile(env.LAPOR_REFERENCE) : undefined,
    // The operator's own pages (e.g. follow.html for the follow link) before the gateway's.
    ...(env.LAPOR_PAGES_DIR ? { pagesDirs: [env.LAPOR_PAGES_DIR, join(REPO_ROOT, 'gateway', 'pages')] } : {}),
  };
}
