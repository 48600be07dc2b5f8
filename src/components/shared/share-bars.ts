/**
 * The figures of the 4-hour SOP as the admin console's compliance view and the public
 * board (issue 28) both show them: a table of per-institution counts, and the share
 * handled within the limit as bars in plain SVG (no chart library; bar lengths are SVG
 * attributes, so nothing needs an inline style under the strict CSP). The table is what
 * assistive tech reads; the bars repeat it for the eye and are hidden from it.
 */
import { css, html, type TemplateResult } from 'lit';
import { formatPercent } from '../admin-queue/format.js';

export interface ShareBar {
  name: string;
  share: number;
}

/** The bars, one per row (in the given order), inside a `<figure part=…>` with its caption. */
export function renderShareBars(rows: readonly ShareBar[], locale: string, caption: string, part: string, barPart?: string): TemplateResult {
  return html`<figure class="chart" part="${part}">
    <ul class="bars" aria-hidden="true">
      ${rows.map(
        ({ name, share }) => html`<li class=${share >= 0.9 ? 'good' : share >= 0.6 ? 'fair' : 'poor'}>
          <span class="bar-name">${name}</span>
          <svg class="bar" part="${barPart ?? ''}" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
            <rect class="track" x="0" y="0" width="100" height="10"></rect>
            <rect class="fill" x="0" y="0" width=${Math.max(0.5, share * 100)} height="10"></rect>
          </svg>
          <span class="bar-value">${formatPercent(share, locale)}</span>
        </li>`,
      )}
    </ul>
    <figcaption>${caption}</figcaption>
  </figure>`;
}

/** The figures table and the bars, themed by the shared tokens. */
export const figureStyles = css`
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin: 0.75em 0;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.25em;
  }
  th,
  td {
    border-bottom: 1px solid var(--_border);
    padding: 0.4em 0.5em;
    text-align: start;
    vertical-align: top;
  }
  th[scope='row'] {
    font-weight: 600;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.late {
    color: var(--_danger);
    font-weight: 700;
  }
  .bars {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.35em;
  }
  .bars li {
    display: grid;
    grid-template-columns: minmax(8em, 14em) 1fr 3.5em;
    align-items: center;
    gap: 0.5em;
  }
  svg.bar {
    inline-size: 100%;
    block-size: 1.1em;
  }
  svg.bar .track {
    fill: color-mix(in srgb, var(--_border) 30%, transparent);
  }
  .good svg.bar .fill {
    fill: var(--_success);
  }
  .fair svg.bar .fill {
    fill: var(--_warning);
  }
  .poor svg.bar .fill {
    fill: var(--_danger);
  }
  .bar-value {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  figure {
    margin: 0.75em 0;
  }
  figcaption {
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
