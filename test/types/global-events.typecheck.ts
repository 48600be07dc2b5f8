/**
 * Compile-only check (run by `npm test`'s typecheck step): the events bubble and are
 * composed, so pages listen on `document` or `window`; GlobalEventHandlersEventMap is
 * augmented, so those listeners get the typed `detail` without casts. Each
 * `@ts-expect-error` fails the typecheck if the line below it starts compiling.
 */
import '../../src/define.js';

document.addEventListener('lapor-submit', (event) => {
  const queued: boolean = event.detail.queued;
  const trackingId: string | undefined = event.detail.trackingId;
  // @ts-expect-error detail has no such field
  void event.detail.trackingNumber;
  void queued;
  void trackingId;
});
document.addEventListener('lapor-error', (event) => {
  const error: unknown = event.detail.error;
  void error;
});
window.addEventListener('lapor-status-change', (event) => {
  const to: string = event.detail.to;
  void to;
});
document.body.addEventListener('lapor-sla-breach', (event) => {
  const due: string = event.detail.due;
  void due;
});
document.addEventListener('lapor-open', (event) => void (event satisfies CustomEvent));
window.addEventListener('lapor-close', (event) => void (event satisfies CustomEvent));
// Any element, not only ours: a container listening for what bubbles out of the widget.
document.createElement('section').addEventListener('lapor-submit', (event) => void event.detail.clientId);
// @ts-expect-error detail is typed, not any
document.addEventListener('lapor-submit', (event) => void (event.detail satisfies number));
