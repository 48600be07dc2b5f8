/**
 * Runs `drainOutbox` inside a module worker (no DOM, no window), the way a host page's
 * service worker would from its `sync` handler. The SDK client is a stub: the point is the
 * outbox's own code paths (IndexedDB, Web Locks, BroadcastChannel, saveReport) off the page.
 */
import { drainOutbox } from '../../src/store/outbox.js';
import type { LaporClient } from '../../src/sdk/types.js';
import { buildReport, TOKEN_A } from '../fixtures/report-fixtures.js';

const keys: string[] = [];
const client = {
  api: 'https://gw.test',
  siteKey: 'demo-opd',
  lang: 'id',
  async uploadAttachment(file: File) {
    return { id: 'att-w', name: file.name, mime: 'application/pdf' as const, bytes: file.size };
  },
  async submitReport(_input: unknown, o?: { idempotencyKey?: string }) {
    keys.push(o?.idempotencyKey ?? '');
    return { trackingId: 'LPR-7K3M-Q9XD', accessToken: TOKEN_A, report: buildReport({ trackingId: 'LPR-7K3M-Q9XD' }) };
  },
} as unknown as LaporClient;

self.onmessage = async () => {
  try {
    const result = await drainOutbox({ clientFor: () => client });
    postMessage({ ok: true, sent: result.sent.map((s) => s.clientId), keys, hasDocument: typeof document !== 'undefined' });
  } catch (error) {
    postMessage({ ok: false, error: String(error) });
  }
};
