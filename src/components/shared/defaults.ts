/**
 * Page-wide defaults for every element: the embed script sets them from its `data-`
 * attributes, so that `<lapor-report-status>` pasted anywhere on the page knows the
 * gateway without repeating it. Module state, not a global: nothing leaks onto `window`.
 */
/** `auto` follows the page's `color-scheme`; `light` and `dark` force one. */
export type Theme = 'auto' | 'light' | 'dark';

export interface ElementDefaults {
  api?: string;
  siteKey?: string;
  lang?: string;
  /** The scheme of every element without its own `theme` (the embed's `data-theme`). */
  theme?: Theme;
}

let defaults: ElementDefaults = {};
const listeners = new Set<() => void>();

export function setDefaults(next: ElementDefaults): void {
  defaults = { ...defaults, ...next };
  for (const listener of listeners) listener();
}

export function getDefaults(): Readonly<ElementDefaults> {
  return defaults;
}

/** Elements re-render when the defaults change (the embed may set them after upgrade). */
export function onDefaultsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
