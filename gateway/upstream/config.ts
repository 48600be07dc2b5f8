/**
 * LAPOR_UPSTREAM_* → UpstreamOptions (names pinned in DESIGN.md). Unset URL = standalone.
 * A URL without both secrets is a configuration error, not a gateway that sends
 * unauthenticated requests: LAPOR! wants `Authorization: Bearer <AUTH>` AND `token: <TOKEN>`.
 * Extras: LAPOR_UPSTREAM_POLL_MS (a young report's poll period), LAPOR_UPSTREAM_BUDGET
 * (`burst:perMinute`, all requests together), LAPOR_UPSTREAM_TIMEOUT_MS, LAPOR_UPSTREAM_BACKOFF_MS.
 */
import type { UpstreamOptions } from '../options.js';
import { loadLaporMap } from './mapping.js';

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: "${value}" is not a non-negative number`);
  return n;
}

export function upstreamFromEnv(env: NodeJS.ProcessEnv): UpstreamOptions | undefined {
  const url = env.LAPOR_UPSTREAM_URL;
  if (!url) return undefined;
  const auth = env.LAPOR_UPSTREAM_AUTH ?? '';
  const token = env.LAPOR_UPSTREAM_TOKEN ?? '';
  if (!auth || !token) throw new Error('LAPOR_UPSTREAM_URL is set: LAPOR_UPSTREAM_AUTH (API key) and LAPOR_UPSTREAM_TOKEN (GUID) are both required');
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
    map: env.LAPOR_UPSTREAM_MAP ? loadLaporMap(env.LAPOR_UPSTREAM_MAP) : undefined,
    intervalMs: num('LAPOR_UPSTREAM_INTERVAL_MS', env.LAPOR_UPSTREAM_INTERVAL_MS),
    pollIntervalMs: num('LAPOR_UPSTREAM_POLL_MS', env.LAPOR_UPSTREAM_POLL_MS),
    timeoutMs: num('LAPOR_UPSTREAM_TIMEOUT_MS', env.LAPOR_UPSTREAM_TIMEOUT_MS),
    backoffMs: num('LAPOR_UPSTREAM_BACKOFF_MS', env.LAPOR_UPSTREAM_BACKOFF_MS),
    budget,
  };
}
