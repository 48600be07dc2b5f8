/**
 * `dist/lapor-embed.js`: the classic script an OPD webmaster pastes. It must stay tiny
 * (≤ 1.5 kB gz, checked by `npm run size`), so it imports nothing: it reads its own
 * `data-` attributes, installs the `window.LaporWidget` command queue, and injects the
 * real bundle (`lapor-widget.js`, resolved next to itself) as a module script when the
 * page is idle, on the first interaction, at once, or as soon as something needs it.
 *
 * It also looks, at once, for reports queued on this device (the outbox: a submit made
 * offline) and, when there are some, fetches the network layer alone
 * (`lapor-outbox.js`: SDK + outbox, no Lit) to send them: any page with the embed sends
 * them at load, without anything being opened.
 *
 * Its first act is to fetch the launcher painter (`lapor-launcher.js`, ~2.8 kB gz, see
 * embed/launcher.ts): the floating button must not wait seconds for the bundle on a
 * slow network (issue 27). The painter is a file of its own because this loader's
 * ceiling (1.5 kB gz, DESIGN.md) has no room for a button with the widget's look.
 */
// Types: LaporEmbedConfig and LaporWidgetQueue are global type declarations (protocol.ts).

// Everything lives inside this function: as a classic script, top-level names would
// become page globals (the build wraps it again in an IIFE; the source must not rely on it).
((w: Window, d: Document) => {
  /** Tags whose presence on the page means the bundle is needed now, not later. */
  const INLINE_TAGS = 'lapor-report-form,lapor-report-status,lapor-my-reports,lapor-sla-countdown,lapor-widget';
  /** First-interaction signals for `data-load="interaction"`. */
  const INTERACTIONS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'focusin', 'scroll'];

  const existing = w.LaporWidget;
  // Pasted twice (or the bundle already ran): the first copy owns the page.
  if (existing && (existing.c || existing.v)) return;

  const me = d.currentScript as HTMLScriptElement | null;
  const data = me ? me.dataset : {};
  const base = (me && me.src) || location.href;
  const src = new URL('lapor-widget.js', base).href;
  const painterSrc = new URL('lapor-launcher.js', base).href;
  const outboxSrc = new URL('lapor-outbox.js', base).href;
  // A service worker of the page's own origin for Background Sync (optional; see README).
  const worker = data.outboxWorker ? new URL(data.outboxWorker, location.href).href : '';
  const nonce = (me && me.nonce) || undefined;
  const config: LaporEmbedConfig = {
    api: data.api || new URL(base).origin,
    siteKey: data.siteKey,
    lang: data.lang,
    launcher: data.launcher !== 'none',
    position: data.position,
    theme: data.theme,
    nonce,
    src,
  };

  // Trusted Types: the only script URLs this loader ever creates are its own files.
  let policy: { createScriptURL(url: string): unknown } | undefined;
  const tt = (w as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): typeof policy } }).trustedTypes;
  if (tt) {
    try {
      policy = tt.createPolicy('lapor-embed', {
        createScriptURL: (url: string) => {
          if (url === src || url === painterSrc || url === outboxSrc || (worker && url === worker)) return url;
          throw new TypeError('lapor-embed: refused ' + url);
        },
      });
    } catch {
      // The page's CSP does not allow our policy name; without enforcement a string works.
    }
  }
  const scriptUrl = (url: string) => (policy ? policy.createScriptURL(url) : url) as string;

  /** Add a script (a module unless `classic`); `failed` runs if its download fails (flaky 3G). */
  const inject = (url: string, failed?: () => void, classic?: boolean) => {
    const script = d.createElement('script');
    if (!classic) script.type = 'module';
    if (nonce) script.nonce = nonce;
    script.src = scriptUrl(url);
    script.onerror = () => {
      script.remove();
      if (failed) failed();
    };
    d.head.appendChild(script);
  };

  let started = false;
  const load = () => {
    if (started) return;
    started = true;
    // Lit reads this when it must fall back from adopted stylesheets to <style> tags.
    if (nonce) w.litNonce = nonce;
    // A failed download may be retried by the next command or interaction; the painted
    // launcher's dialog is told (it offers to try again).
    inject(src, () => {
      started = false;
      if (stub.p) stub.p(null);
    });
  };

  const queue: ArrayLike<unknown>[] = (existing && existing.q) || [];
  // `on`/`off` only register listeners and `translate` only stores words (all replayed in
  // order before anything renders); every other command needs the bundle now.
  const urgent = (args: ArrayLike<unknown>) => !/^(on|off|translate)$/.test(args[0] as string);
  const stub: LaporWidgetQueue = function (this: unknown) {
    queue.push(arguments);
    if (urgent(arguments)) load();
    // The painted launcher's dialog follows `open`/`close` until the bundle is here.
    if (stub.p) stub.p(arguments);
  } as LaporWidgetQueue;
  stub.q = queue;
  stub.c = config;
  w.LaporWidget = stub;
  if (config.launcher) inject(painterSrc, undefined, true);

  /**
   * How many reports wait in this device's outbox (IndexedDB `lapor-outbox`, store
   * `outbox`: see store/outbox-queue.ts), read without `idb` and without creating the
   * database where there is none. One small piece on purpose: the launcher shows this
   * count (`pending` on <lapor-widget>), and may later be drawn by this loader itself.
   */
  const countQueued = (done: (n: number) => void) => {
    try {
      const open = indexedDB.open('lapor-outbox');
      // No database yet: cancel its creation; nothing is queued.
      open.onupgradeneeded = () => open.transaction!.abort();
      open.onsuccess = () => {
        const db = open.result;
        try {
          const count = db.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => done(count.result);
        } catch {
          // A database without our store: nothing of ours is queued.
        }
        db.close(); // the read above still completes
      };
    } catch {
      // No IndexedDB (some private modes): nothing can be queued either.
    }
  };
  countQueued((n) => {
    config.queued = n;
    if (n) inject(outboxSrc);
    // The painted launcher says "1 belum terkirim" too.
    if (stub.p) stub.p(['queued']);
  });
  if (worker) {
    try {
      navigator.serviceWorker.register(scriptUrl(worker)).catch(() => undefined);
    } catch {
      // No service workers here (or not allowed): the outbox is still sent at page load.
    }
  }

  if (queue.some(urgent)) return load();
  const mode = data.load;
  if (mode === 'eager') return load();

  // Elements already written into the page are content: render them without waiting.
  const scan = () => {
    if (d.querySelector(INLINE_TAGS)) load();
  };
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();

  if (mode === 'interaction') {
    const onFirst = () => {
      for (const type of INTERACTIONS) w.removeEventListener(type, onFirst, true);
      load();
    };
    for (const type of INTERACTIONS) w.addEventListener(type, onFirst, { capture: true, passive: true });
  } else if (w.requestIdleCallback) {
    w.requestIdleCallback(load, { timeout: 4000 });
  } else {
    setTimeout(load, 2000);
  }
})(window, document);
