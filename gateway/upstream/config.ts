/**
 * LAPOR_UPSTREAM_* → UpstreamOptions (names pinned in DESIGN.md). Unset URL = standalone.
 * A URL without both secrets is a configuration error, not a gateway that sends
 * unauthenticated requests: LAPOR! wants `<header>: Bearer <AUTH>` AND `token: <TOKEN>`,
 * the header being `auth` on the production SPLP gateway (the default) or `Authorization`
 * on LAPOR!'s training API (LAPOR_UPSTREAM_AUTH_HEADER).
 * Extras: LAPOR_UPSTREAM_POLL_MS (a young report's poll period), LAPOR_UPSTREAM_BUDGET
 * (`burst:perMinute`, all requests together), LAPOR_UPSTREAM_TIMEOUT_MS,
 * LAPOR_UPSTREAM_CREATE_TIMEOUT_MS, LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS,
 * LAPOR_UPSTREAM_CONCURRENCY, LAPOR_UPSTREAM_MAX_ANSWER_BYTES,
 * LAPOR_UPSTREAM_FOLLOWUPS_PER_POLL, LAPOR_UPSTREAM_BACKOFF_MS.
 */
import type { UpstreamOptions } from '../options.js';
import { AUTH_HEADERS, type AuthHeader } from './lapor-adapter.js';
import { loadLaporMap } from './mapping.js';

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: "${value}" is not a non-negative number`);
  return n;
}

function positive(name: string, value: string | undefined): number | undefined {
  const n = num(name, value);
  if (n !== undefined && n < 1) throw new Error(`${name}: "${value}" must be at least 1`);
  return n;
}

/** HTTP header names are case-insensitive: `AUTH` is `auth`; anything else is a mistake said in one line. */
export function authHeaderFromEnv(value: string | undefined): AuthHeader {
  if (value === undefined || value === '') return 'auth';
  const found = AUTH_HEADERS.find((h) => h.toLowerCase() === value.trim().toLowerCase());
  if (!found) {
    throw new Error(`LAPOR_UPSTREAM_AUTH_HEADER: "${value}" is neither "auth" (production SPLP gateway, the default) nor "Authorization" (LAPOR!'s training API)`);
  }
  return found;
}

export function upstreamFromEnv(env: NodeJS.ProcessEnv): UpstreamOptions | undefined {
  const url = env.LAPOR_UPSTREAM_URL;
  if (!url) return undefined;
  const auth = env.LAPOR_UPSTREAM_AUTH ?? '';
  const token = env.LAPOR_UPSTREAM_TOKEN ?? '';
  if (!auth || !token) throw new Error('LAPOR_UPSTREAM_URL is set: LAPOR_UPSTREAM_AUTH (API key) and LAPOR_UPSTREAM_TOKEN (GUID) are both required');
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new Error(`LAPOR_UPSTREAM_URL: "${url}" is not a URL`);
  }
  if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') throw new Error(`LAPOR_UPSTREAM_URL: "${url}" is not http(s)`);
  let budget: UpstreamOptions['budget'];
  if (env.LAPOR_UPSTREAM_BUDGET) {
    const [capacity, perMinute] = env.LAPOR_UPSTREAM_BUDGET.split(':').map(Number);
    if (!capacity || !perMinute) throw new Error(`LAPOR_UPSTREAM_BUDGET "${env.LAPOR_UPSTREAM_BUDGET}": expected "burst:perMinute"`);
    budget = { capacity, perMinute };
  }
  return {
    url,
    auth,
    token,
    authHeader: authHeaderFromEnv(env.LAPOR_UPSTREAM_AUTH_HEADER),
    map: env.LAPOR_UPSTREAM_MAP ? loadLaporMap(env.LAPOR_UPSTREAM_MAP) : undefined,
    intervalMs: num('LAPOR_UPSTREAM_INTERVAL_MS', env.LAPOR_UPSTREAM_INTERVAL_MS),
    pollIntervalMs: num('LAPOR_UPSTREAM_POLL_MS', env.LAPOR_UPSTREAM_POLL_MS),
    timeoutMs: positive('LAPOR_UPSTREAM_TIMEOUT_MS', env.LAPOR_UPSTREAM_TIMEOUT_MS),
    createTimeoutMs: positive('LAPOR_UPSTREAM_CREATE_TIMEOUT_MS', env.LAPOR_UPSTREAM_CREATE_TIMEOUT_MS),
    connectTimeoutMs: positive('LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS', env.LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS),
    concurrency: positive('LAPOR_UPSTREAM_CONCURRENCY', env.LAPOR_UPSTREAM_CONCURRENCY),
    maxAnswerBytes: positive('LAPOR_UPSTREAM_MAX_ANSWER_BYTES', env.LAPOR_UPSTREAM_MAX_ANSWER_BYTES),
    followupsPerPoll: positive('LAPOR_UPSTREAM_FOLLOWUPS_PER_POLL', env.LAPOR_UPSTREAM_FOLLOWUPS_PER_POLL),
    backoffMs: num('LAPOR_UPSTREAM_BACKOFF_MS', env.LAPOR_UPSTREAM_BACKOFF_MS),
    budget,
  };
}
