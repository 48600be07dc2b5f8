/**
 * A photo's preview beside its name, in the form-work chunk (loaded with the form's
 * later work). A `.styles.ts` file so that the build minifies its CSS like every other
 * style sheet.
 */
import { css } from 'lit';

/** A photo's preview beside its name (added to the form when this chunk is in). */
export const previewStyles = css`
  .file.has-thumb {
    grid-template-columns: 4.5em 1fr;
    column-gap: 0.75em;
  }
  .file.has-thumb > :not(.thumb) {
    grid-column: 2;
  }
  .thumb {
    grid-row: 1 / span 3;
    width: 4.5em;
    height: 4.5em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_border);
  }
`;
