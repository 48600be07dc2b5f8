/**
 * The admin API as the console uses it, on the SDK's own HTTP layer (ky underneath):
 * the same timeouts, retries with backoff, typed localized errors with the token masked,
 * and the clock-skew estimate. Every answer is checked against the contract.
 */
import {
  AdminQueue,
  AdminReference,
  AdminReport,
  AdminWatchTicket,
  ComplianceReport,
  type TransitionInput,
} from '../../contract/admin.js';
import { createHttp, type Http } from '../../sdk/http.js';
import { resolveRetry } from '../../sdk/retry.js';

export interface AdminApiOptions {
  api: string;
  token: string;
  lang: string;
  /** Only the institution named by the element's `institution` attribute. */
  institution?: string | undefined;
  fetch?: typeof globalThis.fetch;
}

export interface AdminApi {
  readonly api: string;
  /** Gateway clock minus device clock (ms), from the latest answer. */
  readonly offsetMs: number;
  queue(signal?: AbortSignal): Promise<AdminQueue>;
  report(trackingId: string, signal?: AbortSignal): Promise<AdminReport>;
  transition(trackingId: string, input: TransitionInput): Promise<AdminReport>;
  watchTicket(): Promise<AdminWatchTicket>;
  compliance(from: string, to: string, signal?: AbortSignal): Promise<ComplianceReport>;
  reference(): Promise<AdminReference>;
}

/** The queue holds at most this many open reports (the gateway's ceiling). */
export const QUEUE_LIMIT = 1000;

export function createAdminApi(o: AdminApiOptions): AdminApi {
  const api = o.api.replace(/\/+$/, '');
  const http: Http = createHttp({
    api,
    lang: o.lang,
    siteKey: undefined,
    fetch: o.fetch,
    timeoutMs: 15_000,
    retry: resolveRetry(2),
    ready: Promise.resolve(),
  });
  const secrets = [o.token];
  // Per call: the bearer is the admin's, never a header every SDK call would carry.
  const headers = { Authorization: `Bearer ${o.token}` };
  const scoped = (search: Record<string, string>) => (o.institution ? { ...search, institution: o.institution } : search);
  const reportPath = (id: string) => `admin/reports/${encodeURIComponent(id)}`;
  return {
    api,
    get offsetMs() {
      return http.offsetMs;
    },
    queue: (signal) =>
      http.call({
        method: 'GET',
        path: 'admin/reports',
        search: scoped({ sort: 'due', state: 'open', limit: String(QUEUE_LIMIT) }),
        schema: AdminQueue,
        headers,
        secrets,
        signal,
      }),
    report: (id, signal) => http.call({ method: 'GET', path: reportPath(id), schema: AdminReport, headers, secrets, signal }),
    // Not idempotent: retried only when the gateway says it did nothing (429/503).
    transition: (id, input) =>
      http.call({ method: 'POST', path: `${reportPath(id)}/transitions`, json: input, schema: AdminReport, headers, secrets, retry: 'unprocessed' }),
    watchTicket: () => http.call({ method: 'POST', path: 'admin/watch', json: {}, schema: AdminWatchTicket, headers, secrets }),
    compliance: (from, to, signal) =>
      http.call({ method: 'GET', path: 'admin/compliance', search: scoped({ from, to }), schema: ComplianceReport, headers, secrets, signal }),
    reference: () => http.call({ method: 'GET', path: 'admin/reference', schema: AdminReference, headers, secrets }),
  };
}
