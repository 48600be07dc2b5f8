/**
 * One page of the queue: overdue reports under their own heading first (they sort
 * first: least time left), then the rest. Each row is one button (Tab and j/k reach it,
 * Enter opens it) and, beside it, the most urgent clock's `<lapor-sla-countdown>`.
 * The button's accessible name says the status and the time left too ("LPR-… judul,
 * Belum diverifikasi, sisa 42 menit"), so moving with j/k tells how urgent each one is;
 * it is re-rendered every minute. Report text is bound as text, never as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Translate } from '../../i18n/catalog.js';
import { renderCountdown } from '../report-status/details.js';
import { formatAge, formatDuration } from './format.js';
import { isOverdue, type QueueItem } from './queue-model.js';
import '../../i18n/register/admin-a11y.js';

export interface RowContext {
  t: Translate;
  locale: string;
  /** Server time now (ms). */
  now: number;
  serverOffset: number;
  serverNow: () => number;
  categoryName: (id: string | null | undefined) => string | undefined;
  onOpen: (trackingId: string) => void;
}

export function renderPage(items: readonly QueueItem[], ctx: RowContext): TemplateResult {
  const late = items.filter((i) => isOverdue(i, ctx.now));
  const onTime = late.length ? items.filter((i) => !isOverdue(i, ctx.now)) : items;
  return html`
    ${late.length
      ? html`<section class="group overdue" aria-labelledby="group-overdue">
          <h3 id="group-overdue" class="group-heading">${ctx.t('adminQueue.section.overdue')}</h3>
          <ul class="rows" part="list">${repeat(late, (i) => i.report.trackingId, (i) => renderRow(i, ctx, true))}</ul>
        </section>`
      : nothing}
    ${onTime.length
      ? html`<section class="group" aria-labelledby="group-on-time">
          ${late.length ? html`<h3 id="group-on-time" class="group-heading">${ctx.t('adminQueue.section.onTime')}</h3>` : nothing}
          <ul class="rows" part="list" aria-labelledby=${late.length ? nothing : 'queue-heading'}>
            ${repeat(onTime, (i) => i.report.trackingId, (i) => renderRow(i, ctx, false))}
          </ul>
        </section>`
      : nothing}
  `;
}

/** "sisa 42 menit", "terlambat 1 jam 5 menit", "ditunda": the most urgent clock, in minutes. */
export function timeLeftWords(item: QueueItem, ctx: Pick<RowContext, 't' | 'now'>): string {
  const { t } = ctx;
  if (!item.urgent) {
    return item.report.clocks.some((c) => c.state === 'paused') ? t('adminA11y.paused') : t('adminQueue.row.noClock');
  }
  const left = item.dueMs - ctx.now;
  return left < 0 ? t('adminA11y.late', { time: formatDuration(-left, t) }) : t('adminA11y.left', { time: formatDuration(left, t) });
}

function renderRow(item: QueueItem, ctx: RowContext, overdue: boolean): TemplateResult {
  const { report, urgent } = item;
  const { t } = ctx;
  const category = ctx.categoryName(report.categoryId) ?? t('adminQueue.row.noCategory');
  return html`<li class="row ${overdue ? 'is-overdue' : ''}" part="row" data-id=${report.trackingId}>
    <div class="row-main">
      <button type="button" class="open" data-id=${report.trackingId} @click=${() => ctx.onOpen(report.trackingId)}>
        <span class="tid">${report.trackingId}</span>
        <span class="title">${report.title}</span><span class="visually-hidden">, ${t(`status.${report.status}`)}, ${timeLeftWords(item, ctx)}</span>
      </button>
      <p class="meta">
        <span class="status">${t(`status.${report.status}`)}</span>
        <span>${category}</span>
        <span>${report.location.text}</span>
        <span class="channel">${t(`channel.${report.channel}`)}</span>
        <span>${t('adminQueue.row.received', { age: formatAge(Date.parse(report.createdAt), ctx.now, ctx.locale) })}</span>
      </p>
    </div>
    <div class="row-clock">
      ${overdue
        ? html`<p class="breach" part="breach"><span class="mark" aria-hidden="true">!</span>${t('adminQueue.row.overdue')}</p>`
        : item.breachedBefore
          ? html`<p class="breach-before">${t('adminQueue.row.breachedBefore')}</p>`
          : nothing}
      ${urgent
        ? renderCountdown(urgent, { t, locale: ctx.locale, serverOffset: ctx.serverOffset, now: ctx.serverNow }, true)
        : html`<p class="muted">${t('adminQueue.row.noClock')}</p>`}
    </div>
  </li>`;
}
