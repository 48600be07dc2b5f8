/**
 * Design tokens every element reads. Public theming goes only through these `--lapor-*`
 * custom properties (documented in README) and `::part()`; nothing else leaks in or out.
 * Colours meet WCAG AA contrast in both schemes.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_accent: var(--lapor-color-accent, #0b5cad);
    --_accent-contrast: var(--lapor-color-on-accent, #ffffff);
    --_surface: var(--lapor-color-surface, #ffffff);
    --_text: var(--lapor-color-text, #1b1f24);
    --_muted: var(--lapor-color-muted, #56606b);
    --_border: var(--lapor-color-border, #8a949e);
    --_danger: var(--lapor-color-danger, #b3261e);
    --_success: var(--lapor-color-success, #1e6b34);
    --_warning: var(--lapor-color-warning, #8a5300);
    --_radius: var(--lapor-radius, 8px);
    --_font: var(--lapor-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--lapor-font-size, 16px);
    --_focus: var(--lapor-color-focus, #1a73e8);
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
  /* The accent has its own dark-scheme tokens: a page's brand colour chosen for a light
     page (say a dark red) fails contrast on the dark surface, so it is not reused here. */
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--lapor-color-accent-dark, #8cc4ff);
      --_accent-contrast: var(--lapor-color-on-accent-dark, #0b1d33);
      --_surface: var(--lapor-color-surface, #16191d);
      --_text: var(--lapor-color-text, #eef1f4);
      --_muted: var(--lapor-color-muted, #b4bcc5);
      --_border: var(--lapor-color-border, #7d8792);
      --_danger: var(--lapor-color-danger, #ffb4ab);
      --_success: var(--lapor-color-success, #8fd6a0);
      --_warning: var(--lapor-color-warning, #f5c26b);
      --_focus: var(--lapor-color-focus, #8cc4ff);
    }
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
