/**
 * Styles that arrive with a lazy chunk (the confirmation screens, photo previews): added
 * to an element's shadow root when that chunk is in, so the first download does not
 * carry CSS for screens most visits never show. Constructable stylesheets where the
 * browser has them (no Content-Security-Policy `style-src` applies to those); Lit's own
 * fallback (a `<style>` with the page's nonce) elsewhere. Each sheet is added once.
 */
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResult } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

export function addLateStyles(root: ShadowRoot | null | undefined, extra: CSSResult): void {
  if (!root) return;
  let done = added.get(root);
  if (!done) added.set(root, (done = new Set()));
  if (done.has(extra)) return;
  done.add(extra);
  if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, extra.styleSheet!];
  else adoptStyles(root, [extra]);
}
