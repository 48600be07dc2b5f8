/**
 * What `<lapor-compliance-board>` shows once its figures are in: the period line, a
 * sortable table per institution and per kecamatan / puskesmas group, the bar chart and
 * the notes. Loaded with the first request (in parallel with the figures, which the board
 * cannot show without anyway), so `lapor-widget/define` carries only the element's shell.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PublicCompliance, PublicComplianceGroup, PublicComplianceUnit } from '../../contract/compliance.js';
import type { MessageKey, Translate } from '../../i18n/catalog.js';
import { formatServiceHours } from '../../sla/format.js';
import { formatDate, formatDuration, formatPercent } from '../admin-queue/format.js';
import { renderShareBars } from '../shared/share-bars.js';
import { normalizePeriod } from './period.js';
import { sortRows, type SortColumn, type SortState } from './sort.js';
import '../../i18n/register/compliance-board-view.js';

export { nextSort } from './sort.js';
export { viewStyles } from './board-view.styles.js';

export type Table = 'units' | 'groups';

export interface ViewContext {
  t: Translate;
  locale: string;
  /** The element's `period` attribute (names a rolling period). */
  period: string;
  sort: Record<Table, SortState>;
  onSort: (table: Table, column: SortColumn) => void;
}

const COLUMNS: readonly SortColumn[] = ['rank', 'name', 'received', 'within', 'median', 'overdue'];
const NUMERIC = new Set<SortColumn>(['rank', 'received', 'within', 'median', 'overdue']);

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID');
/** A `YYYY-MM-DD` as the reader writes dates ("1 Des 2025"); noon UTC keeps the day in any zone. */
const day = (date: string, locale: string) => formatDate(Date.parse(`${date}T12:00:00Z`), locale, 'UTC');

function columnLabel(table: Table, column: SortColumn, t: Translate): string {
  if (column === 'name') return t(table === 'units' ? 'complianceBoard.col.unit' : 'complianceBoard.col.group');
  return t(`complianceBoard.col.${column}` as MessageKey);
}

/** What the polite region says after a sort. */
export function sortAnnouncement(table: Table, sort: SortState, t: Translate): string {
  return t(`complianceBoard.sorted.${sort.direction}`, { column: columnLabel(table, sort.column, t) });
}

/** "30 hari terakhir · Periode: 1 Des 2025 sampai 30 Des 2025 · Data per 30 Des 2025 14.05". */
export function periodLine(data: PublicCompliance, ctx: ViewContext): string {
  const { t, locale } = ctx;
  const time = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: data.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(data.serverTime));
  const period = normalizePeriod(ctx.period);
  const named = period === '7d' || period === '30d' || period === 'month' ? `${t(`complianceBoard.period.${period}`)} · ` : '';
  return `${named}${t('complianceBoard.period', { from: day(data.from, locale), to: day(data.to, locale) })} · ${t('complianceBoard.updated', { time })}`;
}

export function renderFigures(data: PublicCompliance, ctx: ViewContext): TemplateResult {
  const { t, locale } = ctx;
  if (!data.units.length && !data.groups.length) return html`<p class="empty">${t('complianceBoard.empty')}</p>`;
  const range = { from: day(data.from, locale), to: day(data.to, locale) };
  const groupName = (g: PublicComplianceGroup) => t(`complianceBoard.group.${g.kind}`, { name: g.name });
  const units = sortRows(data.units, ctx.sort.units, (u) => u.name, locale);
  const groups = sortRows(data.groups, ctx.sort.groups, groupName, locale);
  return html`
    <p class="hint">${t('complianceBoard.sortHint')}</p>
    ${units.length
      ? html`<h3>${t('complianceBoard.units')}</h3>
          ${table('units', t('complianceBoard.caption.units', range), units, (u) => unitHeader(u, data, ctx), ctx)} ${chart(units, ctx)}`
      : nothing}
    ${groups.length
      ? html`<h3>${t('complianceBoard.groups')}</h3>
          ${table(
            'groups',
            t('complianceBoard.caption.groups', range),
            groups,
            (g) => html`${groupName(g)} <span class="sub">${t('complianceBoard.members', { n: g.institutionIds.length })}</span>`,
            ctx,
          )}`
      : nothing}
    <ul class="notes" part="note">
      <li>${t('complianceBoard.note.rank', { n: data.minReportsToRank })}</li>
      <li>${t('complianceBoard.note.within')}</li>
      <li>${t('complianceBoard.note.privacy')}</li>
    </ul>
  `;
}

function unitHeader(u: PublicComplianceUnit, data: PublicCompliance, { t, locale }: ViewContext): TemplateResult {
  const limit = u.serviceHours
    ? t('complianceBoard.limitService', { n: u.limitHours, hours: formatServiceHours(u.serviceHours, data.timeZone, intlLocale(locale)) })
    : t('complianceBoard.limit', { n: u.limitHours });
  return html`${u.name} <span class="sub">${limit}</span>`;
}

function table<T extends PublicComplianceUnit | PublicComplianceGroup>(
  name: Table,
  caption: string,
  rows: readonly T[],
  header: (row: T) => TemplateResult,
  { t, locale, sort: sorts, onSort }: ViewContext,
): TemplateResult {
  const sort = sorts[name];
  // A region that can scroll sideways on a phone, reachable by keyboard; named by the caption.
  return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
    <table part="table" data-table=${name}>
      <caption>${caption}</caption>
      <thead>
        <tr>
          ${COLUMNS.map(
            (column) => html`<th scope="col" class=${NUMERIC.has(column) ? 'num' : ''} aria-sort=${sort.column === column ? sort.direction : 'none'}>
              <button type="button" part="sort-button" data-column=${column} @click=${() => onSort(name, column)}>
                ${columnLabel(name, column, t)}<span class="arrow" aria-hidden="true">${sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
              </button>
            </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr data-id=${'institutionId' in row ? row.institutionId : row.id}>
            <td class="num">${row.rank ?? html`<span class="unranked" part="unranked">${t('complianceBoard.unranked')}</span>`}</td>
            <th scope="row">${header(row)}</th>
            <td class="num">${row.received}</td>
            <td class="num">
              ${row.shareWithinLimit === null
                ? t('complianceBoard.none')
                : t('complianceBoard.share', { percent: formatPercent(row.shareWithinLimit, locale), within: row.withinLimit, judged: row.handled + row.openLate })}
            </td>
            <td class="num">${row.medianFirstHandlingMs === null ? t('complianceBoard.none') : formatDuration(row.medianFirstHandlingMs, t)}</td>
            <td class="num ${row.overdueNow ? 'late' : ''}">${row.overdueNow}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The "on time" column as bars, in the table's order; hidden from assistive tech (the table says it). */
function chart(units: readonly PublicComplianceUnit[], { t, locale }: ViewContext): TemplateResult | typeof nothing {
  const rows = units.filter((u) => u.shareWithinLimit !== null).map((u) => ({ name: u.name, share: u.shareWithinLimit! }));
  return rows.length ? renderShareBars(rows, locale, t('complianceBoard.chart'), 'chart', 'bar') : nothing;
}
