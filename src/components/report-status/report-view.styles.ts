import { css } from 'lit';

/**
 * What only the report view uses (report-view.ts): the connection line, stepper, promise,
 * clocks, responses, timeline and rating. Added to the shadow root with that view's chunk
 * (shared/late-styles.ts); the lookup's styles stay in report-status.styles.ts.
 */
export const reportViewStyles = css`
  .institution {
    font-weight: 600;
  }
  /* connection indicator */
  .connection {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.75em;
    align-items: center;
    font-size: 0.9em;
    margin-top: 0.5em;
  }
  .dot {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--_muted);
  }
  .connection.live .dot {
    background: var(--_success);
  }
  .connection.offline .dot,
  .connection.polling .dot {
    background: var(--_warning);
  }

  /* stepper */
  .stepper {
    list-style: none;
    margin: 0;
    padding: 0;
    counter-reset: step;
  }
  .step {
    position: relative;
    display: grid;
    grid-template-columns: 1.5em 1fr;
    column-gap: 0.5em;
    padding: 0.35em 0.5em;
    border-radius: var(--_radius);
  }
  .step .label,
  .step .reason {
    grid-column: 2;
  }
  .marker {
    grid-row: 1;
    align-self: center;
    inline-size: 1em;
    block-size: 1em;
    border-radius: 50%;
    border: 2px solid var(--_border);
  }
  .step.done .marker {
    background: var(--_success);
    border-color: var(--_success);
  }
  .step.current .marker {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .step.current .label {
    font-weight: 700;
  }
  .step.upcoming .label {
    color: var(--_muted);
  }
  .step.side .marker {
    background: var(--_warning);
    border-color: var(--_warning);
  }
  .step.changed {
    outline: 2px solid var(--_accent);
  }
  @media (prefers-reduced-motion: no-preference) {
    .step.changed {
      animation: lapor-step-flash 1.2s ease-out 2;
    }
    @keyframes lapor-step-flash {
      from {
        background: color-mix(in srgb, var(--_accent) 25%, transparent);
      }
      to {
        background: transparent;
      }
    }
  }

  /* responses take focus after a reply is sent: show where it went */
  .response:focus-visible,
  .rated:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* the promise the view leads with, then the other clocks */
  .promise {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
    margin: 0.75em 0;
  }
  .promise.late {
    border-color: var(--_danger);
    border-inline-start-width: 8px;
  }
  .promise .lead {
    font-size: 1.1em;
    font-weight: 600;
  }
  .clock-name {
    font-weight: 600;
  }
  .clock-list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .clock-list li {
    display: grid;
  }
  .met-at {
    color: var(--_success);
  }

  /* responses and timeline */
  ol.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .response {
    border-inline-start: 3px solid var(--_accent);
    padding: 0.25em 0.75em;
    margin-bottom: 0.75em;
  }
  .response.citizen {
    border-color: var(--_border);
  }
  .message,
  .note {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .timeline li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    padding: 0.25em 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  .timeline .note {
    flex-basis: 100%;
  }
  .upstream {
    margin-top: 1em;
  }

  fieldset.stars {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.25em;
  }
  fieldset.stars legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.25em;
  }
  .star {
    display: flex;
    gap: 0.5em;
    align-items: center;
    font-weight: 400;
    min-block-size: 44px;
  }
  .star .glyph {
    color: var(--_warning);
    letter-spacing: 0.1em;
    min-inline-size: 5.5em;
  }
`;
