/**
 * The board's one request (`GET /v1/public/compliance`) on the SDK's own HTTP layer (ky
 * underneath): timeouts, retries with backoff, localized typed errors, the clock-skew
 * estimate, and the answer checked against the contract. Loaded with the board's first
 * request, with the schema, so that neither the SDK nor a page with the form carries them.
 */
import { PublicCompliance, type PublicComplianceQuery } from '../../contract/compliance.js';
import { createHttp } from '../../sdk/http.js';
import { resolveRetry } from '../../sdk/retry.js';

export interface BoardApi {
  /** Gateway clock minus device clock (ms), from the latest answer. */
  readonly offsetMs: number;
  compliance(query: PublicComplianceQuery, signal?: AbortSignal): Promise<PublicCompliance>;
}

export function createBoardApi(o: { api: string; siteKey: string | undefined; lang: string }): BoardApi {
  const http = createHttp({ api: o.api.replace(/\/+$/, ''), lang: o.lang, siteKey: o.siteKey, fetch: undefined, timeoutMs: 15_000, retry: resolveRetry(2), ready: Promise.resolve() });
  return {
    get offsetMs() {
      return http.offsetMs;
    },
    compliance: (query, signal) =>
      http.call({
        method: 'GET',
        path: 'public/compliance',
        search: { from: query.from, to: query.to, ...(query.institution ? { institution: query.institution } : {}) },
        schema: PublicCompliance,
        signal,
      }),
  };
}
