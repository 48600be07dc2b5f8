/**
 * The client's retry policy, resolved once from `LaporClientOptions.retry`. Requests hand
 * it to ky (./http.ts builds ky's `retry` from it); `backoffDelay` is for what ky does
 * not do: an EventSource reconnecting (./watch.ts) and a lazy chunk downloaded again.
 */
import type { RetryOptions } from './types.js';

export interface RetryPolicy {
  /** Attempts after the first. */
  limit: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** `Math.random` unless injected: tests make jitter deterministic with it. */
  random: () => number;
}

export function resolveRetry(option: RetryOptions | number | undefined, random: () => number = Math.random): RetryPolicy {
  const o = typeof option === 'number' ? { limit: option } : (option ?? {});
  return {
    limit: Math.max(0, o.limit ?? 3),
    backoffMs: o.backoffMs ?? 500,
    maxBackoffMs: o.maxBackoffMs ?? 10_000,
    random: o.random ?? random,
  };
}

/** Wait before reconnect number `n` (0-based): the curve ky uses for requests, full jitter. */
export function backoffDelay(policy: RetryPolicy, n: number): number {
  return Math.floor(policy.random() * Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** n));
}
