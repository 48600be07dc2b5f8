/**
 * The outbox's public module (see outbox-queue.ts and outbox-drain.ts for how it works):
 * the queue, plus `drainOutbox` with a default client per gateway and site key. The SDK is imported
 * statically here on purpose: a service worker's `sync` handler may drain, and service
 * workers cannot import(). The form does not use this module's drain (it passes its
 * lazy clients to `drainOutboxWith`), so the SDK stays out of its first download.
 */
import { createLaporClient } from '../sdk/client.js';
import type { LaporClient } from '../sdk/types.js';
import { drainOutboxWith, type DrainOptions, type DrainResult } from './outbox-drain.js';
import { isRetryable, OUTBOX_SYNC_TAG } from './outbox-queue.js';

export * from './outbox-drain.js';
export {
  OUTBOX_DB,
  OUTBOX_LOCK,
  OUTBOX_SYNC_TAG,
  closeOutbox,
  enqueue,
  getOutboxEntry,
  isRetryable,
  listOutbox,
  onOutboxChange,
  onOutboxSent,
  removeFromOutbox,
  requestBackgroundSync,
  type OutboxAttachment,
  type OutboxEntry,
  type OutboxSent,
} from './outbox-queue.js';

const defaultClients = new Map<string, LaporClient>();
function defaultClientFor(api: string, siteKey: string | undefined): LaporClient {
  const key = `${api}\u0000${siteKey ?? ''}`;
  let client = defaultClients.get(key);
  if (!client) defaultClients.set(key, (client = createLaporClient({ api, siteKey })));
  return client;
}

/**
 * Send everything in the outbox. Calls made while a drain runs are folded into ONE
 * follow-up drain, so that an entry queued meanwhile is not missed and nothing is sent
 * twice by this tab. `options.clientFor` may supply the client per gateway; otherwise
 * one is made with default settings.
 */
export function drainOutbox(options: DrainOptions = {}): Promise<DrainResult> {
  return drainOutboxWith(defaultClientFor, options);
}

/** What `handleOutboxSync` needs of a worker's global scope (a `ServiceWorkerGlobalScope`). */
export interface SyncScope {
  addEventListener(type: 'sync', listener: (event: { tag: string; waitUntil(promise: Promise<unknown>): void }) => void): void;
}

/**
 * Background Sync in the site's own service worker: when the browser wakes it for the
 * tag `lapor-outbox` (asked for by the form when it queues a report, and by the embed
 * when it finds queued work), send the outbox. A retryable failure (still no network, the
 * gateway down) rejects, so the browser tries the sync again later; a refused report
 * (4xx) does not, it waits for the citizen.
 *
 * ```js
 * import { handleOutboxSync } from 'lapor-widget/outbox';
 * handleOutboxSync(self);
 * ```
 * `dist/lapor-outbox-sw.js` is exactly that, built: serve it from the site's own origin.
 */
export function handleOutboxSync(scope: SyncScope, options: DrainOptions = {}): void {
  scope.addEventListener('sync', (event) => {
    if (event.tag !== OUTBOX_SYNC_TAG) return;
    event.waitUntil(
      drainOutbox(options).then((result) => {
        if (result.failed.some((f) => isRetryable(f.error))) throw new Error('lapor-outbox: not everything could be sent yet');
        return result;
      }),
    );
  });
}
