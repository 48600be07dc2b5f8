/**
 * The SDK's public surface. Pinned here first so that the elements can be written
 * against it; `client.ts` implements it.
 */
import type {
  Attachment,
  Config,
  FollowUpInput,
  Institution,
  Location,
  LocationMatch,
  Report,
  ReportEvent,
  ReportInput,
  SubmitResult,
} from '../contract/index.js';

export interface RetryOptions {
  /** Attempts after the first one. Default 3. */
  limit?: number;
  /** First backoff in ms; doubles each attempt, with full jitter. Default 500. */
  backoffMs?: number;
  /** Upper bound of one backoff, and of an honoured `Retry-After`. Default 10 000. */
  maxBackoffMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`; inject for deterministic tests. */
  random?: () => number;
}

/** Tuning of `watch()`; the defaults suit production. */
export interface WatchTuning {
  /**
   * EventSource implementation. Default `globalThis.EventSource`. Node 20 has none: pass
   * one (e.g. the `eventsource` package) to get live SSE there; without it `watch`
   * polls `getReport` instead.
   */
  EventSource?: typeof globalThis.EventSource;
  /** Consecutive SSE failures before falling back to polling. Default 3. */
  failuresBeforePolling?: number;
  /** Polling period while SSE is down. Default 10 000 ms. */
  pollIntervalMs?: number;
  /** While polling, how often to try SSE again. Default 60 000 ms. */
  sseRetryMs?: number;
}

export interface LaporClientOptions {
  /** Gateway base URL, e.g. `https://lapor.banyuwangikab.go.id` (the SDK adds `/v1`). */
  api: string;
  /** Sent as `X-Lapor-Site-Key`; sets the channel and is checked against the page's Origin. */
  siteKey?: string;
  /** Language of error messages (`Accept-Language`). Default `id`. */
  lang?: string;
  /** A fetch to use instead of the global one (tests, Node polyfills). */
  fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout. Default 15 000 ms. */
  timeoutMs?: number;
  /** Retry policy, or a number of retries. `0` disables retries. */
  retry?: RetryOptions | number;
  /** Live-update tuning (EventSource injection for Node, polling periods). */
  watch?: WatchTuning;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions extends RequestOptions {
  onProgress?: (progress: UploadProgress) => void;
}

export interface SubmitOptions extends RequestOptions {
  /** Generate once per draft and reuse on every retry; a fresh one is made when absent. */
  idempotencyKey?: string;
}

export interface WatchedReport {
  trackingId: string;
  accessToken?: string;
}

/** `live`: SSE open; `connecting`; `polling`: SSE failed repeatedly; `paused`: page hidden; `offline`. */
export type WatchConnectionState = 'connecting' | 'live' | 'polling' | 'paused' | 'offline';

export interface WatchOptions {
  onState?: (state: WatchConnectionState) => void;
}

export type Unsubscribe = () => void;

/** What `createLaporClient` returns. Every method rejects with a `LaporError` subclass. */
export interface LaporClient {
  /** The gateway base URL, without a trailing slash. */
  readonly api: string;
  readonly siteKey: string | undefined;
  /** The language of messages (`id` unless `lang` named one we speak). */
  readonly lang: string;
  /** Institutions, categories, classifications, attachment limits, SLA policies and the holiday calendar (`GET /v1/config`, cached by ETag). */
  getConfig(options?: RequestOptions): Promise<Config>;
  /** Instansi tujuan matching `query` (name or abbreviation). */
  searchInstitutions(query: string, options?: RequestOptions): Promise<Institution[]>;
  /** Places (desa, kecamatan) matching `query`, for `location.locationId`. */
  searchLocations(query: string, options?: RequestOptions): Promise<Location[]>;
  /**
   * The place a point falls in ("Gunakan lokasi saya"): the kecamatan, and the desa or
   * kelurahan when the gateway knows where it is. Approximate (the nearest known centre):
   * show it as "Sekitar …" and let the person change it. `null` outside the area served.
   */
  locate(point: { lat: number; lng: number }, options?: RequestOptions): Promise<LocationMatch['match']>;
  /** Upload one file (PDF, JPG or PNG, ≤ 2 MB); put the returned `id` in `attachmentIds`. */
  uploadAttachment(file: Blob | File, options?: UploadOptions): Promise<Attachment>;
  /**
   * File a report. Checked against the contract on the device first (a
   * `LaporValidationError` names each field, in `lang`), then sent with an
   * `Idempotency-Key` that every retry reuses: a retried submit never makes a second
   * report. Pass your own `idempotencyKey` (one per draft) to keep that true across page
   * loads. Resolves with the `trackingId` and the `accessToken` (kode akses): the only
   * time the code is ever shown, so keep it.
   */
  submitReport(input: ReportInput, options?: SubmitOptions): Promise<SubmitResult>;
  /** A report as the citizen sees it. A secret (rahasia) report needs its access code, else it is "not found". */
  getReport(trackingId: string, accessToken?: string, options?: RequestOptions): Promise<Report>;
  /** The citizen's reply, or their rating (1–5) once the report is completed. */
  addFollowUp(trackingId: string, accessToken: string, input: FollowUpInput, options?: RequestOptions): Promise<Report>;
  /**
   * "Lupa kode akses?": a new access code is sent to `contact` (the phone or email given
   * with the report) if it matches; the old code keeps working until the new one is first used. Resolves the same either way.
   */
  recoverAccessCode(trackingId: string, contact: string, options?: RequestOptions): Promise<void>;
  /**
   * Live updates for these reports. Every `watch` of one client shares one EventSource;
   * `onEvent` only hears about its own reports. Returns a function that stops watching.
   */
  watch(reports: WatchedReport[], onEvent: (event: ReportEvent) => void, options?: WatchOptions): Unsubscribe;
  /** Milliseconds since the epoch by the gateway's clock (device clock corrected for skew). */
  serverNow(): number;
  /** Gateway clock minus device clock, in ms: from the answer with the shortest round trip, a fresher one once it has aged, or at once when a clock was set. */
  readonly clockOffsetMs: number;
}
