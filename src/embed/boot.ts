/**
 * Bundle side of the script-tag embed (runs inside `dist/lapor-widget.js`): take the
 * configuration the loader left on `window.LaporWidget`, make it every element's default,
 * add the floating launcher, turn the queue into live commands, and define the lazily
 * loaded elements as soon as one of their tags appears on the page.
 */
import { getDefaults, setDefaults, type Theme } from '../components/shared/defaults.js';
import { defineWhenPresent } from '../components/widget/lazy-elements.js';
import type { LaporWidget } from '../components/widget/widget.component.js';
import { normalizeLang } from '../i18n/lang.js';
import { loadLocale } from '../i18n/load.js';
import { installCommands, type CommandTarget } from './commands.js';

/**
 * The launcher painted before the bundle (embed/launcher.ts) gives way to this widget's
 * once that one has painted in its own language (English is a chunk of its own: until it
 * is in, the painted button, which is on top, keeps saying "Report"). Focus that was on the
 * painted button moves to the real one.
 */
async function takeOver(widget: LaporWidget, handOver: () => boolean): Promise<void> {
  const lang = widget.closest('[lang]')?.getAttribute('lang') || getDefaults().lang;
  await loadLocale(normalizeLang(lang)).catch(() => undefined);
  widget.requestUpdate();
  await widget.updateComplete;
  if (handOver()) widget.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
}

export function boot(w: Window = window, d: Document = document): void {
  // Imported twice (two bundles from two URLs): the first one owns the page.
  if (w.LaporWidget?.v) return;
  const config = w.LaporWidget?.c;
  const handOver = w.LaporWidget?.l;
  if (config) setDefaults({ api: config.api, siteKey: config.siteKey, lang: config.lang, theme: config.theme as Theme | undefined });

  const create = (launcher: boolean): CommandTarget => {
    const el = d.createElement('lapor-widget');
    if (!launcher) el.setAttribute('launcher', 'none');
    if (config?.position) el.setAttribute('position', config.position);
    // Counted by the loader: the launcher says "1 belum terkirim" from its first paint.
    if (config?.queued) el.setAttribute('pending', String(config.queued));
    // data-lang beats the page's <html lang> (the webmaster chose it for this widget).
    if (config?.lang) el.setAttribute('lang', config.lang);
    d.body.append(el);
    return el;
  };
  let widget: CommandTarget | null = null;
  if (config?.launcher) widget = create(true);
  // Commands go to the page's widget; with `data-launcher="none"` and no widget of the
  // page's own, a button-less one is made on first use so `open` still opens the dialog.
  installCommands(() => (widget ??= d.querySelector('lapor-widget') ?? create(false)), w);
  if (handOver) {
    if (widget) void takeOver(widget as LaporWidget, handOver);
    else handOver();
  }
  defineWhenPresent(d);
}
