/**
 * One SDK client per (gateway, site key, language) on a page. Elements share it, and with
 * it the SDK's single EventSource, so ten status views still make one connection.
 */
import { createLaporClient } from '../../sdk/client.js';
import type { LaporClient, LaporClientOptions } from '../../sdk/types.js';

const clients = new Map<string, LaporClient>();

export function clientFor(options: LaporClientOptions): LaporClient {
  const key = `${options.api}\u0000${options.siteKey ?? ''}\u0000${options.lang ?? ''}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = createLaporClient(options)));
  return client;
}

/** Tests only: forget every client (and so every shared connection). */
export function resetClients(): void {
  clients.clear();
}
