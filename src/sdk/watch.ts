/**
 * Live updates for every `watch()` of one client over ONE EventSource.
 *
 * - The union of watched reports is exchanged for a ticket (`POST /v1/watch`, tokens in
 *   the body) and the stream opened at `/v1/events?ticket=…`: access codes never sit in a URL.
 * - When the union changes, a new ticket and a new stream (debounced to one turn, so ten
 *   elements connecting in one render make one request).
 * - After an error we close the stream ourselves and reconnect with backoff and a fresh
 *   ticket (the old one may have expired), resuming with `&lastEventId=…`: a new
 *   EventSource cannot set the `Last-Event-ID` header. The gateway also honours that
 *   header, which a browser sends on its own automatic reconnects, so both paths resume.
 * - Events are deduplicated by id: a replay after resuming is never delivered twice.
 * - After `failuresBeforePolling` failures in a row: poll `getReport` (ETag, cheap 304s)
 *   every `pollIntervalMs`, synthesizing events when a report changed, and try SSE again
 *   every `sseRetryMs`. Without any EventSource (Node 20) polling is the only mode.
 * - While the page is hidden nothing runs (`paused`); on visible it resumes from the last id.
 */
import * as z from 'zod/mini';
import type { Report } from '../contract/report.js';
import { REPORT_EVENT_TYPES, ReportEvent, type WatchTicket } from '../contract/watch.js';
import { LaporNetworkError, LaporTimeoutError } from './errors/index.js';
import { backoffDelay, type RetryPolicy } from './retry.js';
import type { Unsubscribe, WatchConnectionState, WatchedReport, WatchTuning } from './types.js';

export interface WatcherDeps {
  api: string;
  retry: RetryPolicy;
  /** Latest snapshot per trackingId, shared with the client: the polling baseline. */
  known: Map<string, Report>;
  tuning: WatchTuning;
  ticket(reports: WatchedReport[]): Promise<WatchTicket>;
  poll(report: WatchedReport): Promise<Report>;
}

export type AddWatch = (
  reports: WatchedReport[],
  onEvent: (event: ReportEvent) => void,
  onState?: (state: WatchConnectionState) => void,
) => Unsubscribe;

interface Subscription {
  reports: Map<string, string | undefined>;
  onEvent: (event: ReportEvent) => void;
  onState: ((state: WatchConnectionState) => void) | undefined;
}

const SEEN_MAX = 1000;
const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';
const offlineError = (e: unknown) => e instanceof LaporNetworkError || e instanceof LaporTimeoutError;

/**
 * The shared connection of one client. A closure rather than a class: it ships to
 * browsers, and minifiers can shorten local names but not `#private` fields.
 */
export function createWatcher(deps: WatcherDeps): AddWatch {
  const { failuresBeforePolling = 3, pollIntervalMs = 10_000, sseRetryMs = 60_000 } = deps.tuning;
  const ES = deps.tuning.EventSource ?? (globalThis as { EventSource?: typeof EventSource }).EventSource;
  const subs = new Set<Subscription>();
  const seen = new Set<string>();
  /** updatedAt of the snapshot polling last delivered, so SSE's replay of it is skipped. */
  const polled = new Map<string, string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let state: WatchConnectionState | undefined;
  /** Key of the union the running connection (or poll loop) serves; undefined when stopped. */
  let active: string | undefined;
  /** Bumped on every stop: async steps of an older connection see it and give up. */
  let generation = 0;
  let es: EventSource | undefined;
  let lastEventId: string | undefined;
  let failures = 0;
  let polling = false;
  let scheduled = false;
  let listening = false;

  /** Union of every subscription's reports, one entry per report, stable order. */
  const union = (): WatchedReport[] => {
    const all = new Map<string, string | undefined>();
    for (const sub of subs) for (const [id, token] of sub.reports) if (!all.get(id)) all.set(id, token);
    return [...all.keys()].sort().map((trackingId) => ({ trackingId, accessToken: all.get(trackingId) }));
  };

  const setState = (next: WatchConnectionState) => {
    if (next === state) return;
    state = next;
    for (const sub of [...subs]) sub.onState?.(next);
  };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const stop = () => {
    generation++;
    active = undefined;
    es?.close();
    es = undefined;
    polling = false;
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };

  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value!);
  };

  const deliver = (event: ReportEvent) => {
    if (seen.has(event.id)) return;
    remember(event.id);
    deps.known.set(event.trackingId, event.report);
    for (const sub of [...subs]) {
      if (!sub.reports.has(event.trackingId)) continue;
      try {
        sub.onEvent(event);
      } catch (error) {
        // One broken listener must not starve the others; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const receive = (message: MessageEvent) => {
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    // Never hand on what the contract does not promise.
    const parsed = z.safeParse(ReportEvent, data);
    if (!parsed.success) return;
    const event = parsed.data;
    lastEventId = message.lastEventId || event.id;
    const at = polled.get(event.trackingId);
    // Polling already delivered this change under its own id.
    if (at && event.report.updatedAt <= at) remember(event.id);
    else deliver(event);
  };

  /** A poll answer becomes an event only when it differs from what we knew. */
  const compare = (before: Report | undefined, report: Report) => {
    if (!before || (before.updatedAt === report.updatedAt && before.status === report.status)) return;
    const changed = before.status !== report.status;
    polled.set(report.trackingId, report.updatedAt);
    const base = { id: `poll:${report.trackingId}:${report.updatedAt}`, trackingId: report.trackingId, at: report.updatedAt, report };
    deliver(changed ? { ...base, type: 'report.status_changed', from: before.status, to: report.status } : { ...base, type: 'report.updated' });
  };

  const startPolling = () => {
    const mine = generation;
    polling = true;
    setState('polling');
    const tick = async () => {
      let ok = true;
      await Promise.all(
        union().map(async (watched) => {
          const before = deps.known.get(watched.trackingId);
          try {
            const report = await deps.poll(watched);
            if (mine === generation && polling) compare(before, report);
          } catch (error) {
            if (offlineError(error)) ok = false;
          }
        }),
      );
      if (mine !== generation || !polling) return;
      setState(ok ? 'polling' : 'offline');
      later(pollIntervalMs, () => void tick());
    };
    void tick();
    if (ES) later(sseRetryMs, () => void connect());
  };

  const failed = (error: unknown) => {
    failures++;
    if (failures >= failuresBeforePolling) {
      if (polling) later(sseRetryMs, () => void connect());
      else startPolling();
      return;
    }
    const offline = offlineError(error) || (typeof navigator !== 'undefined' && navigator.onLine === false);
    setState(offline ? 'offline' : 'connecting');
    later(backoffDelay(deps.retry, failures - 1), () => void connect());
  };

  const connect = async () => {
    const mine = generation;
    if (!polling) setState('connecting');
    let ticket: WatchTicket;
    try {
      ticket = await deps.ticket(union());
    } catch (error) {
      if (mine === generation) failed(error);
      return;
    }
    if (mine !== generation) return;
    let url = `${deps.api}/v1/events?ticket=${encodeURIComponent(ticket.ticket)}`;
    if (lastEventId) url += `&lastEventId=${encodeURIComponent(lastEventId)}`;
    const source = new ES!(url);
    es = source;
    source.onopen = () => {
      if (source !== es) return;
      failures = 0;
      // SSE is back: a running poll loop (same generation) ends at its next tick.
      polling = false;
      setState('live');
    };
    const onMessage = (e: MessageEvent) => {
      if (source === es) receive(e);
    };
    // Unnamed events arrive as `message`; named ones only on their own listener.
    for (const type of ['message', ...REPORT_EVENT_TYPES]) source.addEventListener(type, onMessage as EventListener);
    source.onerror = () => {
      if (source !== es) return;
      source.close();
      es = undefined;
      failed(undefined);
    };
  };

  const sync = () => {
    const reports = union();
    listen(reports.length > 0);
    if (!reports.length) {
      stop();
      state = undefined;
      return;
    }
    if (hidden()) {
      stop();
      setState('paused');
      return;
    }
    const key = JSON.stringify(reports);
    if (key === active) return;
    stop();
    active = key;
    if (!ES || failures >= failuresBeforePolling) startPolling();
    else void connect();
  };

  /** Debounced to one turn: ten elements calling `watch` in one render make one ticket. */
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      sync();
    }, 0);
  };

  const onVisibility = () => {
    if (hidden()) {
      stop();
      setState('paused');
    } else sync();
  };
  /** Back online: do not wait out a backoff, reconnect now. */
  const onOnline = () => {
    if (state === 'offline') {
      stop();
      sync();
    }
  };

  const listen = (on: boolean) => {
    if (typeof document === 'undefined' || on === listening) return;
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    document[method]('visibilitychange', onVisibility);
    globalThis[method]('online', onOnline);
  };

  return (reports, onEvent, onState) => {
    const sub: Subscription = { reports: new Map(reports.map((r) => [r.trackingId, r.accessToken])), onEvent, onState };
    subs.add(sub);
    if (state) onState?.(state);
    schedule();
    return () => {
      if (subs.delete(sub)) schedule();
    };
  };
}
