/**
 * The compliance view: a period (whole days in WIB), a table per institution — received,
 * median time to first handling, share handled within the limit, overdue now — and the
 * same share as bars (shared/share-bars.ts, as the public board draws them). The table is
 * what assistive tech reads; the chart repeats it for the eye and is hidden from it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ComplianceReport, ComplianceRow } from '../../contract/admin.js';
import type { Translate } from '../../i18n/catalog.js';
import { formatDate, formatDuration, formatPercent } from './format.js';
import { renderShareBars } from '../shared/share-bars.js';
import '../../i18n/register/admin-escalation.js';

export interface ComplianceState {
  from: string;
  to: string;
  loading: boolean;
  error: string | undefined;
  data: ComplianceReport | undefined;
}

export interface ComplianceHandlers {
  input: (field: 'from' | 'to', value: string) => void;
  submit: (event: SubmitEvent) => void;
}

export function renderCompliance(s: ComplianceState, t: Translate, locale: string, on: ComplianceHandlers): TemplateResult {
  return html`<section class="compliance" aria-labelledby="compliance-heading">
    <h2 id="compliance-heading" tabindex="-1">${t('adminQueue.compliance.heading')}</h2>
    <p class="muted">${t('adminQueue.compliance.intro')}</p>
    <form class="period" novalidate @submit=${on.submit}>
      <label
        >${t('adminQueue.compliance.from')}
        <input type="date" name="from" .value=${s.from} @input=${(e: Event) => on.input('from', (e.target as HTMLInputElement).value)}
      /></label>
      <label
        >${t('adminQueue.compliance.to')}
        <input type="date" name="to" .value=${s.to} @input=${(e: Event) => on.input('to', (e.target as HTMLInputElement).value)}
      /></label>
      <button type="submit" ?disabled=${s.loading}>${t('adminQueue.compliance.show')}</button>
    </form>
    ${s.error ? html`<p class="notice error" role="alert">${s.error}</p>` : nothing}
    ${s.loading ? html`<p role="status">${t('adminQueue.compliance.loading')}</p>` : nothing}
    ${s.data && !s.loading ? renderData(s.data, t, locale) : nothing}
    ${s.data?.boardUrl ? html`<p><a class="board-link" href=${s.data.boardUrl}>${t('adminEscalation.boardLink')}</a></p>` : nothing}
  </section>`;
}

function renderData(data: ComplianceReport, t: Translate, locale: string): TemplateResult {
  if (!data.items.length || data.items.every((r) => !r.received && !r.overdueNow)) {
    return html`<p class="empty">${t('adminQueue.compliance.empty')}</p>`;
  }
  const from = formatDate(Date.parse(data.from), locale);
  // `to` is exclusive (the next midnight): the last day shown is the day before it.
  const to = formatDate(Date.parse(data.to) - 1, locale);
  return html`<table class="figures" part="compliance-table">
      <caption>${t('adminQueue.compliance.caption', { from, to })}</caption>
      <thead>
        <tr>
          <th scope="col">${t('adminQueue.compliance.col.institution')}</th>
          <th scope="col" class="num">${t('adminQueue.compliance.col.received')}</th>
          <th scope="col" class="num">${t('adminQueue.compliance.col.median')}</th>
          <th scope="col" class="num">${t('adminQueue.compliance.col.within')}</th>
          <th scope="col" class="num">${t('adminQueue.compliance.col.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        ${data.items.map((r) => renderRow(r, t, locale))}
      </tbody>
    </table>
    ${renderChart(data.items, locale, t)}`;
}

function renderRow(r: ComplianceRow, t: Translate, locale: string): TemplateResult {
  return html`<tr data-institution=${r.institutionId}>
    <th scope="row">${r.name} <span class="muted">(${t('adminQueue.compliance.limit', { n: r.limitHours })})</span></th>
    <td class="num">${r.received}</td>
    <td class="num">${r.medianFirstHandlingMs === null ? t('adminQueue.compliance.none') : formatDuration(r.medianFirstHandlingMs, t)}</td>
    <td class="num">
      ${r.shareWithinLimit === null
        ? t('adminQueue.compliance.none')
        : t('adminQueue.compliance.share', { percent: formatPercent(r.shareWithinLimit, locale), within: r.withinLimit, judged: r.handled + r.openLate })}
    </td>
    <td class="num ${r.overdueNow ? 'late' : ''}">${r.overdueNow}</td>
  </tr>`;
}

function renderChart(items: readonly ComplianceRow[], locale: string, t: Translate): TemplateResult {
  const rows = items.filter((r) => r.shareWithinLimit !== null).map((r) => ({ name: r.name, share: r.shareWithinLimit! }));
  return renderShareBars(rows, locale, t('adminQueue.compliance.chart'), 'compliance-chart');
}
