import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';

export const styles = [
  tokens,
  css`
    /*
     * Cheap per tick: content-visibility skips style/layout/paint of countdowns that are
     * off-screen (they stay in the accessibility tree), and it implies layout + paint
     * containment, so a changed text never re-lays out the embedding page beyond this
     * box. Plain inline/block layout (no flex or grid) keeps the on-screen relayout small.
     */
    :host {
      display: inline-block;
      content-visibility: auto;
      contain-intrinsic-size: auto 14em auto 3em;
    }
    .base {
      --_tone: var(--_text);
      display: block;
      position: relative;
      padding-inline-start: calc(var(--lapor-countdown-icon-size, 1.25em) + 0.5em);
      color: var(--_text);
    }
    .icon {
      position: absolute;
      inset-inline-start: 0;
      top: 0.15em;
      display: block;
      color: var(--_tone);
      font-size: var(--lapor-countdown-icon-size, 1.25em);
      line-height: 1;
    }
    .icon svg {
      display: block;
    }
    .text,
    .label,
    .deadline {
      display: block;
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
    /* Not colour alone: the word says it is an estimate; the style only sets it apart. */
    .estimate {
      font-style: italic;
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
