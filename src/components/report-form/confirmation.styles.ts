/**
 * The confirmation's own rules (GOV.UK panel, next steps), in the confirmation chunk: the
 * form adds them to its shadow root when that chunk is in. A `.styles.ts` file so that the
 * build minifies its CSS like every other style sheet.
 */
import { css } from 'lit';

/** Added to the form's shadow root when this chunk is in (shared/late-styles.ts). */
export const confirmationStyles = css`
  h3 {
    font-size: 1.05em;
    margin: 0;
  }
  /* GOV.UK confirmation panel: the outcome at a glance, in both schemes (success on surface). */
  .confirm-panel {
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    color: var(--_surface);
    background: var(--_success);
  }
  .confirm-panel h2 {
    font-size: 1.35em;
  }
  .confirm-panel p {
    margin: 0.25em 0 0;
  }
  .next-steps {
    margin: 0;
    padding-inline-start: 1.25em;
    display: grid;
    gap: 0.5em;
  }
`;
