/**
 * Sending the outbox (see outbox-queue.ts for the storage): every waiting report, oldest
 * first, each with its own `Idempotency-Key`, its files uploaded first and never twice.
 *
 * Draining happens on `online`, whenever a page with the form or the embed loads (the
 * loader fetches lapor-outbox.js when something waits), and from a service worker's
 * Background Sync where the site has one (`handleOutboxSync`). Only one drain runs at a
 * time: within a tab (calls are chained) and across tabs and module copies (a Web Lock,
 * where the browser has them). Even without the lock, the idempotency key makes a double
 * send harmless.
 *
 * This module never imports the SDK: callers hand it (lazy) clients.
 */
import type { SubmitResult } from '../contract/index.js';
import type { LaporClient } from '../sdk/types.js';
import {
  OUTBOX_LOCK,
  getOutboxEntry,
  isRetryable,
  listOutbox,
  outbox,
  outboxChanges as changes,
  type OutboxAttachment,
  type OutboxEntry,
  type OutboxSent,
} from './outbox-queue.js';
// Static on purpose: a service worker's `sync` handler may run this, and workers cannot import().
import { saveReport } from './saved-reports.js';

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
        queuedAt: entry.createdAt,
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

