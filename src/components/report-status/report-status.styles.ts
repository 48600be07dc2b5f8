import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { panel } from '../shared/panel.styles.js';

export const styles = [
  tokens,
  panel,
  css`
    h2 {
      margin: 0 0 0.25em;
      /* A long unbroken title (a pasted URL) wraps instead of overflowing the panel. */
      overflow-wrap: anywhere;
    }
    h3 {
      font-size: 1.05em;
      margin: 1.25em 0 0.5em;
    }
    .eyebrow,
    .muted,
    .hint,
    time,
    .who,
    .last-updated {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .notice {
      padding: 0.75em 1em;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      margin: 0.75em 0;
    }
    .notice.error,
    .send-error,
    .field-error {
      color: var(--_danger);
    }
    .notice.error {
      border-color: var(--_danger);
    }

    /* "Lupa kode akses?": a link-styled secondary action, not a second primary button */
    button[part='forgot'] {
      background: transparent;
      color: var(--_accent);
      border-color: transparent;
      padding-inline: 0;
      text-decoration: underline;
      text-underline-offset: 0.2em;
      font-weight: 400;
    }

    /* forms */
    form {
      display: grid;
      gap: 0.5em;
      margin: 1em 0;
    }
    label {
      font-weight: 600;
    }
    input[type='text'],
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5em 0.6em;
      inline-size: 100%;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    button {
      font: inherit;
      justify-self: start;
      min-block-size: 44px;
      padding: 0.5em 1.25em;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_accent-contrast);
      cursor: pointer;
    }
    button[disabled],
    button[aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
  `,
];
