/**
 * The script-tag embed served by web-test-runner.config.mjs (`/__embed/<variant>/…`):
 * the loader from source, the launcher painter bundled as the build does, and a bundle
 * that is fake, missing, or the real one held back until the test releases it.
 */
import type { LaporWidgetFunction } from '../../src/embed/protocol.js';

/** Run the loader as the classic script a webmaster pastes; resolves once it ran. */
export function paste(variant: string, data: Record<string, string> = {}): Promise<HTMLScriptElement> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
    script.src = `/__embed/${variant}/lapor-embed.js?paste=${Math.random()}`;
    script.onload = () => resolve(script);
    script.onerror = () => reject(new Error('loader did not load'));
    document.head.append(script);
  });
}

export const lw = () => window.LaporWidget as LaporWidgetFunction;

/** Module scripts the loader injected for this variant's bundle. */
export const bundleScripts = (variant: string) =>
  [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].filter((s) => s.src.endsWith(`/__embed/${variant}/lapor-widget.js`));

export async function until<T>(probe: () => T | null | undefined | false, what: string, ms = 8000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The painted launcher's shadow root, once the painter has run. */
export const painted = () => document.querySelector('lapor-embed-launcher')?.shadowRoot ?? null;

export const paintedParts = (root: ShadowRoot) => ({
  launcher: root.querySelector<HTMLButtonElement>('[part="launcher"]')!,
  dialog: root.querySelector<HTMLDialogElement>('dialog')!,
  close: root.querySelector<HTMLButtonElement>('[part="close-button"]')!,
});

/** The queued command names, in order. */
export const queued = () => Array.from(lw().q ?? [], (args) => args[0]);
