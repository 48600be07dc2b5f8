/**
 * `<lapor-widget>`: a floating launcher and a modal dialog that is a centred card on
 * wide screens and a full-screen sheet at ≤ 600 px. The host itself generates no box
 * (`display: contents`), so a page's layout rules for it change nothing; the launcher is
 * fixed to the viewport corner, clear of notches and home bars (safe-area insets).
 */
import { css } from 'lit';

export const widgetStyles = css`
  :host {
    display: contents !important;
  }
  :host([hidden]) {
    display: none !important;
  }

  .launcher {
    position: fixed;
    z-index: 2147483000;
    bottom: max(var(--lapor-launcher-offset, 16px), env(safe-area-inset-bottom, 0px));
    right: max(var(--lapor-launcher-offset, 16px), env(safe-area-inset-right, 0px));
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 48px;
    min-width: 48px;
    margin: 0;
    padding: 0.75em 1.25em;
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    font-weight: 600;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
    cursor: pointer;
  }
  :host([position='left']) .launcher {
    right: auto;
    left: max(var(--lapor-launcher-offset, 16px), env(safe-area-inset-left, 0px));
  }
  .launcher:hover {
    filter: brightness(1.1);
  }
  .launcher svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }
  /* "1 belum terkirim": text on the launcher itself (not a colour-only dot), in the
     launcher's own colours so it reads in both schemes. */
  .pending {
    padding: 0.1em 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 1.5em;
    height: 1.5em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_surface);
    font-size: 0.8em;
    line-height: 1;
  }

  dialog {
    box-sizing: border-box;
    width: min(36em, calc(100vw - 2em));
    max-width: none;
    /* A fixed height, not a max-height: a dialog as tall as its content is re-centred
       whenever a tab with other content is shown, and the tabs jump under the pointer. */
    height: min(48em, calc(100dvh - 2em));
    max-height: none;
    margin: auto;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    /* clip, not hidden: a hidden-overflow box can still be scrolled by script and by focus
       (a focused file input scrolled it 900–1,200 px, leaving a blank box without its
       header); a clipped one cannot. Only the panel below the tabs scrolls. */
    overflow: clip;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: var(--lapor-backdrop, rgb(0 0 0 / 0.5));
  }
  @media (max-width: 600px) {
    dialog {
      width: 100%;
      height: 100%;
      max-height: none;
      border: 0;
      border-radius: 0;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px)
        env(safe-area-inset-left, 0px);
    }
  }

  /* The title bar and tabs keep their size; only the panel below them scrolls. */
  .header,
  [role='tablist'] {
    flex: none;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    padding: 0.75em 1em;
    border-bottom: 1px solid var(--_border);
  }
  .heading {
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.3;
  }
  .close {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 44px;
    height: 44px;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .close svg {
    width: 1.25em;
    height: 1.25em;
  }
  .close:hover {
    background: color-mix(in srgb, var(--_text) 8%, transparent);
  }

  /* Never a sideways scroll (WCAG 1.4.10: at 400 % zoom, 320 CSS px, a scrolling strip
     hid "Laporan saya"): the three tabs share the width and their words wrap. */
  [role='tablist'] {
    display: flex;
    gap: 0.25em;
    padding: 0 1em;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    /* Equal shares that may wrap to two lines: all three fit a 320 px phone. */
    flex: 1 1 0;
    min-width: 0;
    min-height: 44px;
    margin: 0;
    padding: 0.5em 0.5em;
    line-height: 1.25;
    overflow-wrap: anywhere;
    border: 0;
    border-bottom: 3px solid transparent;
    background: transparent;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_text);
    font-weight: 600;
  }
  [role='tabpanel'] {
    flex: 1 1 auto;
    min-height: 0;
    overflow-y: auto;
    padding: 1em;
  }
  /* Short viewports (a phone on its side, 200 % zoom): header and tabs on a diet, so the
     panel keeps most of the height. Targets stay ≥ 44 px. */
  @media (max-height: 32em) {
    .header {
      padding-block: 0;
    }
    h2 {
      font-size: 1em;
    }
    [role='tab'] {
      padding-block: 0.25em;
    }
    [role='tablist'] {
      padding-inline: 0.5em;
    }
    [role='tabpanel'] {
      padding: 0.75em;
    }
  }
  [role='tabpanel'][hidden] {
    display: none;
  }
  .note {
    margin: 0;
    color: var(--_muted);
  }
  .failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
    color: var(--_danger);
  }
  .failed button {
    min-height: 44px;
    padding: 0.5em 1em;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
`;
