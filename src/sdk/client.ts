/**
 * `createLaporClient`: the typed client of the LAPOR gateway. Every method validates its
 * answer against the contract, throws only LaporError subclasses (or the caller's own
 * AbortError), and shares one clock-skew estimate and one live connection per client.
 */
// No zod and no schema here (issue 27): they are the validation layer (schemas.ts), loaded
// on the first call. Only types come from the contract's schema modules.
import { normalizeAccessCode } from '../contract/access-code.js';
import type { Report as ReportT } from '../contract/report.js';
import { normalizeTrackingId } from '../contract/tracking-id.js';
import { msg } from '../i18n/catalog.js';
import { loadLocale } from '../i18n/load.js';
import { normalizeLang } from '../i18n/lang.js';
import { LaporValidationError, type LaporError } from './errors/index.js';
import { createHttp, type Headers_ } from './http.js';
import { loadSchemas, type SchemaLayer } from './load-schemas.js';
import { backoffDelay, resolveRetry } from './retry.js';
import type { LaporClient, LaporClientOptions, Unsubscribe, WatchedReport } from './types.js';
import { canXhrUpload, xhrUpload } from './upload.js';
import { uuid } from './uuid.js';
import type { AddWatch } from './watch.js';
import '../i18n/register/sdk-errors.js';

/**
 * A client for a LAPOR gateway: submit reports, upload attachments, read a report, follow
 * reports live. Every answer is checked against the contract; every failure is a typed
 * {@link LaporError} with a message in `lang`. Requests time out after `timeoutMs` (15 s)
 * and are retried with backoff (network errors, timeouts, 408/429/5xx); a submit keeps
 * its `Idempotency-Key` across retries, so it never makes two reports. No Lit, no DOM:
 * works in browsers and Node 20+.
 *
 * @example
 * ```ts
 * const lapor = createLaporClient({ api: 'https://lapor.banyuwangikab.go.id', siteKey: 'smart-kampung' });
 * const { trackingId, accessToken } = await lapor.submitReport({ classification: 'aspiration', title: '…', body: '…', location: { text: 'Genteng' } });
 * ```
 */
export function createLaporClient(options: LaporClientOptions): LaporClient {
  const api = options.api.replace(/\/+$/, '');
  const lang = normalizeLang(options.lang);
  const siteKey = options.siteKey;
  // Error messages are built after the language's catalog is in; if it cannot load
  // (offline, chunk missing) the messages fall back to Indonesian rather than failing.
  const ready = loadLocale(lang).catch(() => undefined);
  const retry = resolveRetry(options.retry);
  const http = createHttp({
    api,
    lang,
    siteKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    retry,
    ready,
  });
  /** Latest snapshot of every report this client has seen: the baseline for polling. */
  const known = new Map<string, ReportT>();
  const remember = (report: ReportT): ReportT => {
    known.set(report.trackingId, report);
    return report;
  };
  // Codes as a person typed them (`7kq4m 9xdht`) are sent, and so masked in errors, in
  // their stored form: that is what a gateway could echo back.
  const stored = (token?: string) => token && normalizeAccessCode(token);
  const bearer = (token?: string): Headers_ => (token ? { Authorization: `Bearer ${stored(token)}` } : {});
  // Tracking numbers as people type them (any case, spaces, with or without LPR) reach the same report.
  const reportPath = (trackingId: string) => `reports/${encodeURIComponent(normalizeTrackingId(trackingId))}`;

  /** The input checked against its schema before it is sent (the validation layer loads first). */
  async function checked<T>(pick: (layer: SchemaLayer) => Parameters<SchemaLayer['validate']>[0], input: unknown, path: string): Promise<T> {
    const [layer] = await Promise.all([loadSchemas(lang, { method: 'POST', url: http.url(path) }), ready]);
    const result = layer.validate(pick(layer), input, lang);
    if (!result.ok) throw new LaporValidationError(msg(lang, 'error.validation_failed'), { fields: result.fields });
    return result.data as T;
  }

  /**
   * Live updates (SSE, polling: ./watch.ts) load on the first `watch()`: a page that only
   * files reports never downloads them. Once loaded, `watch()` subscribes synchronously.
   */
  let watcher: AddWatch | undefined;
  let loading: Promise<AddWatch> | undefined;
  const loadWatcher = () =>
    (loading ??= import('./watch.js').then(
      ({ createWatcher }) =>
        (watcher = createWatcher({
          api,
          retry,
          known,
          tuning: options.watch ?? {},
          ticket: (list: WatchedReport[]) =>
            http.call({
              method: 'POST',
              path: 'watch',
              json: { reports: list.map((r) => (r.accessToken ? { ...r, accessToken: stored(r.accessToken) } : r)) },
              schema: (s) => s.WatchTicket,
              secrets: list.map((r) => stored(r.accessToken)),
            }),
          poll: (r: WatchedReport) => client.getReport(r.trackingId, r.accessToken),
        })),
      (error: unknown) => {
        // A chunk download can fail on a bad connection: the next attempt fetches again.
        loading = undefined;
        throw error;
      },
    ));

  const client: LaporClient = {
    api,
    siteKey,
    lang,

    getConfig: (o) => http.call({ method: 'GET', path: 'config', schema: (s) => s.Config, etagKey: 'config', signal: o?.signal }),

    searchInstitutions: async (q, o) =>
      (await http.call({ method: 'GET', path: 'institutions', search: { q }, schema: (s) => s.InstitutionList, signal: o?.signal })).items,

    searchLocations: async (q, o) =>
      (await http.call({ method: 'GET', path: 'locations', search: { q }, schema: (s) => s.LocationList, signal: o?.signal })).items,

    async locate({ lat, lng }, o) {
      // Its schema is wanted only after a tap on "Gunakan lokasi saya": fetched then. Two
      // numbers need no URL encoding.
      const { LocationMatch } = await import('../contract/location-at.js');
      return (await http.call({ method: 'GET', path: `locations/at?lat=${+lat}&lng=${+lng}`, schema: () => LocationMatch, signal: o?.signal })).match;
    },

    async uploadAttachment(file, o) {
      const body = new FormData();
      body.append('file', file, (file as File).name ?? 'file');
      const xhr = canXhrUpload();
      const result = await http.call({
        method: 'POST',
        path: 'attachments',
        body,
        schema: (s) => s.Attachment,
        signal: o?.signal,
        ...(xhr ? { send: (request: Request) => xhrUpload(request, body, file.size, o?.onProgress) } : {}),
      });
      // fetch gives no upload progress; say "all of it" once, so a progress bar completes.
      if (!xhr) o?.onProgress?.({ loaded: file.size, total: file.size });
      return result;
    },

    async submitReport(input, o) {
      const data = await checked((s) => s.ReportInput, input, 'reports');
      // One key per submit, sent on every retry: the gateway answers a repeat with the
      // first 201 instead of creating a second report.
      const result = await http.call({
        method: 'POST',
        path: 'reports',
        json: data,
        idempotencyKey: o?.idempotencyKey ?? uuid(),
        schema: (s) => s.SubmitResult,
        signal: o?.signal,
      });
      remember(result.report);
      return result;
    },

    async getReport(trackingId, accessToken, o) {
      return remember(
        await http.call({
          method: 'GET',
          path: reportPath(trackingId),
          headers: bearer(accessToken),
          schema: (s) => s.Report,
          secrets: [stored(accessToken)],
          etagKey: `report\u0000${normalizeTrackingId(trackingId)}\u0000${accessToken ?? ''}`,
          notFoundKey: 'error.report_not_found',
          signal: o?.signal,
        }),
      );
    },

    async addFollowUp(trackingId, accessToken, input, o) {
      const data = await checked((s) => s.FollowUpInput, input, `${reportPath(trackingId)}/followups`);
      return remember(
        await http.call({
          method: 'POST',
          path: `${reportPath(trackingId)}/followups`,
          json: data,
          headers: bearer(accessToken),
          schema: (s) => s.Report,
          secrets: [stored(accessToken)],
          notFoundKey: 'error.report_not_found',
          // A reply sent twice shows twice: retry only when the gateway says it did nothing.
          retry: 'unprocessed',
          signal: o?.signal,
        }),
      );
    },

    async recoverAccessCode(trackingId, contact, o) {
      // Each request replaces the code: retry only when the gateway says it did nothing.
      await http.call({ method: 'POST', path: `${reportPath(trackingId)}/access-code`, json: { contact }, schema: (s) => s.AccessCodeRecovery, retry: 'unprocessed', signal: o?.signal });
    },

    watch(reports, onEvent, o) {
      if (watcher) return watcher(reports, onEvent, o?.onState);
      // Not loaded yet: queue this subscription (calls keep their order, as the promise
      // settles its callbacks in order) and hand back an unsubscribe that works before
      // and after. A failed load says `offline` and tries again with backoff.
      let stop: Unsubscribe | undefined;
      let cancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let failures = 0;
      const start = () => {
        loadWatcher().then(
          (add) => {
            if (!cancelled) stop = add(reports, onEvent, o?.onState);
          },
          () => {
            if (cancelled) return;
            o?.onState?.('offline');
            timer = setTimeout(start, backoffDelay(retry, failures++));
          },
        );
      };
      start();
      return () => {
        cancelled = true;
        clearTimeout(timer);
        stop?.();
      };
    },

    serverNow: () => Date.now() + http.offsetMs,

    get clockOffsetMs() {
      return http.offsetMs;
    },
  };
  return client;
}
