/**
 * Inline SVG icons, one per phase, so that the state is shown by shape as well as by
 * text and colour. Decorative: the host wraps them in `aria-hidden="true"`. Static
 * `svg` templates (no user data), drawn with `currentColor`.
 */
import { svg, type SVGTemplateResult } from 'lit';

const frame = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false">${body}</svg>`;

export const icons = {
  /** Clock face: time is running. */
  running: frame(svg`<circle cx="12" cy="12" r="9"></circle><path d="M12 7v5l3 2"></path>`),
  /** Hourglass: less than an hour left. */
  soon: frame(svg`<path d="M7 3h10M7 21h10M8 3c0 5 8 6 8 9s-8 4-8 9M16 3c0 5-8 6-8 9s8 4 8 9"></path>`),
  /** Warning triangle: overdue. */
  overdue: frame(svg`<path d="M12 3 2 20h20L12 3z"></path><path d="M12 10v4M12 17v.5"></path>`),
  /** Check in a circle: met. */
  met: frame(svg`<circle cx="12" cy="12" r="9"></circle><path d="m8 12 3 3 5-6"></path>`),
  /** Pause bars: on hold. */
  paused: frame(svg`<circle cx="12" cy="12" r="9"></circle><path d="M10 9v6M14 9v6"></path>`),
} as const;

export type IconName = keyof typeof icons;
