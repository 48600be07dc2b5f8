/**
 * The outbox: reports that could not reach the gateway yet (offline, timeouts, 5xx),
 * kept on the device (IndexedDB `lapor-outbox`) and sent later with the SAME
 * `Idempotency-Key`, so that a report sent twice is still one report.
 *
 * This module is the storage (queue, list, change notifications, what is worth retrying):
 * the form and the launcher use it in the first download. Sending is outbox-drain.ts,
 * fetched only when there is something to send (it needs the SDK anyway).
 * `outbox.ts` is the public module: both, plus a default client per gateway.
 */
import type { ReportInput, SubmitResult } from '../contract/index.js';
import { LaporHttpError, LaporNetworkError, LaporTimeoutError } from '../sdk/errors/index.js';
import { notifier, singleStore } from './idb-utils.js';

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

/** The store and its change notifier, shared with outbox-drain.ts (not part of the public API). */
export const outbox = singleStore(OUTBOX_DB, 'outbox', 'clientId');
export type OutboxChange = { type: 'changed' } | { type: 'sent'; sent: Omit<OutboxSent, 'result'> };
export const outboxChanges = notifier<OutboxChange>('lapor-outbox-change');
const changes = outboxChanges;

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
