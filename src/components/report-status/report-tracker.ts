/**
 * Follows one report: shows the device's saved snapshot at once, fetches the current
 * one, and (when live) applies pushed events in order. A Lit reactive controller, so the
 * element only renders what this holds.
 *
 * Ordering: every event carries the whole report, so "apply in order, never twice" is
 * "take a snapshot only if it is newer than the one we show" plus a memory of event ids
 * (the SDK may replay the last event when it resumes with `Last-Event-ID`).
 *
 * The watch starts only once the code has been accepted: the gateway refuses a whole
 * watch ticket when one code in it is wrong, and the page's elements share that ticket,
 * so a mistyped code must never join it. The one gap this leaves (a change between the
 * load and the stream opening) is closed by one more read when the stream first goes live.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Report, ReportEvent, ReportStatus } from '../../contract/index.js';
import type { LaporClient, Unsubscribe, WatchConnectionState } from '../../sdk/types.js';
import { getSaved, markSeen, updateSnapshot } from '../../store/saved-reports.js';
import { classifyFailure, type FailureKind } from './failure.js';

export type TrackerPhase = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

export interface TrackTarget {
  client: LaporClient;
  trackingId: string;
  accessToken: string;
  live: boolean;
}

const SEEN_EVENT_IDS = 500;

export class ReportTracker implements ReactiveController {
  report: Report | undefined;
  phase: TrackerPhase = 'idle';
  /** Why the last load failed, while `phase` is `error`. */
  failure: FailureKind | undefined;
  /** State of the live connection; `undefined` when not watching. */
  connection: WatchConnectionState | undefined;
  online = typeof navigator === 'undefined' ? true : navigator.onLine;
  /** Device time (ms) of the snapshot shown, or the gateway's time for a saved one. */
  lastSyncedAt: number | undefined;

  #target: TrackTarget | undefined;
  #generation = 0;
  #fromNetwork = false;
  #seen = new Set<string>();
  #unwatch: Unsubscribe | undefined;
  #abort: AbortController | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onStatusChange: (trackingId: string, from: ReportStatus, to: ReportStatus) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    if (this.#target && this.phase === 'ready' && !this.#unwatch) this.#watch(this.#target, this.#generation);
    // Moved in the DOM mid-load: the load was aborted on disconnect, so start it again.
    if (this.#target && this.phase === 'loading') void this.#load(this.#target, this.#generation);
  }

  hostDisconnected(): void {
    this.#connected = false;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.#stopWatching();
    this.#abort?.abort();
  }

  get target(): TrackTarget | undefined {
    return this.#target;
  }

  /** Follow another report (or the same one again, e.g. after `live` changed). */
  async follow(target: TrackTarget | undefined): Promise<void> {
    const generation = ++this.#generation;
    const sameReport = target && this.#target?.trackingId === target.trackingId;
    this.#stopWatching();
    this.#abort?.abort();
    this.#target = target;
    if (!sameReport) {
      this.report = undefined;
      this.lastSyncedAt = undefined;
      this.#fromNetwork = false;
      this.#seen.clear();
    }
    this.failure = undefined;
    if (!target) {
      this.phase = 'idle';
      this.host.requestUpdate();
      return;
    }
    this.phase = 'loading';
    this.host.requestUpdate();
    if (!this.report) {
      const saved = await getSaved(target.trackingId).catch(() => undefined);
      if (generation !== this.#generation) return;
      if (saved?.report && saved.accessToken === target.accessToken && !this.report) {
        this.report = saved.report;
        this.lastSyncedAt = Date.parse(saved.report.serverTime);
        this.host.requestUpdate();
      }
    }
    await this.#load(target, generation);
  }

  /** Try the last failed load again; the last known state stays on screen meanwhile. */
  retry(): Promise<void> {
    const target = this.#target;
    if (!target) return Promise.resolve();
    this.phase = 'loading';
    this.failure = undefined;
    this.host.requestUpdate();
    return this.#load(target, this.#generation);
  }

  /** A snapshot obtained elsewhere (the answer to a follow-up). */
  accept(report: Report): void {
    this.#apply(report);
  }

  async #load(target: TrackTarget, generation: number): Promise<void> {
    const abort = (this.#abort = new AbortController());
    try {
      const report = await target.client.getReport(target.trackingId, target.accessToken, { signal: abort.signal });
      if (generation !== this.#generation) return;
      this.phase = 'ready';
      this.#apply(report);
      if (this.#connected && !this.#unwatch) this.#watch(target, generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      const { kind } = classifyFailure(error);
      if (kind === 'aborted') return;
      if (kind === 'not-found') {
        // Show nothing of a report the gateway will not show: not even a saved snapshot.
        this.report = undefined;
        this.#stopWatching();
        this.phase = 'not-found';
      } else {
        this.phase = 'error';
        this.failure = kind;
      }
      this.host.requestUpdate();
    }
  }

  /** One quiet read (ETag: usually a 304); a failure here changes nothing on screen. */
  async #refresh(target: TrackTarget, generation: number): Promise<void> {
    try {
      const report = await target.client.getReport(target.trackingId, target.accessToken);
      if (generation === this.#generation) this.#apply(report);
    } catch {
      // The live stream and the next event will tell us more.
    }
  }

  #watch(target: TrackTarget, generation: number): void {
    if (!target.live) return;
    this.connection = 'connecting';
    let gapChecked = false;
    this.#unwatch = target.client.watch(
      [{ trackingId: target.trackingId, accessToken: target.accessToken }],
      (event) => {
        if (generation === this.#generation) this.#onEvent(event);
      },
      {
        onState: (state) => {
          if (generation !== this.#generation) return;
          this.connection = state;
          this.host.requestUpdate();
          if (state === 'live' && !gapChecked) {
            gapChecked = true;
            void this.#refresh(target, generation);
          }
        },
      },
    );
  }

  #stopWatching(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.connection = undefined;
  }

  #onEvent(event: ReportEvent): void {
    if (event.trackingId !== this.#target?.trackingId || this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    if (this.#seen.size > SEEN_EVENT_IDS) this.#seen.delete(this.#seen.values().next().value as string);
    if (this.phase === 'error' || this.phase === 'loading') {
      // A pushed event is as good as a successful load.
      this.phase = 'ready';
      this.failure = undefined;
    }
    this.#apply(event.report);
  }

  #apply(next: Report): void {
    const current = this.report;
    const fromNetwork = this.#fromNetwork;
    this.lastSyncedAt = Date.now();
    if (current && fromNetwork && Date.parse(next.updatedAt) <= Date.parse(current.updatedAt)) {
      // Already showing this or something newer.
      this.host.requestUpdate();
      return;
    }
    this.report = next;
    this.#fromNetwork = true;
    this.host.requestUpdate();
    // Only a change seen live is a "change"; replacing the saved snapshot on load is not.
    if (current && fromNetwork && current.status !== next.status) {
      this.onStatusChange(next.trackingId, current.status, next.status);
    }
    void this.#persist(next);
  }

  async #persist(report: Report): Promise<void> {
    try {
      await updateSnapshot(report.trackingId, report);
      if (document.visibilityState === 'visible') await markSeen(report.trackingId, report.updatedAt);
    } catch {
      // Storage can be unavailable (private mode, quota); the view works without it.
    }
  }

  #onOnline = (): void => {
    this.online = true;
    this.host.requestUpdate();
    if (this.phase === 'error') void this.retry();
  };

  #onOffline = (): void => {
    this.online = false;
    this.host.requestUpdate();
  };
}
