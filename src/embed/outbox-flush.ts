/**
 * `dist/lapor-outbox.js`: what the loader fetches INSTEAD of waiting for the widget when
 * it finds reports queued on this device (issue 24: "the outbox sends itself"). The
 * network layer only (SDK, outbox, saved reports; no Lit, no form), so a page with the
 * embed sends what a citizen queued offline as soon as it loads, without anything being
 * opened or tapped: the 4-hour clock starts when the gateway receives the report.
 *
 * While the page stays open it tries again when the connection comes back and, if the
 * gateway was down, after a growing pause. A sent report lands in "Laporan saya" with its
 * access code unseen, so the launcher says there is news. The form and this module may
 * both drain in one tab: the Web Lock in outbox-queue.ts serialises them, and the
 * Idempotency-Key makes a repeat harmless anyway.
 */
import { drainOutbox, isRetryable, requestBackgroundSync } from '../store/outbox.js';

const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 5 * 60_000;

export function flushOutbox(w: Window = window): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pause = FIRST_RETRY_MS;
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!w.navigator.onLine) return;
    try {
      const result = await drainOutbox();
      if (!result.failed.some((f) => isRetryable(f.error))) {
        pause = FIRST_RETRY_MS;
        return;
      }
    } catch {
      // IndexedDB refused (storage full, private mode): nothing this page can do now.
      return;
    }
    // Online but the gateway did not take it (down, 5xx, timeouts): again in a while.
    timer = setTimeout(() => void run(), pause);
    pause = Math.min(pause * 2, MAX_RETRY_MS);
  };
  w.addEventListener('online', () => void run());
  // The site's own service worker, if it has one for this page, may send it even after
  // this page is closed (Background Sync, lapor-widget/outbox's handleOutboxSync).
  void requestBackgroundSync();
  void run();
}

flushOutbox();
