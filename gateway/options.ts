/** What a gateway is made of; main.ts builds this from the environment, tests by hand. */
import type { Channel } from '../src/contract/index.js';
import type { BudgetOptions } from './upstream/budget.js';
import type { AuthHeader } from './upstream/lapor-adapter.js';
import type { LaporMap } from './upstream/mapping.js';
import type { HolidayYear } from '../src/sla/index.js';

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

/** Token buckets per client and route family (see README "Limits"). `false` = off. */
export interface RateLimitOptions {
  submit: BucketOptions | false;
  upload: BucketOptions | false;
  /** GET /v1/config, /v1/institutions, /v1/locations, /v1/reports/{id}. */
  read: BucketOptions | false;
  /** POST /v1/watch and opening GET /v1/events. */
  watch: BucketOptions | false;
  /** POST /v1/reports/{id}/followups. */
  followup: BucketOptions | false;
  /** /v1/admin/*. */
  admin: BucketOptions | false;
  /** Wrong access codes (or unknown tracking ids), per client; only failures take a token. */
  guessClient: BucketOptions | false;
  /** Wrong access codes per report, from any client; only failures take a token. */
  guessReport: BucketOptions | false;
  /** Wrong access codes per client per report (http/limits.ts GuessThrottle); only failures take a token. */
  guessPair: BucketOptions | false;
}

/** Live event streams (GET /v1/events) open at once. */
export interface StreamLimits {
  perClient: number;
  total: number;
}

/** Node http server timeouts (slowloris). */
export interface TimeoutOptions {
  /** Whole request head must arrive within this (ms). */
  headersMs: number;
  /** Whole request (head + body) must arrive within this (ms). */
  requestMs: number;
  /** A socket with no traffic at all is closed after this (ms); event streams are exempt. */
  idleMs: number;
  /** TCP connections open at once from one socket address (a trusted proxy is exempt). */
  connectionsPerAddress: number;
}

/** Citizen replies on one report. */
export interface ReplyLimits {
  perReport: number;
  perHour: number;
}

/** A scoped admin token: only SHA-256 of the token is kept. */
export interface AdminTokenConfig {
  sha256: Buffer;
  institution: string;
  label?: string;
}

export interface UpstreamOptions {
  /** LAPOR_UPSTREAM_URL: base URL of LAPOR!'s integration API. */
  url: string;
  /** LAPOR_UPSTREAM_AUTH: the API key, sent as `<authHeader>: Bearer <auth>`. */
  auth: string;
  /** LAPOR_UPSTREAM_AUTH_HEADER: `auth` (production SPLP, the default) or `Authorization` (training API). */
  authHeader?: AuthHeader;
  /** LAPOR_UPSTREAM_TOKEN: the GUID sent as header `token`. */
  token: string;
  /** LAPOR_UPSTREAM_MAP, parsed: our ids → LAPOR!'s numeric ids. */
  map?: LaporMap;
  /** LAPOR_UPSTREAM_INTERVAL_MS: how often the forwarder runs a pass (0 = no timer; tests). Default 2 000. */
  intervalMs?: number;
  /** How often a report opened less than a day ago is polled (older ones back off to hours). Default 5 min. */
  pollIntervalMs?: number;
  /** Per-request timeout towards LAPOR! (ms). Default 30 000, as the public clients use. */
  timeoutMs?: number;
  /** --- issue 22: production (each also in gateway/upstream/config.ts) --- */
  /** A create's whole exchange (LAPOR_UPSTREAM_CREATE_TIMEOUT_MS). Default 90 000, as the public client. */
  createTimeoutMs?: number;
  /** Until the connection is up, any request (LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS). Default 30 000. */
  connectTimeoutMs?: number;
  /** Reports worked on at once, each in order (LAPOR_UPSTREAM_CONCURRENCY). Default 4. */
  concurrency?: number;
  /** The largest LAPOR! answer read, in bytes (LAPOR_UPSTREAM_MAX_ANSWER_BYTES). Default 4 MiB. */
  maxAnswerBytes?: number;
  /** New follow-ups taken per report per poll; the rest next poll (LAPOR_UPSTREAM_FOLLOWUPS_PER_POLL). Default 200. */
  followupsPerPoll?: number;
  /** While LAPOR! refuses our credentials, one request this often (ms). Default 300 000. */
  credentialsProbeMs?: number;
  /** First retry backoff; doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Global request budget towards LAPOR! (all reports together). */
  budget?: BudgetOptions;
  /** Match institutions by name against LAPOR!'s masters list at start. Default true. */
  syncInstitutions?: boolean;
}

export interface GatewayOptions {
  /** SQLite file (LAPOR_DB), used unless databaseUrl is set. */
  dbPath: string;
  /**
   * LAPOR_DATABASE_URL: `postgres://…`. When set, the gateway uses this PostgreSQL database
   * instead of dbPath, and several gateway processes may share it.
   */
  databaseUrl?: string;
  /** LAPOR_LEADER_RETRY_MS: how often a process tries to take over the singleton jobs (PostgreSQL). Default 2000. */
  leaderRetryMs?: number;
  dataDir: string;
  adminToken: string;
  /** LAPOR_SECRET: key of the access-code HMAC; unset = a random key kept in dataDir. */
  secret?: string;
  siteKeys: Record<string, SiteKeyConfig>;
  /** LAPOR_ADMIN_ORIGINS: pages of these origins may call /v1/admin/* from a browser; default none (same-origin). */
  adminOrigins?: string[];
  /** LAPOR_FOLLOW_SITE_KEY: the site key the gateway's own follow page (/r/…) uses; default the first `web` key. */
  followSiteKey?: string;
  upstream?: UpstreamOptions;
  /** Injectable clock (tests move time forward). */
  now?: () => Date;
  /** Breach scheduler period (ms); 0 disables the timer (tests call `tick()`). Default 15 000. */
  schedulerIntervalMs?: number;
  /** SSE heartbeat period (ms). Default 15 000. */
  heartbeatMs?: number;
  /** Newer holiday files (LAPOR_HOLIDAYS), each replacing the shipped data of its year. */
  holidays?: HolidayYear[];
  /** Admin stream: a resume further back than this many events reloads the queue instead of replaying. Default 1,000. */
  adminReplayHorizon?: number;
  /** Watch ticket lifetime (ms). Default 10 minutes. */
  ticketTtlMs?: number;
  /** Idempotency keys are kept at least this long (ms). Default 24 h. */
  idempotencyTtlMs?: number;
  rateLimit?: Partial<RateLimitOptions>;
  /** Scoped admin tokens (LAPOR_ADMIN_TOKENS). When set, no demo admin tokens are made. */
  adminTokens?: AdminTokenConfig[];
  streams?: Partial<StreamLimits>;
  timeouts?: Partial<TimeoutOptions>;
  replies?: Partial<ReplyLimits>;
  /** Client address from a proxy's X-Forwarded-For (LAPOR_TRUST_PROXY); undefined = socket only. */
  trustProxy?: (addr: string, hop: number) => boolean;
  /** /healthz reports "low" below this many free bytes in the data dir. Default 256 MB. */
  minFreeBytes?: number;
  /** Where dist/ (the built widget) is; defaults to the repo root. */
  rootDir?: string;
  /**
   * Folders of pages served at `/`, searched in order (demo pages first in the demo);
   * default: the gateway's own pages (gateway/pages: the admin console).
   */
  pagesDirs?: string[];
  /** Reference data upserted at start (LAPOR_REFERENCE, or the demo's Banyuwangi data). */
  reference?: import('./reference-data.js').ReferenceData;
  /** The demo (`npm start`): without adminTokens, random demo admin tokens are made and printed. */
  demo?: boolean;
  /** Print access-log-free warnings (errors) to stderr. Default true. */
  logErrors?: boolean;
  /** Uploads: orphan purge, per-client storage cap, pixel budget (DEFAULT_UPLOADS). */
  uploads?: Partial<UploadOptions>;
  /** One JSON line per request goes here (http/access-log.ts); unset = no access log. */
  accessLog?: (line: string) => void;
  /** Issue 28: how long a computed GET /v1/public/compliance answer is reused (ms; 0 = never). Default 30 000. */
  publicCacheMs?: number;
  /** Issue 28, LAPOR_ESCALATION (parsed): the escalation chain before every breach. Unset: none. */
  escalation?: import('./escalation/config.js').EscalationConfig;
  /** Issue 28, LAPOR_BOARD_URL: the public page with `<lapor-compliance-board>`; default `<public URL>/kinerja.html`. */
  boardUrl?: string;
  /** WhatsApp intake (channels/whatsapp/: LAPOR_WHATSAPP_APP_SECRET, LAPOR_WHATSAPP_VERIFY_TOKEN); needs notify's WhatsApp settings. */
  whatsapp?: import('./channels/whatsapp/options.js').WhatsAppIntakeOptions;
  /** Messages to citizens (notify/options.ts: LAPOR_SMTP_URL, LAPOR_WHATSAPP_*, ...). */
  notify?: import('./notify/options.js').NotifyOptions & { recovery?: Partial<Record<'client' | 'report', BucketOptions | false>> };
}

export const DEFAULT_SITE_KEYS: Record<string, SiteKeyConfig> = {
  'demo-opd': { origins: ['http://localhost:*', 'http://127.0.0.1:*'], channel: 'web' },
  'demo-smart-kampung': { origins: ['http://localhost:*', 'http://127.0.0.1:*'], channel: 'smart_kampung' },
};

/** 32 streams per client covers a NAT'd office with a tab each; the total keeps descriptors for everything else. */
export const DEFAULT_STREAMS: StreamLimits = { perClient: 32, total: 10_000 };

export const DEFAULT_TIMEOUTS: TimeoutOptions = {
  headersMs: 10_000,
  // A 2 MB attachment over slow 3G (~50 kB/s) takes ~40 s.
  requestMs: 120_000,
  // Above the 65 s keep-alive, so an idle keep-alive socket is closed by keepAliveTimeout
  // (which a load balancer expects), and this catches only sockets stuck mid-exchange.
  idleMs: 75_000,
  connectionsPerAddress: 256,
};

export const DEFAULT_REPLIES: ReplyLimits = { perReport: 50, perHour: 10 };

/** A LAPOR_ADMIN_TOKEN (or plain scoped token) shorter than this is refused at start. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/**
 * Per client (address, or /64 for IPv6). Bursts are generous enough for an e2e suite or
 * a village hall sharing one address behind NAT; a script flooding any route family is
 * still cut to its refill rate.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  submit: { capacity: 60, refillPerSecond: 1 },
  upload: { capacity: 120, refillPerSecond: 2 },
  read: { capacity: 300, refillPerSecond: 20 },
  watch: { capacity: 60, refillPerSecond: 1 },
  followup: { capacity: 30, refillPerSecond: 0.2 },
  admin: { capacity: 300, refillPerSecond: 20 },
  guessClient: { capacity: 30, refillPerSecond: 0.2 },
  guessReport: { capacity: 10, refillPerSecond: 0.1 },
  // Three wrong codes for one report, then one per 20 minutes: a citizen's typos pass,
  // and under attack an address gets its next look at a report only every 20 minutes.
  guessPair: { capacity: 3, refillPerSecond: 1 / 1200 },
};
/** Storage taken by one client's uploads in any window (services/upload-quota.ts). */
export interface UploadQuotaOptions {
  windowMs: number;
  maxFiles: number;
  maxBytes: number;
}

export interface UploadOptions {
  /** An upload that no report has claimed is deleted this long after it arrived (ms). */
  orphanTtlMs: number;
  /** How often orphans are looked for (ms); 0 = only at start and when purgeOrphans() is called. */
  purgeIntervalMs: number;
  /** Per client; false = no cap. */
  quota: UploadQuotaOptions | false;
  /** Largest image accepted, in pixels (checked from the header, before decoding). */
  maxImagePixels: number;
  /** Bytes all uploads in flight may still bring (LAPOR_UPLOADS_IN_FLIGHT_MB); past it 503 + Retry-After. */
  inFlightBytes: number;
  /** Uploads one client may have in flight at once; past it 429 + Retry-After. */
  inFlightPerClient: number;
  /** A check (parse, decode, re-encode) longer than this is stopped and refused (LAPOR_UPLOAD_CHECK_SECONDS). */
  checkTimeoutMs: number;
  /** What a PDF's streams may decode to, in all (LAPOR_PDF_MAX_DECODED_MB), and objects it may hold (LAPOR_PDF_MAX_OBJECTS). */
  pdf: import('./services/pdf-proof.js').PdfLimits;
}

/**
 * A draft keeps its uploaded ids, so orphans live a day (as idempotency keys do). Per
 * client and hour: 60 files (12 reports of 5) and 60 MB, against 237 MB in a minute seen
 * from one address. 50 megapixels takes an 8160×6120 phone photo, not a 30000² bomb.
 */
export const DEFAULT_UPLOADS: UploadOptions = {
  orphanTtlMs: 24 * 3_600_000,
  purgeIntervalMs: 5 * 60_000,
  quota: { windowMs: 3_600_000, maxFiles: 60, maxBytes: 60 * 1024 * 1024 },
  maxImagePixels: 50_000_000,
  // 32 uploads of 2 MB at once on their way in (on disk, not in memory); a form sends its
  // 5 files together, a village hall behind one address a few forms.
  inFlightBytes: 64 * 1024 * 1024,
  inFlightPerClient: 8,
  checkTimeoutMs: 10_000,
  // A letter's object and cross-reference streams decode to kilobytes; 8 MB is far above any real one.
  pdf: { maxDecodedBytes: 8 * 1024 * 1024, maxObjects: 100_000 },
};
