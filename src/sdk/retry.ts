/**
 * When and how long to wait before trying again. Kept apart from the HTTP code so the
 * policy can be read (and tested) on its own, and used by `watch` for reconnects too.
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

/** Statuses that say "not now" rather than "never": worth another attempt. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export function resolveRetry(option: RetryOptions | number | undefined, random: () => number = Math.random): RetryPolicy {
  const o = typeof option === 'number' ? { limit: option } : (option ?? {});
  return {
    limit: Math.max(0, o.limit ?? 3),
    backoffMs: o.backoffMs ?? 500,
    maxBackoffMs: o.maxBackoffMs ?? 10_000,
    random: o.random ?? random,
  };
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Wait before retry number `retry` (0-based). A server's `Retry-After` wins, capped so a
 * hostile or confused server cannot park the citizen for an hour; otherwise exponential
 * backoff with full jitter (AWS's recommendation: spreads a thundering herd best).
 */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxBackoffMs);
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** `setTimeout` as a promise that an abort interrupts (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
