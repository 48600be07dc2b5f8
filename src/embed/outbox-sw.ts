/**
 * `dist/lapor-outbox-sw.js`: a ready-made service worker for a site that serves it from
 * its own origin (a worker may only control pages of its origin). It sends the outbox on
 * Background Sync (`lapor-outbox`), so a report queued offline goes even when no page of
 * the site is open any more. The embed registers it with `data-outbox-worker="/lapor-outbox-sw.js"`.
 * A site with its own worker imports `handleOutboxSync` from `lapor-widget/outbox` instead.
 */
import { handleOutboxSync, type SyncScope } from '../store/outbox.js';

handleOutboxSync(self as unknown as SyncScope);
