import { css } from 'lit';
import { figureStyles } from '../shared/share-bars.js';

/**
 * The tables, chart and notes: adopted by the element when board-view.ts arrives (with
 * the first figures), so the eager element carries only its shell's styles. The table
 * and bars are the admin compliance view's (shared/share-bars.ts).
 */
export const viewStyles = [
  figureStyles,
  css`
    .scroll {
      overflow-x: auto;
    }
    .sub {
      display: block;
      font-weight: 400;
      font-size: 0.85em;
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
  `,
];
