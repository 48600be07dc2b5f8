/**
 * Elements that are not in the first download: each is its own chunk, fetched only when
 * its tag is used — a tab of `<lapor-widget>` opened, or the tag written into the page.
 * A citizen who only files a report never downloads the status view.
 */
const LOADERS: Record<string, () => Promise<unknown>> = {
  'lapor-report-status': () => import('../report-status/report-status.js'),
  'lapor-sla-countdown': () => import('../sla-countdown/sla-countdown.js'),
  'lapor-my-reports': () => import('../my-reports/my-reports.js'),
  // The OPD admin console (an intranet page or /admin.html), never part of a citizen's download.
  'lapor-admin-queue': () => import('../admin-queue/admin-queue.js'),
  // The public SOP board (issue 28), on whatever page shows it.
  'lapor-compliance-board': () => import('../compliance-board/compliance-board.js'),
};

const pending = new Map<string, Promise<void>>();

/** Resolves once `tag` is defined (at once for eagerly bundled or unknown tags). */
export function defineLazily(tag: string): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  const loader = LOADERS[tag];
  if (!loader) return Promise.resolve();
  let job = pending.get(tag);
  if (!job) {
    job = loader().then(
      () => undefined,
      (error: unknown) => {
        // Let the next use try again (a chunk download can fail on a bad connection).
        pending.delete(tag);
        throw error;
      },
    );
    pending.set(tag, job);
  }
  return job;
}

/**
 * Views an element loads only once it has data (the status element's report view, the
 * my-reports list and the report view it opens inline). A tab warmed while online must
 * still show them once the connection is gone: "Laporan saya" opened offline lists the
 * report waiting to be sent.
 */
const VIEWS: Record<string, () => Promise<unknown>> = {
  'lapor-report-status': () => import('../report-status/report-status.component.js').then((m) => m.reportViewModule.load()),
  'lapor-my-reports': () =>
    Promise.all([
      import('../my-reports/my-reports.component.js').then((m) => m.reportListModule.load()),
      import('../report-status/report-status.component.js').then((m) => m.reportViewModule.load()),
    ]),
};

/** Define `tag` and fetch the views it loads on demand, so that it works offline afterwards. */
export async function preloadLazily(tag: string): Promise<void> {
  await defineLazily(tag);
  await VIEWS[tag]?.();
}

/**
 * Define lazy elements present in `root` now, and those added later (a CMS widget area,
 * a single-page app). Stops observing once every lazy element is defined.
 */
export function defineWhenPresent(root: Document | ShadowRoot = document): void {
  const tags = Object.keys(LOADERS);
  if (!tags.length) return;
  const selector = tags.join(',');
  const scan = (node: ParentNode) => {
    for (const el of node.querySelectorAll(selector)) void defineLazily(el.localName).catch(() => {});
  };
  scan(root);
  if (tags.every((tag) => customElements.get(tag))) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (tags.includes(node.localName)) void defineLazily(node.localName).catch(() => {});
        if (node.firstElementChild) scan(node);
      }
    }
    if (tags.every((tag) => customElements.get(tag) || pending.has(tag))) observer.disconnect();
  });
  observer.observe(root, { childList: true, subtree: true });
}
