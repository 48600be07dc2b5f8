import { css } from 'lit';

/**
 * The tables, chart and notes: adopted by the element when board-view.ts arrives (with
 * the first figures), so the eager element carries only its shell's styles. Same tokens.
 */
export const viewStyles = css`
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin: 0.25em 0 0.75em;
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
  .sub {
    display: block;
    font-weight: 400;
    font-size: 0.85em;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* "73% (8 dari 11)" and "1 jam 30 menit" read as one figure: the region scrolls sideways on a narrow screen instead. */
  td.num {
    white-space: nowrap;
  }
  th[scope='col'] {
    padding: 0;
    vertical-align: bottom;
  }
  /* The whole header cell is the button: sortable by keyboard (Tab, Enter/Space) and pointer. */
  [part='sort-button'] {
    all: unset;
    box-sizing: border-box;
    display: flex;
    gap: 0.3em;
    align-items: end;
    inline-size: 100%;
    padding: 0.4em 0.5em;
    font-weight: 700;
    color: var(--_text);
    cursor: pointer;
  }
  th.num [part='sort-button'] {
    justify-content: end;
    text-align: end;
  }
  [part='sort-button']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  th[aria-sort='none'] .arrow {
    color: var(--_muted);
  }
  .unranked {
    color: var(--_muted);
    font-size: 0.85em;
    white-space: normal;
  }
  td.late {
    color: var(--_danger);
    font-weight: 700;
  }
  figure {
    margin: 0.25em 0 0.75em;
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
    grid-template-columns: minmax(7em, 14em) 1fr 3.5em;
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
  .notes {
    padding-inline-start: 1.2em;
  }

  /* Paper: black on white, every row, no controls; bars keep their fills (SVG paints print). */
  @media print {
    :host {
      --_text: #000;
      --_muted: #333;
      --_border: #666;
      --_surface: #fff;
      color: #000 !important;
      background: #fff;
    }
    .scroll {
      overflow: visible;
    }
    .arrow,
    .hint,
    [part='button'] {
      display: none;
    }
    tr,
    .bars li {
      break-inside: avoid;
    }
    thead {
      display: table-header-group;
    }
    svg.bar .track {
      fill: #eee;
      stroke: #666;
      stroke-width: 0.3;
    }
  }
`;
