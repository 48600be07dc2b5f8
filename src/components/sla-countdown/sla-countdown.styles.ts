import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }
    .base {
      --_tone: var(--_text);
      display: inline-flex;
      align-items: flex-start;
      gap: 0.4em;
      color: var(--_text);
    }
    .icon {
      flex: none;
      display: inline-flex;
      color: var(--_tone);
      font-size: var(--lapor-countdown-icon-size, 1.25em);
      line-height: 1;
      margin-top: 0.1em;
    }
    .text {
      display: inline-flex;
      flex-direction: column;
    }
    .label {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      color: var(--_tone);
    }
    .deadline {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .deadline:empty {
      display: none;
    }
    .base[data-phase='soon'] {
      --_tone: var(--lapor-countdown-soon-color, var(--_warning));
    }
    .base[data-phase='critical'],
    .base[data-phase='overdue'],
    .base[data-phase='breached'] {
      --_tone: var(--lapor-countdown-overdue-color, var(--_danger));
    }
    .base[data-phase='met'] {
      --_tone: var(--lapor-countdown-met-color, var(--_success));
    }
    .base[data-phase='paused'] {
      --_tone: var(--_muted);
    }
    /* A gentle pulse of the icon in the last 15 minutes, never for reduced motion. */
    @media (prefers-reduced-motion: no-preference) {
      .base[data-phase='critical'] .icon {
        animation: pulse 2s ease-in-out infinite;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
  `,
];
