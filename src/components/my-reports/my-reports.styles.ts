import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { panel } from '../shared/panel.styles.js';

export const styles = [
  tokens,
  panel,
  css`
    h2 {
      margin: 0 0 0.5em;
      display: flex;
      align-items: center;
      gap: 0.5em;
    }
    h3 {
      font-size: 1em;
      margin: 0;
    }
    .count,
    .badge {
      display: inline-block;
      min-inline-size: 1.5em;
      padding: 0 0.5em;
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_accent-contrast);
      font-size: 0.85em;
      font-weight: 700;
      text-align: center;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75em;
    }
    .item {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75em 1em;
    }
    .item.queued {
      border-style: dashed;
    }
    .meta,
    .note {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .status {
      font-weight: 600;
      color: var(--_text);
    }
    .breached,
    .error {
      color: var(--_danger);
    }
    .toggle {
      all: unset;
      cursor: pointer;
      font-weight: 700;
      color: var(--_accent);
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .toggle:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .detail {
      margin-top: 0.75em;
      border-top: 1px solid var(--_border);
      padding-top: 0.75em;
    }
    /* Every button a real target (≥ 44 px high), "Tampilkan kode akses" and "Sudah saya simpan" too. */
    button.remove,
    .confirm button,
    .code-row button {
      font: inherit;
      min-block-size: 44px;
      margin-top: 0.5em;
      margin-inline-end: 0.5em;
      padding: 0.4em 1em;
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .secondary {
      background: transparent;
      color: var(--_text);
      border: 1px solid var(--_border);
    }
    .danger {
      background: var(--_danger);
      color: var(--_surface);
      border: 1px solid var(--_danger);
    }
    .confirm {
      margin-top: 0.5em;
    }
    /* Long unbroken titles (a pasted URL) wrap instead of widening the list. */
  .title,
  .toggle {
    overflow-wrap: anywhere;
  }
  .code-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .code-row .note {
    flex-basis: 100%;
  }
  .code {
    margin: 0;
  }
  .code .value {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.25em;
    font-weight: 700;
    letter-spacing: 0.05em;
    white-space: nowrap;
  }
`,
];
