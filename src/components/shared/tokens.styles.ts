/**
 * Design tokens every element reads. Public theming goes only through these `--lapor-*`
 * custom properties (documented in README) and `::part()`; nothing else leaks in or out.
 * Colours meet WCAG AA contrast in both schemes.
 *
 * Light or dark is the host page's decision, never the widget's (issue 25):
 *  - `theme="auto"` (the default) follows the colour scheme the browser USES for the
 *    element: the page's `color-scheme`, inherited into the shadow tree, read by
 *    `light-dark()`. A page that never declared `color-scheme` is light, whatever the
 *    visitor's system says; `color-scheme: light dark` and a visitor who prefers dark give
 *    dark, exactly as the page's own form controls do.
 *  - `theme="light"` / `theme="dark"` on the element, or the embed script's `data-theme`
 *    (a custom state set by LaporElement), force one scheme. Lapor elements inside another
 *    inherit its scheme through `color-scheme`.
 * A browser without `light-dark()` (before 2024) stays light unless told `dark`.
 */
import { css, unsafeCSS } from 'lit';

/** Each colour token: its light and its dark value (public property with our default). */
const COLOURS: Record<string, readonly [light: string, dark: string]> = {
  // The accent has its own dark-scheme tokens: a page's brand colour chosen for a light
  // page (say a dark red) fails contrast on the dark surface, so it is not reused there.
  '--_accent': ['var(--lapor-color-accent, #0b5cad)', 'var(--lapor-color-accent-dark, #8cc4ff)'],
  '--_accent-contrast': ['var(--lapor-color-on-accent, #ffffff)', 'var(--lapor-color-on-accent-dark, #0b1d33)'],
  '--_surface': ['var(--lapor-color-surface, #ffffff)', 'var(--lapor-color-surface, #16191d)'],
  '--_text': ['var(--lapor-color-text, #1b1f24)', 'var(--lapor-color-text, #eef1f4)'],
  '--_muted': ['var(--lapor-color-muted, #56606b)', 'var(--lapor-color-muted, #b4bcc5)'],
  '--_border': ['var(--lapor-color-border, #8a949e)', 'var(--lapor-color-border, #7d8792)'],
  '--_danger': ['var(--lapor-color-danger, #b3261e)', 'var(--lapor-color-danger, #ffb4ab)'],
  '--_success': ['var(--lapor-color-success, #1e6b34)', 'var(--lapor-color-success, #8fd6a0)'],
  '--_warning': ['var(--lapor-color-warning, #8a5300)', 'var(--lapor-color-warning, #f5c26b)'],
  '--_focus': ['var(--lapor-color-focus, #1a73e8)', 'var(--lapor-color-focus, #8cc4ff)'],
};
const declare = (value: (pair: readonly [string, string]) => string) =>
  unsafeCSS(Object.entries(COLOURS).map(([name, pair]) => `${name}: ${value(pair)};`).join('\n'));
const light = declare(([l]) => l);
const dark = declare(([, d]) => d);
const followScheme = declare(([l, d]) => `light-dark(${l}, ${d})`);

const tokenRules = css`
  :host {
    ${light}
    --_radius: var(--lapor-radius, 8px);
    --_font: var(--lapor-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--lapor-font-size, 16px);
    /* A host page's "* { … !important }" reaches the shadow tree only by inheritance from
       the host element. For !important declarations the shadow tree's :host beats the
       page (cascade context order), so the inherited basics are pinned here. */
    font-family: var(--_font) !important;
    font-size: var(--_font-size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    visibility: visible !important;
    cursor: auto !important;
    color: var(--_text) !important;
    /* Inherited by every descendant below (box-sizing: inherit), so pinned as well. */
    box-sizing: border-box !important;
  }
  /* theme="auto": the scheme the browser uses here, i.e. the page's color-scheme. */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      ${followScheme}
    }
  }
  /* Forced by the element's attribute (the embed's data-theme: see pageTheme below). Where
     light-dark() works, color-scheme alone switches the tokens; the attribute's dark
     values are for the rest. */
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
    ${dark}
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * The embed's data-theme, as a custom state (lapor-element.ts; set only where the element
 * has no theme attribute of its own). A sheet of its own: a browser without :state()
 * drops these rules only, and the build's CSS minifier, which would merge them with the
 * identical attribute rules above into one selector list that such a browser drops
 * whole, cannot reach across sheets.
 */
const pageTheme = css`
  :host(:state(theme-light)) {
    color-scheme: light;
  }
  :host(:state(theme-dark)) {
    color-scheme: dark;
  }
`;

export const tokens = [tokenRules, pageTheme];
