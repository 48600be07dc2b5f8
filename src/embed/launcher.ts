/**
 * `dist/lapor-launcher.js`: the floating launcher, painted before the bundle (issue 27).
 *
 * On a phone on a 2 s-RTT, 50 kB/s network the widget bundle takes seconds; a citizen
 * must not spend them with no way to report. The loader fetches this small classic script
 * first thing, and it draws `<lapor-widget>`'s launcher: the same markup, look, --lapor-*
 * theming and words (STYLES below). A tap queues `open`, which makes the
 * loader fetch the bundle now, and opens a dialog saying "Memuat…" at once. When the
 * bundle has run, its `<lapor-widget>` opens its own dialog from the queue and, once its
 * launcher has painted in the same language, calls `l` to remove this one
 * (embed/boot.ts): no flash, never two buttons.
 *
 * Strict CSP: no inline style (constructed style sheets, which `style-src 'self'` allows)
 * and no markup strings (elements are created one by one, so no Trusted Types sink is
 * touched). Browsers without constructed style sheets (before 2023) wait for the bundle.
 *
 * Words: Indonesian and English of the keys below, equal to locales/id.ts and en.ts
 * (test/embed/launcher.test.ts checks it), or the page's own from a `translate` queued
 * before it, looked up as the catalog does (i18n/catalog.ts `msg`).
 */
const KEYS = ['widget.launcher', 'widget.title', 'common.close', 'common.loading', 'widget.loadFailed', 'common.retry', 'widget.pending'] as const;
/** `widget.pending`'s English plural forms (Indonesian has one). */
type Words = readonly (string | { one: string; other: string })[];
const SHIPPED: Record<string, Words> = {
  id: [
    'Lapor',
    'Layanan Pengaduan LAPOR!',
    'Tutup',
    'Memuat…',
    'Bagian ini memerlukan koneksi internet untuk dibuka pertama kali. Periksa koneksi Anda, lalu coba lagi.',
    'Coba lagi',
    '{n} belum terkirim',
  ],
  en: [
    'Report',
    'LAPOR! complaint service',
    'Close',
    'Loading…',
    'This part needs an internet connection the first time it opens. Check your connection, then try again.',
    'Try again',
    { one: '{n} report not sent yet', other: '{n} reports not sent yet' },
  ],
};
const SVG = 'http://www.w3.org/2000/svg';

/** A token: its public property and light default, and those of the dark scheme (tokens.styles.ts). */
const token = (name: string, light: string, dark: string, darkName = name) => [`var(${name}, ${light})`, `var(${darkName}, ${dark})`] as const;
const TOKENS = {
  '--_accent': token('--lapor-color-accent', '#0b5cad', '#8cc4ff', '--lapor-color-accent-dark'),
  '--_accent-contrast': token('--lapor-color-on-accent', '#ffffff', '#0b1d33', '--lapor-color-on-accent-dark'),
  '--_surface': token('--lapor-color-surface', '#ffffff', '#16191d'),
  '--_text': token('--lapor-color-text', '#1b1f24', '#eef1f4'),
  '--_muted': token('--lapor-color-muted', '#56606b', '#b4bcc5'),
  '--_border': token('--lapor-color-border', '#8a949e', '#7d8792'),
  '--_danger': token('--lapor-color-danger', '#b3261e', '#ffb4ab'),
  '--_focus': token('--lapor-color-focus', '#1a73e8', '#8cc4ff'),
};
const declare = (pick: (pair: readonly [string, string]) => string) =>
  Object.entries(TOKENS)
    .map(([name, pair]) => `${name}:${pick(pair)};`)
    .join('');

/**
 * The launcher and the dialog's frame of widget.styles.ts, on the tokens of
 * tokens.styles.ts (light, dark by light-dark(), or forced by `theme`; a browser without
 * light-dark(), before 2024, shows this button light until the bundle's takes over), written out here
 * rather than imported: the whole sheets would double this file, and the citizen fetches
 * it on every page. test/embed/launcher.test.ts compares the two launchers box by box and
 * style by style, in both schemes, so they cannot drift apart unnoticed.
 */
const STYLES = `:host{display:contents!important;${declare(([light]) => light)}--_radius:var(--lapor-radius,8px);--_offset:var(--lapor-launcher-offset,16px);font:400 var(--lapor-font-size,16px)/1.5 var(--lapor-font-family,system-ui,-apple-system,'Segoe UI',Roboto,sans-serif)!important;color:var(--_text)!important;text-align:start!important;box-sizing:border-box!important}
@supports (color:light-dark(#000,#fff)){:host{${declare(([light, dark]) => `light-dark(${light}, ${dark})`)}}}
:host([theme='light']){color-scheme:light}:host([theme='dark']){color-scheme:dark}
*{box-sizing:inherit}:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
button{margin:0;border:0;background:transparent;color:inherit;font:inherit;cursor:pointer}
.launcher{position:fixed;z-index:2147483001;bottom:max(var(--_offset),env(safe-area-inset-bottom,0px));right:max(var(--_offset),env(safe-area-inset-right,0px));display:inline-flex;align-items:center;gap:.5em;min-height:48px;min-width:48px;padding:.75em 1.25em;border-radius:999px;background:var(--_accent);color:var(--_accent-contrast);font-weight:600;box-shadow:0 4px 14px rgb(0 0 0 / .3)}
:host([position='left']) .launcher{right:auto;left:max(var(--_offset),env(safe-area-inset-left,0px))}
.launcher:hover{filter:brightness(1.1)}svg{width:1.25em;height:1.25em;flex:none}
.pending{padding:.1em .5em;border:1px solid currentColor;border-radius:999px;font-size:.8em;font-weight:600;white-space:nowrap}
dialog{width:min(36em,calc(100vw - 2em));max-width:none;height:min(48em,calc(100dvh - 2em));max-height:none;margin:auto;padding:0;border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_surface);color:var(--_text);font:inherit;overflow:clip}
dialog[open]{display:flex;flex-direction:column}dialog::backdrop{background:var(--lapor-backdrop,rgb(0 0 0 / .5))}
@media (max-width:600px){dialog{width:100%;height:100%;border:0;border-radius:0;padding:env(safe-area-inset-top,0px) env(safe-area-inset-right,0px) env(safe-area-inset-bottom,0px) env(safe-area-inset-left,0px)}}
.header{display:flex;align-items:center;justify-content:space-between;gap:1em;padding:.75em 1em;border-bottom:1px solid var(--_border)}
h2{margin:0;font-size:1.125em;font-weight:700;line-height:1.3}
.close{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;border-radius:var(--_radius)}
.panel{flex:1 1 auto;padding:1em}.note{margin:0;color:var(--_muted)}
.failed{display:flex;flex-wrap:wrap;align-items:center;gap:.75em;color:var(--_danger)}
.failed button{min-height:44px;padding:.5em 1em;border:1px solid currentColor;border-radius:var(--_radius)}`;

((w: Window, d: Document) => {
  const stub = w.LaporWidget;
  // No loader, the bundle already running, painted already, or no constructed style sheets.
  if (!stub || stub.v || stub.l || !stub.c?.launcher || !('adoptedStyleSheets' in d)) return;
  const config = stub.c;
  const queue = stub.q ?? [];

  // The page's words (`translate`), by language; the last one queued wins, as in the catalog.
  const host: Record<string, Record<string, string>> = {};
  for (const [name, words] of Array.from(queue, (args) => Array.from(args))) {
    const code = (words as { $code?: unknown } | undefined)?.$code;
    if (name === 'translate' && typeof code === 'string') host[code] = { ...host[code], ...(words as Record<string, string>) };
  }
  // i18n/lang.ts normalizeLang: the primary subtag if shipped or given by the page, else id.
  const primary = (config.lang || d.documentElement.lang || '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const lang = SHIPPED[primary] || host[primary] ? primary : 'id';
  const t = (i: number, n = 0) => {
    const key = KEYS[i]!;
    const found = host[lang]?.[key] ?? SHIPPED[lang]?.[i] ?? host.id?.[key] ?? SHIPPED.id![i]!;
    // The catalog's plural rule for the two shipped languages: `one` for 1 in English.
    const text = typeof found === 'string' ? found : n === 1 && lang === 'en' ? found.one : found.other;
    return text.replace('{n}', String(n));
  };

  const el = <K extends keyof HTMLElementTagNameMap>(parent: Node, tag: K, attrs: Record<string, string> = {}, text?: string) => {
    const node = d.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return parent.appendChild(node);
  };
  const icon = (parent: Node, ...paths: string[]) => {
    const svg = d.createElementNS(SVG, 'svg');
    for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) {
      svg.setAttribute(name, value);
    }
    for (const path of paths) svg.appendChild(d.createElementNS(SVG, 'path')).setAttribute('d', path);
    parent.appendChild(svg);
  };

  const paint = () => {
    // The bundle may have run while the page was still parsing.
    if (w.LaporWidget?.v) return;
    const shell = d.createElement('lapor-embed-launcher');
    if (config.position) shell.setAttribute('position', config.position);
    if (config.theme === 'light' || config.theme === 'dark') shell.setAttribute('theme', config.theme);
    const root = shell.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];

    // widget.component.ts renderLauncher() and render(), without the tabs.
    const launcher = el(root, 'button', { part: 'launcher', class: 'launcher', type: 'button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' });
    icon(launcher, 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z', 'M12 7v4M12 14h.01');
    el(launcher, 'span', { part: 'launcher-label' }, t(0));
    /** "1 belum terkirim": reports queued on this device (issue 24), once the loader has counted. */
    const pending = () => {
      launcher.querySelector('.pending')?.remove();
      if (config.queued) el(launcher, 'span', { part: 'pending', class: 'pending' }, t(6, config.queued));
    };
    pending();
    const dialog = el(root, 'dialog', { part: 'dialog', 'aria-labelledby': 'title' });
    const header = el(dialog, 'div', { part: 'header', class: 'header' });
    el(el(header, 'div', { class: 'heading' }), 'h2', { id: 'title', part: 'title' }, t(1));
    const close = el(header, 'button', { part: 'close-button', class: 'close', type: 'button', 'aria-label': t(2) });
    icon(close, 'M6 6l12 12M18 6L6 18');
    const panel = el(dialog, 'div', { part: 'panel', class: 'panel' });

    /** "Memuat…", or that the download failed with a button to try again. */
    const show = (failed: boolean) => {
      panel.replaceChildren();
      if (!failed) return void el(panel, 'p', { class: 'note', role: 'status' }, t(3));
      const box = el(panel, 'div', { class: 'failed', role: 'alert' });
      el(box, 'span', {}, t(4));
      // Another `open` makes the loader fetch the bundle again (the replay opens once).
      el(box, 'button', { type: 'button' }, t(5)).onclick = () => {
        show(false);
        w.LaporWidget?.('open');
      };
    };
    const open = () => {
      if (dialog.open) return;
      show(false);
      dialog.showModal();
      launcher.setAttribute('aria-expanded', 'true');
    };

    launcher.onclick = () => w.LaporWidget?.('open');
    close.onclick = () => dialog.close();
    // Closed before the bundle came (Esc, the close button): it must not open by itself later.
    dialog.onclose = () => {
      launcher.setAttribute('aria-expanded', 'false');
      const live = w.LaporWidget;
      if (live && !live.v && Array.from(queue.at(-1) ?? [])[0] !== 'close') live('close');
      launcher.focus();
    };
    stub.p = (args) => {
      if (!args) return void (dialog.open && show(true));
      if (args[0] === 'queued') pending();
      else if (args[0] === 'open') open();
      else if (args[0] === 'close') dialog.close();
    };
    stub.l = () => {
      const focused = root.activeElement !== null;
      dialog.onclose = null;
      shell.remove();
      stub.p = undefined;
      return focused;
    };
    d.body.append(shell);
    // `open` queued before this script arrived, and not closed since.
    const last = queue.filter((args) => args[0] === 'open' || args[0] === 'close').at(-1);
    if (last?.[0] === 'open') open();
  };
  if (d.body) paint();
  else d.addEventListener('DOMContentLoaded', paint, { once: true });
})(window, document);
