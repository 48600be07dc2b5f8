/**
 * The base every read-only panel element (status page, "Laporan saya") starts from: a
 * block on the themed surface, one heading size and tight paragraphs. Put it right after
 * `tokens` so each element's own rules (same specificity, later) still override it,
 * e.g. its own `h2` margin.
 */
import { css } from 'lit';

export const panel = css`
  :host {
    display: block;
    color: var(--_text);
    background: var(--_surface);
  }
  h2 {
    font-size: 1.25em;
  }
  p {
    margin: 0.25em 0;
  }
`;
