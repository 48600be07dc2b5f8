/**
 * The outbox's public module (see outbox-queue.ts for how it works): the queue, plus
 * `drainOutbox` with a default client per gateway and site key. The SDK is imported
 * statically here on purpose: a service worker's `sync` handler may drain, and service
 * workers cannot import(). The form does not use this module's drain (it passes its
 * lazy clients to `drainOutboxWith`), so the SDK stays out of its first download.
 */
import { createLaporClient } from '../sdk/client.js';
import type { LaporClient } from '../sdk/types.js';
import { drainOutboxWith, type DrainOptions, type DrainResult } from './outbox-queue.js';

export * from './outbox-queue.js';

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
