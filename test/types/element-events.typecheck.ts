/**
 * Compile-only check (run by `npm test`'s typecheck step): the elements' events are typed
 * on addEventListener for users, without casts. If HTMLElementEventMap stops extending
 * LaporEventMap, the `detail` accesses below stop compiling.
 */
import '../../src/define.js';

const form = document.createElement('lapor-report-form');
form.addEventListener('lapor-submit', (event) => {
  const queued: boolean = event.detail.queued;
  const clientId: string = event.detail.clientId;
  void queued;
  void clientId;
});

const status = document.createElement('lapor-report-status');
status.addEventListener('lapor-status-change', (event) => {
  const trackingId: string = event.detail.trackingId;
  void trackingId;
});
