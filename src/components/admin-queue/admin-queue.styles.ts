import { css } from 'lit';
import { tokens } from '../shared/tokens.styles.js';
import { panel } from '../shared/panel.styles.js';
import { figureStyles } from '../shared/share-bars.js';

export const styles = [
  tokens,
  panel,
  // The compliance table and bars, as the public board has them (issue 28).
  figureStyles,
  css`
    h2 {
      margin: 0;
    }
    h3 {
      font-size: 1em;
      margin: 1em 0 0.25em;
    }
    .muted {
      color: var(--_muted);
    }
    .topbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 1em;
      margin-bottom: 0.5em;
    }
    .topbar h2 {
      flex: 1 1 auto;
    }
    .connection {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .connection.offline,
    .connection.reconnecting {
      color: var(--_warning);
      font-weight: 600;
    }

    /* controls */
    button {
      font: inherit;
      min-block-size: 44px;
      padding: 0.4em 1em;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_accent-contrast);
      cursor: pointer;
    }
    button.secondary,
    button.tab,
    button.link {
      background: transparent;
      color: var(--_accent);
    }
    button.link {
      border-color: transparent;
      padding-inline: 0;
      text-decoration: underline;
    }
    button.tab[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_accent-contrast);
    }
    button[disabled] {
      opacity: 0.6;
      cursor: progress;
    }
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.4em 0.6em;
      min-block-size: 44px;
    }
    textarea {
      inline-size: 100%;
    }
    input[type='checkbox'],
    input[type='radio'] {
      min-block-size: auto;
      inline-size: 1.25em;
      block-size: 1.25em;
      margin: 0;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    label {
      font-weight: 600;
    }
    label.check,
    label.choice {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      font-weight: 400;
      min-block-size: 44px;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.25em 0.75em 0.5em;
      margin: 0.5em 0;
    }
    .field-error,
    .notice.error {
      color: var(--_danger);
      font-weight: 600;
    }
    .notice.done {
      color: var(--_success);
      font-weight: 600;
    }

    .sign-in {
      display: grid;
      gap: 0.5em;
      max-inline-size: 28em;
    }
    .sign-in button {
      justify-self: start;
    }
    .views {
      display: flex;
      gap: 0.5em;
      margin-bottom: 0.75em;
    }

    /* the overdue banner and warnings: cannot be missed, never colour alone */
    .overdue-banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 1em;
      border: 3px solid var(--_danger);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
      margin: 0.5em 0;
      color: var(--_danger);
      font-size: 1.1em;
    }
    .mark {
      display: inline-grid;
      place-items: center;
      inline-size: 1.4em;
      block-size: 1.4em;
      margin-inline-end: 0.4em;
      border-radius: 50%;
      background: var(--_danger);
      color: var(--_surface);
      font-weight: 700;
    }
    /* one compact list: a line per report, least time left first */
    .warnings {
      border: 2px solid var(--_warning);
      border-radius: var(--_radius);
      padding: 0.25em 0.75em 0.5em;
      margin: 0.5em 0;
    }
    .warnings h3 {
      margin: 0.25em 0;
      color: var(--_text);
    }
    .warnings .quarter {
      color: var(--_danger);
    }
    .warnings ul {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.25em;
    }
    .warning {
      display: flex;
      align-items: center;
      gap: 0.25em 1em;
      border-inline-start: 6px solid var(--_warning);
      padding-inline-start: 0.5em;
    }
    .warning.level-15 {
      border-color: var(--_danger);
    }
    button.open-warning {
      flex: 1 1 12em;
      min-inline-size: 0;
      min-block-size: 44px;
      display: flex;
      gap: 0.5em;
      align-items: center;
      text-align: start !important;
      background: transparent;
      color: var(--_text);
      border: 0;
      padding: 0;
    }
    button.open-warning .title {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    button.open-warning:hover .title {
      text-decoration: underline;
    }
    /* The deadline is in the row below; here only the time left. */
    .warning lapor-sla-countdown::part(deadline) {
      display: none;
    }
    .warnings .more {
      margin: 0.25em 0 0;
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5em 1em;
      margin: 0.5em 0;
    }
    .filters label:not(.check) {
      display: grid;
      gap: 0.25em;
    }
    .alerts {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1em;
    }
    .alerts legend {
      font-weight: 600;
    }

    /* rows */
    .group-heading {
      margin-top: 0.75em;
    }
    .group.overdue .group-heading {
      color: var(--_danger);
    }
    .rows {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5em;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1em;
      justify-content: space-between;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
      /* No content-visibility: auto here (issue 24): Chromium leaves the content of skipped
         boxes out of the accessibility tree, so rows below the fold had no name, no status
         and no countdown for a screen reader. 50 rows a page; bench/admin-queue.ts measured
         the cost (bench/RESULTS.md). */
    }
    /* The countdown's own content-visibility (sla-countdown.styles.ts) would do the same
       to the time left of every row below the fold. */
    .row lapor-sla-countdown,
    .warning lapor-sla-countdown {
      content-visibility: visible;
    }
    .row.is-overdue {
      border: 2px solid var(--_danger);
      border-inline-start-width: 8px;
    }
    .row-main {
      flex: 1 1 20em;
      min-inline-size: 0;
    }
    button.open {
      display: block;
      text-align: start !important;
      background: transparent;
      color: var(--_text);
      border: 0;
      padding: 0;
      min-block-size: 44px;
      inline-size: 100%;
    }
    button.open:hover .title {
      text-decoration: underline;
    }
    .tid {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      font-weight: 700;
      margin-inline-end: 0.5em;
    }
    .title {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .meta .status {
      color: var(--_text);
      font-weight: 600;
    }
    .row-clock {
      flex: 0 1 18em;
    }
    .breach {
      color: var(--_danger);
      font-weight: 700;
    }
    .breach-before {
      color: var(--_warning);
      font-weight: 600;
    }
    .pages {
      display: flex;
      align-items: center;
      gap: 1em;
      margin-top: 0.75em;
    }

    /* detail */
    .detail .body,
    .message,
    .note {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25em 1em;
    }
    .facts dt {
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
    }
    .actions .buttons,
    .action-form .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .action-form {
      display: grid;
      gap: 0.5em;
      margin: 0.75em 0;
      max-inline-size: 40em;
    }
    .action-form fieldset {
      display: grid;
    }
    .urgent {
      border: 2px solid var(--_accent);
      border-radius: var(--_radius);
      padding: 0.5em 0.75em;
    }
    .clock-name {
      font-weight: 600;
    }
    .clock-list,
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
    .timeline li {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5em;
      padding: 0.25em 0;
      border-bottom: 1px solid var(--_border);
    }

    /* compliance */
    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5em 1em;
      margin: 0.5em 0;
    }
    .period label {
      display: grid;
      gap: 0.25em;
    }
  `,
];
