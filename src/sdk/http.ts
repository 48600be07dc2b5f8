/**
 * One request, end to end, on ky: ky retries (its `retry`: statuses, `Retry-After` capped
 * by `maxRetryAfter` and still retried, exponential backoff with jitter), times out each
 * attempt (`timeout`, `retryOnTimeout`) and runs the hooks below. What stays here is what
 * ky cannot know: which calls may be retried at all, the access codes to mask, the ETag
 * cache, and turning ky's errors into the SDK's typed ones once ky has given up (ky's
 * errors carry the Request, whose headers hold the access code: they never leave).
 */
import ky, { isHTTPError, isTimeoutError, type Hooks, type RetryOptions } from 'ky';
import type * as z from 'zod/mini';
import type { MessageKey } from '../i18n/catalog.js';
import { msg } from '../i18n/catalog.js';
import { LaporNetworkError, LaporTimeoutError, type RequestInfo } from './errors/index.js';
import { clockOffset } from './clock-offset.js';
import { loadSchemas, type SchemaLayer } from './load-schemas.js';
import { redact } from './redact.js';
import type { RetryPolicy } from './retry.js';
import '../i18n/register/sdk.js';
import '../i18n/register/sdk-errors.js';

export type Headers_ = Record<string, string>;

export interface CallSpec<S extends z.ZodMiniType> {
  method: 'GET' | 'POST';
  /** Path under `/v1/`, no leading slash. */
  path: string;
  search?: Record<string, string>;
  json?: unknown;
  body?: FormData;
  headers?: Headers_;
  /** Sent as `Idempotency-Key` on every attempt of this call (set by the beforeRequest hook). */
  idempotencyKey?: string;
  /**
   * The contract schema of the answer: picked from the validation layer, which loads on
   * the first call, so that zod and the schemas are not part of the citizen client's eager
   * bytes; or given as is by a caller that has its schemas already (the admin API).
   */
  schema: S | ((layer: SchemaLayer) => S);
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
  /** Another transport for this call (XHR for upload progress), given to ky as its `fetch`. */
  send?: (request: Request) => Promise<Response>;
}

export interface HttpOptions {
  api: string;
  lang: string;
  siteKey: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Resolves once the language's messages are loaded (errors are built after it). */
  ready: Promise<void>;
}

export interface Http {
  /** Gateway clock minus device clock, from the answer with the shortest round trip (clock-offset.ts). */
  readonly offsetMs: number;
  url(path: string, search?: Record<string, string>): string;
  call<S extends z.ZodMiniType>(spec: CallSpec<S>): Promise<z.output<S>>;
}

/** Statuses that say "not now" rather than "never". 413 (ky's default) is "never" here. */
const TRANSIENT = [408, 429, 500, 502, 503, 504];
/** Statuses where the gateway did nothing with the request, so even a reply may be resent. */
const UNPROCESSED = [429, 503];

/** Per-call data for the hooks (ky's `context`: one object per call, shared by its attempts). */
interface CallContext extends Record<string, unknown> {
  idempotencyKey?: string | undefined;
  startedAt?: number;
}

/** A closure, not a class: minifiers shorten its locals, never `#private` names. */
export function createHttp(options: HttpOptions): Http {
  const { api, lang, siteKey, retry: policy, timeoutMs } = options;
  const etags = new Map<string, { etag: string; data: unknown }>();
  const fetch_ = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const offset = clockOffset();

  /**
   * ky's timeout covers its `fetch` until that resolves; reading the body inside it makes
   * a body that stalls on 3G count against the attempt's timeout (and be retried) too.
   */
  const buffered = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const response = await fetch_(input, init);
    const text = await response.text();
    const empty = response.status === 204 || response.status === 205 || response.status === 304;
    return new Response(empty ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  const hooks: Hooks = {
    beforeRequest: [
      (request, { context }) => {
        const { idempotencyKey } = context as CallContext;
        request.headers.set('Accept-Language', lang);
        if (siteKey) request.headers.set('X-Lapor-Site-Key', siteKey);
        // The same key on every attempt (the context lives as long as the call): a repeat
        // is answered with the first 201 instead of creating a second report.
        if (idempotencyKey) request.headers.set('Idempotency-Key', idempotencyKey);
        context.startedAt = Date.now();
      },
    ],
    afterResponse: [
      // Clock skew from every answer, errors and retried ones included: the server stamped
      // `serverTime` (or `Date`) between sending and receiving (see clock-offset.ts).
      async (_request, { context }, response) => {
        const endedAt = Date.now();
        let body: { serverTime?: unknown; report?: { serverTime?: unknown } } | undefined;
        try {
          body = JSON.parse(await response.text());
        } catch {
          // Not JSON (a proxy's 502, a 304): the Date header is all there is.
        }
        const fromBody = body?.serverTime ?? body?.report?.serverTime;
        const inBody = typeof fromBody === 'string';
        const stamp = inBody ? fromBody : response.headers.get('date');
        const at = stamp ? Date.parse(stamp) : Number.NaN;
        if (!Number.isNaN(at)) offset.sample(at, (context as CallContext).startedAt!, endedAt, inBody ? 1 : 1000);
      },
    ],
  };

  const api_ = ky.create({
    prefixUrl: `${api}/v1`,
    timeout: timeoutMs,
    // A 304 answers from the ETag cache, it is no error.
    throwHttpErrors: (status) => status !== 304,
    fetch: buffered,
    hooks,
  });

  /** ky's retry for one call. Built per call: ky merges arrays by concatenating them. */
  const retryFor = (spec: CallSpec<z.ZodMiniType>): RetryOptions => {
    const unprocessed = spec.retry === 'unprocessed';
    return {
      limit: policy.limit,
      methods: ['get', 'post'],
      statusCodes: unprocessed ? UNPROCESSED : TRANSIENT,
      afterStatusCodes: UNPROCESSED,
      // A hostile or confused server cannot park the citizen for an hour: ky waits at most this, then retries.
      maxRetryAfter: policy.maxBackoffMs,
      backoffLimit: policy.maxBackoffMs,
      delay: (attempt) => policy.backoffMs * 2 ** (attempt - 1),
      // Full jitter (AWS's recommendation: spreads a thundering herd best); injectable for tests.
      jitter: (delay) => policy.random() * delay,
      retryOnTimeout: !unprocessed,
      // The caller's abort is final. A reply is resent only on an answer that says "not done".
      shouldRetry: ({ error }) => (spec.signal?.aborted || (unprocessed && !isHTTPError(error)) ? false : undefined),
    };
  };

  const url = (path: string, search?: Record<string, string>) =>
    `${api}/v1/${path}${search ? `?${new URLSearchParams(search)}` : ''}`;

  return {
    get offsetMs() {
      return offset.ms;
    },
    url,
    async call<S extends z.ZodMiniType>(spec: CallSpec<S>): Promise<z.output<S>> {
      await options.ready;
      if (spec.signal?.aborted) throw spec.signal.reason;
      const request: RequestInfo = redact({ method: spec.method, url: url(spec.path, spec.search) }, spec.secrets);
      // Asked for now, while the request travels; awaited once the answer is in.
      const layer = loadSchemas(lang, request);
      layer.catch(() => undefined);
      const cached = spec.etagKey ? etags.get(spec.etagKey) : undefined;
      let response: Response;
      try {
        response = await api_(spec.path, {
          method: spec.method,
          headers: { ...spec.headers, ...(cached ? { 'If-None-Match': cached.etag } : {}) },
          retry: retryFor(spec),
          context: { idempotencyKey: spec.idempotencyKey } satisfies CallContext,
          ...(spec.signal ? { signal: spec.signal } : {}),
          ...(spec.search ? { searchParams: spec.search } : {}),
          ...(spec.json !== undefined ? { json: spec.json } : {}),
          ...(spec.body ? { body: spec.body } : {}),
          // ky calls its `fetch` with the Request it built (typed wider for user fetches).
          ...(spec.send ? { fetch: (input: unknown) => spec.send!(input as Request) } : {}),
        });
      } catch (error) {
        // The caller's abort is theirs: hand back their AbortError as is.
        if (spec.signal?.aborted) throw spec.signal.reason;
        if (isTimeoutError(error)) throw new LaporTimeoutError(msg(lang, 'error.timeout'), { request, timeoutMs });
        // fetch's own TypeError ("Failed to fetch") carries no request, so no token: keep it.
        if (!isHTTPError(error)) throw new LaporNetworkError(msg(lang, 'error.network'), { request, cause: error });
        // ky's HTTPError after its last retry (ky's beforeError hook must hand back an
        // HTTPError, and anything else would stop ky's retry by status: so it is mapped here).
        response = error.response;
      }
      const text = await response.text();
      const loaded = await layer;
      const result = loaded.settle(response.status, response.headers, text, {
        lang,
        schema: typeof spec.schema === 'function' ? spec.schema(loaded) : spec.schema,
        request,
        secrets: spec.secrets ?? [],
        cached: cached?.data,
        notFoundKey: spec.notFoundKey,
      });
      const etag = response.headers.get('etag');
      if (spec.etagKey && etag && response.ok) etags.set(spec.etagKey, { etag, data: result });
      return result as z.output<S>;
    },
  };
}
