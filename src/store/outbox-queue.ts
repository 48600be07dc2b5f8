/**
 * The outbox: reports that could not reach the gateway yet (offline, timeouts, 5xx),
 * kept on the device (IndexedDB `lapor-outbox`) and sent later with the SAME
 * `Idempotency-Key`, so that a report sent twice is still one report.
 *
 * Draining happens on `online`, whenever a page with the form loads, and from a service
 * worker's Background Sync if the host site has one (see `requestBackgroundSync`).
 * Only one drain runs at a time: within a tab (calls are chained) and across tabs (a Web
 * Lock, where the browser has them). Even without the lock, the idempotency key makes a
 * double send harmless.
 *
 * This module never imports the SDK: the form uses it in the first download, before
 * the SDK has loaded, and hands it (lazy) clients. `outbox.ts` is the public module; it
 * adds the default client per gateway, made with the SDK imported statically.
 */
import type { ReportInput, SubmitResult } from '../contract/index.js';
import { LaporHttpError, LaporNetworkError, LaporTimeoutError } from '../sdk/errors/index.js';
import type { LaporClient } from '../sdk/types.js';
import { notifier, singleStore } from './idb-utils.js';
// Static on purpose: a service worker's `sync` handler may run this, and workers cannot import().
import { saveReport } from './saved-reports.js';

export const OUTBOX_DB = 'lapor-outbox';
export const OUTBOX_LOCK = 'lapor-outbox-drain';
export const OUTBOX_SYNC_TAG = 'lapor-outbox';

export interface OutboxAttachment {
  name: string;
  mime: string;
  blob: Blob;
}

export interface OutboxEntry {
  clientId: string;
  idempotencyKey: string;
  api: string;
  siteKey?: string;
  /** The report; `attachmentIds` holds the files already on the gateway. */
  input: ReportInput;
  /** Files not uploaded yet; their ids are appended to `input.attachmentIds` once they are. */
  attachments: OutboxAttachment[];
  createdAt: string;
  attempts: number;
  lastError?: string;
}

/** A queued report the gateway has now accepted. */
export interface OutboxSent {
  clientId: string;
  trackingId: string;
  accessToken: string;
  result: SubmitResult;
}

export interface DrainOptions {
  /** The SDK client for an entry's gateway. Default: one client per gateway + site key. */
  clientFor?: (api: string, siteKey: string | undefined) => LaporClient | undefined;
  signal?: AbortSignal;
}

export interface DrainResult {
  sent: OutboxSent[];
  failed: { clientId: string; error: unknown }[];
  /** Entries still waiting after this drain. */
  remaining: number;
}

const outbox = singleStore(OUTBOX_DB, 'outbox', 'clientId');
type Change = { type: 'changed' } | { type: 'sent'; sent: Omit<OutboxSent, 'result'> };
const changes = notifier<Change>('lapor-outbox-change');

// --- storage ------------------------------------------------------------------

export async function enqueue(entry: OutboxEntry): Promise<void> {
  await (await outbox.db()).put(outbox.store, entry);
  changes.changed({ type: 'changed' });
}

/** Every waiting entry, oldest first. */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const all = (await (await outbox.db()).getAll(outbox.store)) as OutboxEntry[];
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function getOutboxEntry(clientId: string): Promise<OutboxEntry | undefined> {
  return (await outbox.db()).get(outbox.store, clientId) as Promise<OutboxEntry | undefined>;
}

export async function removeFromOutbox(clientId: string): Promise<void> {
  await (await outbox.db()).delete(outbox.store, clientId);
  changes.changed({ type: 'changed' });
}

/** Called after every change of the outbox, in this tab or another. */
export function onOutboxChange(cb: () => void): () => void {
  return changes.listen(() => cb());
}

/** Called when a queued report has been accepted, whichever tab sent it. */
export function onOutboxSent(cb: (sent: Omit<OutboxSent, 'result'>) => void): () => void {
  return changes.listen((change) => {
    if (change.type === 'sent') cb(change.sent);
  });
}

/** Tests only: close the connection so that `deleteDB` is not blocked. */
export function closeOutbox(): Promise<void> {
  return outbox.close();
}

// --- what is worth retrying ---------------------------------------------------------

/**
 * Could this failure go away by itself? No network, a timeout, the gateway overloaded or
 * down. A 4xx (validation, conflict, bad site key) will fail the same way again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof LaporNetworkError || error instanceof LaporTimeoutError) return true;
  if (error instanceof LaporHttpError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return false;
}

// --- draining -----------------------------------------------------------------------

/** The client for an entry whose gateway `options.clientFor` does not answer for. */
export type FallbackClient = (api: string, siteKey: string | undefined) => LaporClient;

async function sendOne(entry: OutboxEntry, client: LaporClient, signal?: AbortSignal): Promise<SubmitResult> {
  let current = entry;
  // Upload one file at a time and record each id at once, so a crash halfway never uploads twice.
  while (current.attachments.length) {
    const [file, ...rest] = current.attachments as [OutboxAttachment, ...OutboxAttachment[]];
    const uploaded = await client.uploadAttachment(new File([file.blob], file.name, { type: file.mime }), { signal });
    current = {
      ...current,
      attachments: rest,
      input: { ...current.input, attachmentIds: [...(current.input.attachmentIds ?? []), uploaded.id] },
    };
    await (await outbox.db()).put(outbox.store, current);
  }
  return client.submitReport(current.input, { idempotencyKey: current.idempotencyKey, signal });
}

async function drainNow(fallback: FallbackClient, options: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: [], failed: [], remaining: 0 };
  const entries = await listOutbox();
  for (const [index, entry] of entries.entries()) {
    if (options.signal?.aborted) {
      result.remaining += entries.length - index;
      break;
    }
    const client = options.clientFor?.(entry.api, entry.siteKey) ?? fallback(entry.api, entry.siteKey);
    try {
      const sent = await sendOne(entry, client, options.signal);
      // Save it where "my reports" finds it BEFORE forgetting it here: the access code must never be lost.
      await saveReport({
        trackingId: sent.trackingId,
        accessToken: sent.accessToken,
        api: entry.api,
        siteKey: entry.siteKey,
        title: sent.report.title,
        classification: sent.report.classification,
        status: sent.report.status,
        savedAt: new Date().toISOString(),
        report: sent.report,
        // Nobody may be looking (a page since closed, a service worker): until a form
        // shows it, "Laporan saya" shows this code and the launcher counts it as news.
        codeSeen: false,
      });
      await (await outbox.db()).delete(outbox.store, entry.clientId);
      const done = { clientId: entry.clientId, trackingId: sent.trackingId, accessToken: sent.accessToken };
      result.sent.push({ ...done, result: sent });
      changes.changed({ type: 'sent', sent: done });
      changes.changed({ type: 'changed' });
    } catch (error) {
      result.failed.push({ clientId: entry.clientId, error });
      result.remaining++;
      const latest = (await getOutboxEntry(entry.clientId)) ?? entry;
      await (await outbox.db()).put(outbox.store, {
        ...latest,
        attempts: latest.attempts + 1,
        lastError: error instanceof Error ? error.message : String(error),
      });
      changes.changed({ type: 'changed' });
      // Still offline or the gateway is down: the others would fail the same way.
      if (isRetryable(error)) {
        result.remaining += entries.length - index - 1;
        break;
      }
    }
  }
  return result;
}

async function withCrossTabLock(fallback: FallbackClient, options: DrainOptions): Promise<DrainResult> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks?.request) return drainNow(fallback, options);
  // Wait for the lock rather than skip: entries queued after the other tab read its list still get sent.
  let result: DrainResult | undefined;
  await locks.request(OUTBOX_LOCK, async () => {
    result = await drainNow(fallback, options);
  });
  return result!;
}

let running: Promise<DrainResult> | undefined;
let following: Promise<DrainResult> | undefined;

/**
 * Send everything in the outbox. Calls made while a drain runs are folded into ONE
 * follow-up drain, so that an entry queued meanwhile is not missed and nothing is sent
 * twice by this tab. `fallback` makes the client of an entry `options.clientFor` has none for.
 */
export function drainOutboxWith(fallback: FallbackClient, options: DrainOptions = {}): Promise<DrainResult> {
  if (!running) {
    const job = withCrossTabLock(fallback, options);
    running = job;
    const clear = () => {
      if (running === job) running = undefined;
    };
    job.then(clear, clear);
    return job;
  }
  following ??= running
    .catch(() => undefined)
    .then(() => {
      following = undefined;
      return drainOutboxWith(fallback, options);
    });
  return following;
}

/**
 * Ask the site's service worker (if the host page has registered one) to wake up and
 * drain when connectivity returns. An embed on a third-party origin normally cannot
 * register a worker of its own, so this only helps sites that import `drainOutbox` in
 * their worker's `sync` handler for the tag `lapor-outbox`. Never fakes support.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    if (!sync) return false;
    await sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
