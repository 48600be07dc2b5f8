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
import { REPORT_EVENT_TYPES, ReportEvent, type Report, type WatchTicket } from '../contract/index.js';
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

interface Subscription {
  reports: Map<string, string | undefined>;
  onEvent: (event: ReportEvent) => void;
  onState: ((state: WatchConnectionState) => void) | undefined;
}

const SEEN_MAX = 1000;
const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';
const offlineError = (e: unknown) => e instanceof LaporNetworkError || e instanceof LaporTimeoutError;

export class Watcher {
  readonly #deps: WatcherDeps;
  readonly #ES: typeof EventSource | undefined;
  readonly #subs = new Set<Subscription>();
  #state: WatchConnectionState | undefined;
  /** Key of the union the running connection (or poll loop) serves; undefined when stopped. */
  #active: string | undefined;
  /** Bumped on every stop: async steps of an older connection see it and give up. */
  #generation = 0;
  #es: EventSource | undefined;
  #lastEventId: string | undefined;
  readonly #seen = new Set<string>();
  /** updatedAt of the snapshot polling last delivered, so SSE's replay of it is skipped. */
  readonly #polled = new Map<string, string>();
  #failures = 0;
  #polling = false;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #scheduled = false;
  #listening = false;

  constructor(deps: WatcherDeps) {
    this.#deps = deps;
    this.#ES = deps.tuning.EventSource ?? (globalThis as { EventSource?: typeof EventSource }).EventSource;
  }

  add(reports: WatchedReport[], onEvent: Subscription['onEvent'], onState?: Subscription['onState']): Unsubscribe {
    const sub: Subscription = { reports: new Map(reports.map((r) => [r.trackingId, r.accessToken])), onEvent, onState };
    this.#subs.add(sub);
    if (this.#state) onState?.(this.#state);
    this.#schedule();
    return () => {
      if (this.#subs.delete(sub)) this.#schedule();
    };
  }

  /** Union of every subscription's reports, one entry per report, stable order. */
  #union(): WatchedReport[] {
    const all = new Map<string, string | undefined>();
    for (const sub of this.#subs) {
      for (const [id, token] of sub.reports) if (!all.get(id)) all.set(id, token);
    }
    return [...all.keys()].sort().map((trackingId) => ({ trackingId, accessToken: all.get(trackingId) }));
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      this.#sync();
    }, 0);
  }

  #sync(): void {
    const reports = this.#union();
    this.#listen(reports.length > 0);
    if (!reports.length) {
      this.#stop();
      this.#state = undefined;
      return;
    }
    if (hidden()) {
      this.#stop();
      this.#setState('paused');
      return;
    }
    const key = JSON.stringify(reports);
    if (key === this.#active) return;
    this.#stop();
    this.#active = key;
    const { failuresBeforePolling = 3 } = this.#deps.tuning;
    if (!this.#ES || this.#failures >= failuresBeforePolling) this.#startPolling();
    else void this.#connect();
  }

  #stop(): void {
    this.#generation++;
    this.#active = undefined;
    this.#es?.close();
    this.#es = undefined;
    this.#polling = false;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  #later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  async #connect(): Promise<void> {
    const generation = this.#generation;
    const ES = this.#ES!;
    if (!this.#polling) this.#setState('connecting');
    let ticket: WatchTicket;
    try {
      ticket = await this.#deps.ticket(this.#union());
    } catch (error) {
      if (generation === this.#generation) this.#failed(error);
      return;
    }
    if (generation !== this.#generation) return;
    let url = `${this.#deps.api}/v1/events?ticket=${encodeURIComponent(ticket.ticket)}`;
    if (this.#lastEventId) url += `&lastEventId=${encodeURIComponent(this.#lastEventId)}`;
    const es = new ES(url);
    this.#es = es;
    es.onopen = () => {
      if (es !== this.#es) return;
      this.#failures = 0;
      if (this.#polling) {
        // SSE is back: the poll loop (same generation) stops at its next tick.
        this.#polling = false;
      }
      this.#setState('live');
    };
    const onMessage = (e: MessageEvent) => {
      if (es === this.#es) this.#receive(e);
    };
    // Unnamed events arrive as `message`; named ones only on their own listener.
    for (const type of ['message', ...REPORT_EVENT_TYPES]) es.addEventListener(type, onMessage as EventListener);
    es.onerror = () => {
      if (es !== this.#es) return;
      es.close();
      this.#es = undefined;
      this.#failed(undefined);
    };
  }

  #failed(error: unknown): void {
    this.#failures++;
    const { failuresBeforePolling = 3, sseRetryMs = 60_000 } = this.#deps.tuning;
    if (this.#failures >= failuresBeforePolling) {
      if (this.#polling) this.#later(sseRetryMs, () => void this.#connect());
      else this.#startPolling();
      return;
    }
    const offline = offlineError(error) || (typeof navigator !== 'undefined' && navigator.onLine === false);
    this.#setState(offline ? 'offline' : 'connecting');
    this.#later(backoffDelay(this.#deps.retry, this.#failures - 1), () => void this.#connect());
  }

  #startPolling(): void {
    const generation = this.#generation;
    const { pollIntervalMs = 10_000, sseRetryMs = 60_000 } = this.#deps.tuning;
    this.#polling = true;
    this.#setState('polling');
    const tick = async () => {
      let ok = true;
      await Promise.all(
        this.#union().map(async (watched) => {
          const before = this.#deps.known.get(watched.trackingId);
          try {
            const report = await this.#deps.poll(watched);
            if (generation === this.#generation && this.#polling) this.#compare(before, report);
          } catch (error) {
            if (offlineError(error)) ok = false;
          }
        }),
      );
      if (generation !== this.#generation || !this.#polling) return;
      this.#setState(ok ? 'polling' : 'offline');
      this.#later(pollIntervalMs, () => void tick());
    };
    void tick();
    if (this.#ES) this.#later(sseRetryMs, () => void this.#connect());
  }

  /** A poll answer becomes an event only when it differs from what we knew. */
  #compare(before: Report | undefined, report: Report): void {
    if (!before || (before.updatedAt === report.updatedAt && before.status === report.status)) return;
    const changed = before.status !== report.status;
    this.#polled.set(report.trackingId, report.updatedAt);
    this.#deliver({
      id: `poll:${report.trackingId}:${report.updatedAt}`,
      type: changed ? 'report.status_changed' : 'report.updated',
      trackingId: report.trackingId,
      at: report.updatedAt,
      ...(changed ? { from: before.status, to: report.status } : {}),
      report,
    });
  }

  #receive(message: MessageEvent): void {
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
    this.#lastEventId = message.lastEventId || event.id;
    const polled = this.#polled.get(event.trackingId);
    if (polled && event.report.updatedAt <= polled) {
      // Polling already delivered this change under its own id.
      this.#remember(event.id);
      return;
    }
    this.#deliver(event);
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > SEEN_MAX) this.#seen.delete(this.#seen.values().next().value!);
  }

  #deliver(event: ReportEvent): void {
    if (this.#seen.has(event.id)) return;
    this.#remember(event.id);
    this.#deps.known.set(event.trackingId, event.report);
    for (const sub of [...this.#subs]) {
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
  }

  #setState(state: WatchConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const sub of [...this.#subs]) sub.onState?.(state);
  }

  readonly #onVisibility = () => {
    if (hidden()) {
      this.#stop();
      this.#setState('paused');
    } else {
      this.#sync();
    }
  };

  #listen(on: boolean): void {
    if (typeof document === 'undefined' || on === this.#listening) return;
    this.#listening = on;
    if (on) document.addEventListener('visibilitychange', this.#onVisibility);
    else document.removeEventListener('visibilitychange', this.#onVisibility);
  }
}
