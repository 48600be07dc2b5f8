import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { panel } from '../shared/panel.styles.js';

/** The shell: heading, intro, the loading and error lines (the tables' styles come with them, board-view.styles.ts). */
export const styles = [
  tokens,
  panel,
  css`
    h2 {
      margin: 0 0 0.25em;
    }
    h3 {
      font-size: 1.05em;
      margin: 1em 0 0.25em;
    }
    .intro,
    .period,
    .hint,
    .notes,
    .sub,
    figcaption {
      color: var(--_muted);
    }
    .period,
    .hint,
    .notes,
    figcaption {
      font-size: 0.9em;
    }
    .error {
      color: var(--_danger);
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    [part='button'] {
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_accent-contrast);
      padding: 0.35em 1em;
    }
  `,
];
