/**
 * One request, end to end: headers every call carries, a timeout per attempt, retries
 * with backoff, and an abort that is passed through untouched. ky does the fetch
 * plumbing (URL prefix, JSON bodies); its own retry and timeout are off because the SDK
 * needs exact attempt counts, `Retry-After` with a cap, and token-free errors (ky's
 * errors carry the Request, whose headers hold the access code).
 */
import ky from 'ky';
import type * as z from 'zod/mini';
import { msg, type MessageKey } from '../i18n/catalog.js';
import { LaporNetworkError, LaporTimeoutError, type RequestInfo } from './errors/index.js';
import { redact } from './redact.js';
import { backoffDelay, parseRetryAfter, RETRY_STATUSES, sleep, type RetryPolicy } from './retry.js';
import { settle, type RawResponse } from './response.js';
import '../i18n/register/sdk.js';

export type Headers_ = Record<string, string>;

export interface CallSpec<S extends z.ZodMiniType> {
  method: 'GET' | 'POST';
  /** Path under `/v1/`, no leading slash. */
  path: string;
  search?: Record<string, string>;
  json?: unknown;
  body?: FormData;
  headers?: Headers_;
  schema: S;
  signal?: AbortSignal | undefined;
  /** Strings to mask in anything an error carries (the access code of this call). */
  secrets?: (string | undefined)[];
  /** Cache key for ETag / If-None-Match; a 304 answers with the cached value. */
  etagKey?: string;
  /**
   * `all`: retry network errors, timeouts and 408/429/5xx (safe: GETs, and submits with
   * their idempotency key). `unprocessed`: only 429/503, where the gateway says it did
   * nothing — for POSTs that would be duplicated (a citizen's reply).
   */
  retry?: 'all' | 'unprocessed';
  /** Message for a 404 on this route (e.g. "report not found, check the code"). */
  notFoundKey?: MessageKey;
  /** Another transport for this call (XHR for upload progress); default ky. */
  send?: (signal: AbortSignal, headers: Headers_) => Promise<RawResponse>;
}

export interface HttpOptions {
  api: string;
  lang: string;
  headers: Headers_;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Resolves once the language's messages are loaded (errors are built after it). */
  ready: Promise<void>;
}

export interface Http {
  /** Gateway clock minus device clock, from the latest response. */
  readonly offsetMs: number;
  url(path: string, search?: Record<string, string>): string;
  call<S extends z.ZodMiniType>(spec: CallSpec<S>): Promise<z.output<S>>;
}

/** A closure, not a class: minifiers shorten its locals, never `#private` names. */
export function createHttp(options: HttpOptions): Http {
  const { api, lang, retry: policy, timeoutMs } = options;
  const etags = new Map<string, { etag: string; data: unknown }>();
  let offsetMs = 0;
  const client = ky.create({
    prefixUrl: `${api}/v1`,
    headers: options.headers,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const url = (path: string, search?: Record<string, string>) =>
    `${api}/v1/${path}${search ? `?${new URLSearchParams(search)}` : ''}`;

  /**
   * Clock skew from one round trip: the server stamped `serverTime` (or `Date`) at
   * some point between sending and receiving; the midpoint is the best single guess.
   */
  const observeClock = (raw: RawResponse, json: unknown) => {
    const body = json as { serverTime?: unknown; report?: { serverTime?: unknown } } | undefined;
    const fromBody = body?.serverTime ?? body?.report?.serverTime;
    const stamp = typeof fromBody === 'string' ? fromBody : raw.headers.get('date');
    const at = stamp ? Date.parse(stamp) : Number.NaN;
    if (!Number.isNaN(at)) offsetMs = at - (raw.startedAt + raw.endedAt) / 2;
  };

  const viaKy = async (spec: CallSpec<z.ZodMiniType>, headers: Headers_, signal: AbortSignal): Promise<RawResponse> => {
    const response = await client(spec.path, {
      method: spec.method,
      headers,
      signal,
      ...(spec.search ? { searchParams: spec.search } : {}),
      ...(spec.json !== undefined ? { json: spec.json } : {}),
      ...(spec.body ? { body: spec.body } : {}),
    });
    // Read the body inside the attempt, so a stalled body counts against the timeout.
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, startedAt: 0, endedAt: 0 };
  };

  const attempt = async (spec: CallSpec<z.ZodMiniType>, headers: Headers_, request: RequestInfo): Promise<RawResponse> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const relay = () => controller.abort(spec.signal!.reason);
    spec.signal?.addEventListener('abort', relay, { once: true });
    const startedAt = Date.now();
    try {
      const raw = spec.send
        ? await spec.send(controller.signal, { ...options.headers, ...headers })
        : await viaKy(spec, headers, controller.signal);
      return { ...raw, startedAt, endedAt: Date.now() };
    } catch (error) {
      // The caller's abort is theirs: hand back their AbortError as is, never retried.
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (timedOut) throw new LaporTimeoutError(msg(lang, 'error.timeout'), { request, timeoutMs });
      // fetch's own TypeError ("Failed to fetch") carries no request, so no token: keep it.
      throw new LaporNetworkError(msg(lang, 'error.network'), { request, cause: error });
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', relay);
    }
  };

  return {
    get offsetMs() {
      return offsetMs;
    },
    url,
    async call<S extends z.ZodMiniType>(spec: CallSpec<S>): Promise<z.output<S>> {
      await options.ready;
      if (spec.signal?.aborted) throw spec.signal.reason;
      const request: RequestInfo = redact({ method: spec.method, url: url(spec.path, spec.search) }, spec.secrets);
      const cached = spec.etagKey ? etags.get(spec.etagKey) : undefined;
      // The same headers object on every attempt: that is what keeps the Idempotency-Key stable.
      const headers: Headers_ = { ...spec.headers, ...(cached ? { 'If-None-Match': cached.etag } : {}) };
      for (let n = 0; ; n++) {
        let raw: RawResponse;
        try {
          raw = await attempt(spec, headers, request);
        } catch (error) {
          const transient = error instanceof LaporNetworkError || error instanceof LaporTimeoutError;
          if (transient && spec.retry !== 'unprocessed' && n < policy.limit) {
            await sleep(backoffDelay(policy, n), spec.signal);
            continue;
          }
          throw error;
        }
        const again = spec.retry === 'unprocessed' ? raw.status === 429 || raw.status === 503 : RETRY_STATUSES.has(raw.status);
        if (again && n < policy.limit) {
          observeClock(raw, undefined);
          await sleep(backoffDelay(policy, n, parseRetryAfter(raw.headers.get('retry-after'))), spec.signal);
          continue;
        }
        const result = settle(raw, {
          lang,
          schema: spec.schema,
          request,
          secrets: spec.secrets ?? [],
          cached: cached?.data,
          notFoundKey: spec.notFoundKey,
          observeClock: (json) => observeClock(raw, json),
        });
        const etag = raw.headers.get('etag');
        if (spec.etagKey && etag && raw.status >= 200 && raw.status < 300) etags.set(spec.etagKey, { etag, data: result });
        return result as z.output<S>;
      }
    },
  };
}
