import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';

/** Mobile first (from 320 px), touch targets ≥ 44 px, only `--lapor-*` tokens from outside. */
export const styles = [
  tokens,
  css`
    :host {
      display: block;
      background: var(--_surface);
    }
    form,
    .panel {
      display: grid;
      gap: 1em;
    }
    h2 {
      font-size: 1.15em;
      margin: 0;
    }

    .field {
      display: grid;
      gap: 0.25em;
      margin: 0;
      min-width: 0;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75em;
    }
    legend,
    label,
    .label {
      font-weight: 600;
    }
    .label,
    .auto,
    .near {
      margin: 0;
    }
    .near {
      display: grid;
    }
    .optional {
      font-weight: 400;
      color: var(--_muted);
    }
    /* A ticked channel's number or address, right under its box. */
    .reveal {
      padding-inline-start: 0.75em;
      border-inline-start: 4px solid var(--_border);
    }
    .req {
      color: var(--_danger);
    }
    .help,
    .counter {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .counter {
      text-align: end;
    }
    .error {
      margin: 0;
      color: var(--_danger);
      font-weight: 600;
    }
    input:not([type='radio'], [type='checkbox']),
    textarea,
    select {
      width: 100%;
      min-height: 44px;
      padding: 0.5em 0.75em;
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    textarea {
      resize: vertical;
    }
    [aria-invalid='true'] {
      border: 2px solid var(--_danger) !important;
    }
    /* The report types side by side where they fit (a phone fits two a row). */
    .radios {
      display: flex;
      flex-wrap: wrap;
      column-gap: 1.5em;
    }
    .radios > .error {
      flex-basis: 100%;
    }
    .choice,
    .check {
      display: flex;
      align-items: center;
      gap: 0.5em;
      min-height: 44px;
      font-weight: 400;
    }
    .check {
      display: grid;
      grid-template-columns: auto 1fr;
    }
    .check .help {
      grid-column: 2;
    }
    input[type='radio'],
    input[type='checkbox'] {
      width: 1.5em;
      height: 1.5em;
      margin: 0;
      accent-color: var(--_accent);
    }
    button,
    .button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-height: 44px;
      min-width: 44px;
      padding: 0.5em 1em;
      font: inherit;
      font-weight: 600;
      color: var(--_accent);
      background: transparent;
      border: 2px solid var(--_accent);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .primary {
      color: var(--_accent-contrast);
      background: var(--_accent);
    }
    button[disabled] {
      opacity: 0.7;
      cursor: progress;
    }
    .link-button {
      justify-self: start;
    }
    input.visually-hidden:focus-visible + .button {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .combo {
      position: relative;
    }
    .options {
      position: absolute;
      z-index: 1;
      inset-inline: 0;
      margin: 0.25em 0 0;
      padding: 0;
      list-style: none;
      max-height: 16em;
      overflow: auto;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .options li {
      display: grid;
      padding: 0.5em 0.75em;
      min-height: 44px;
      cursor: pointer;
    }
    .options li[aria-selected='true'] {
      color: var(--_accent-contrast);
      background: var(--_accent);
    }
    .detail {
      font-size: 0.85em;
    }
    /* The file input is visually hidden but takes focus when a file is picked: anchored
       here, the browser scrolls to this row, not to wherever an absolutely positioned box
       would land in the widget's dialog (which scrolled the dialog off its header). */
    .pickers {
      position: relative;
    }
    .pickers,
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    .file-list,
    .refused,
    .summary ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.5em;
    }
    .file {
      display: grid;
      gap: 0.25em;
      padding: 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }

    .file-name {
      overflow-wrap: anywhere;
      font-weight: 600;
    }
    progress {
      width: 100%;
      accent-color: var(--_accent);
    }
    .summary,
    .alert {
      padding: 0.75em;
      border: 3px solid var(--_danger);
      border-radius: var(--_radius);
    }
    .summary a {
      color: var(--_danger);
      font-weight: 600;
    }
    .offline {
      margin: 0;
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid var(--_warning);
    }
    .notice {
      padding: 0.75em;
      border: 1px solid var(--_warning);
      border-radius: var(--_radius);
    }
    details summary {
      min-height: 44px;
      display: flex;
      align-items: center;
      font-weight: 600;
      cursor: pointer;
    }
    details[open] {
      display: grid;
      gap: 1em;
    }
    .submit {
      width: 100%;
    }
    .codes {
      display: grid;
      gap: 0.5em;
      margin: 0;
    }
    .codes dt {
      font-weight: 600;
    }
    .codes dd {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
      margin: 0;
    }
    .code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.5em;
      font-weight: 700;
      letter-spacing: 0.05em;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .copied,
    .saved {
      color: var(--_success);
    }
    .warning {
      margin: 0;
      padding: 0.75em;
      border-inline-start: 4px solid var(--_warning);
    }
    @media (min-width: 40em) {
      .submit {
        width: auto;
        justify-self: start;
      }
      .file {
        grid-template-columns: 1fr auto;
      }
    }
  `,
];
