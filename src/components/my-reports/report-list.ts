/**
 * The list of `<lapor-my-reports>`: each report waiting on the device and each saved one,
 * with its code, its most urgent countdown, its inline `<lapor-report-status>` and its
 * removal. It arrives in a chunk of its own, requested when the element connects, beside
 * the read of the device's stores that it waits for anyway; an app importing
 * `lapor-widget/define` does not carry it (nor the clock words it uses) up front.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { formatAccessCode } from '../../contract/access-code.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import type { Translate } from '../../i18n/catalog.js';
import type { LaporClient } from '../../sdk/types.js';
import type { OutboxEntry } from '../../store/outbox-queue.js';
import { isUnseen, type SavedReport } from '../../store/saved-reports.js';
import { renderCountdown } from '../report-status/details.js';
import { bindingClock } from '../report-status/promise.js';
import { formatInstant } from '../report-status/time-format.js';

/** What the list reads from its element, and what its buttons ask of it. */
export interface ReportListContext {
  t: Translate;
  locale: string;
  /** Reports opened inline. */
  open: ReadonlySet<string>;
  /** Reports whose access code the citizen asked to see ("Tampilkan kode"). */
  codesShown: ReadonlySet<string>;
  /** The report whose removal awaits a yes. */
  confirming: string | undefined;
  /** The site key for an opened report saved without one. */
  siteKey: string;
  clientFor: (entry: SavedReport) => LaporClient;
  toggle: (entry: SavedReport) => void;
  toggleCode: (entry: SavedReport) => void;
  codeKept: (trackingId: string) => void;
  askRemove: (trackingId: string) => void;
  cancelRemove: (trackingId: string) => void;
  remove: (trackingId: string) => void;
}

export function renderReportList(queued: readonly OutboxEntry[], saved: readonly SavedReport[], ctx: ReportListContext): TemplateResult {
  return html`<ul class="list" part="list">
    ${repeat(queued, (e) => e.clientId, (e) => renderQueued(e, ctx))}
    ${repeat(saved, (e) => e.trackingId, (e) => renderSaved(e, ctx))}
  </ul>`;
}

/** A moment on this device, in Banyuwangi's zone as every time the citizen sees ("7 Des 2026 14.02 WIB"). */
function when(iso: string, ctx: ReportListContext): string {
  return `${formatInstant(iso, ctx.locale, 'Asia/Jakarta')} ${ctx.t('reportStatus.zone.Asia/Jakarta')}`;
}

/**
 * Still on the device: said plainly that it is not sent, that it goes by itself (also
 * from any page of this site opened later), and that its clock has not started.
 */
function renderQueued(entry: OutboxEntry, ctx: ReportListContext): TemplateResult {
  const { t } = ctx;
  return html`<li class="item queued" part="item" data-client-id=${entry.clientId}>
    <h3 class="title">${entry.input.title}</h3>
    <p class="meta">
      <span>${t(`classification.${entry.input.classification}`)}</span> ·
      <span class="status">${t('status.queued')}</span>
    </p>
    <p class="note">${t('myReports.queuedNote', { queued: when(entry.createdAt, ctx) })}</p>
  </li>`;
}

/**
 * The access code behind "Tampilkan kode". A report sent from the outbox while nobody
 * was looking shows its code at once, said to be new: it was never on screen.
 */
function renderCode(entry: SavedReport, ctx: ReportListContext): TemplateResult {
  const { t } = ctx;
  const fresh = entry.codeSeen === false;
  const shown = fresh || ctx.codesShown.has(entry.trackingId);
  const id = `code-${entry.trackingId}`;
  return html`<div class="code-row">
    ${fresh ? html`<p class="note" part="code-note">${sentNote(entry, ctx)}</p>` : nothing}
    ${fresh
      ? nothing
      : html`<button type="button" class="secondary" part="button show-code" aria-expanded=${shown ? 'true' : 'false'} aria-controls=${id} @click=${() => ctx.toggleCode(entry)}>
          ${t(shown ? 'myReports.hideCode' : 'myReports.showCode')}<span class="visually-hidden">: ${entry.title}</span>
        </button>`}
    <p id=${id} class="code" ?hidden=${!shown}>
      ${shown ? html`${t('field.accessToken')}: <span class="value" part="code">${formatAccessCode(entry.accessToken)}</span>` : nothing}
    </p>
    ${fresh ? html`<button type="button" class="secondary" part="button" @click=${() => ctx.codeKept(entry.trackingId)}>${t('myReports.codeKept')}</button>` : nothing}
  </div>`;
}

/**
 * What is true of a report sent from the outbox: when it was saved on the device and
 * when the gateway received it (where its clocks start), not a guess about who was
 * looking when it went.
 */
function sentNote(entry: SavedReport, ctx: ReportListContext): string {
  const received = entry.report?.createdAt;
  if (entry.queuedAt && received) return ctx.t('myReports.sentLater', { queued: when(entry.queuedAt, ctx), received: when(received, ctx) });
  return received ? ctx.t('myReports.sentReceived', { received: when(received, ctx) }) : ctx.t('myReports.sentKeep');
}

function renderSaved(entry: SavedReport, ctx: ReportListContext): TemplateResult {
  const { t } = ctx;
  const report = entry.report;
  const open = ctx.open.has(entry.trackingId);
  const client = ctx.clientFor(entry);
  // The clock a citizen must know about: one already late outranks one still running.
  const urgent = report ? bindingClock(report.clocks, client.serverNow()) : undefined;
  const breached = !urgent && report?.clocks.some((c) => c.state === 'breached');
  const detailId = `detail-${entry.trackingId}`;
  return html`<li class="item" part="item" data-id=${entry.trackingId}>
    <h3 class="title">
      <button
        type="button"
        class="toggle"
        part="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${detailId}
        @click=${() => ctx.toggle(entry)}
      >
        ${entry.title}
      </button>
    </h3>
    <p class="meta">
      <span>${t(`classification.${entry.classification}`)}</span> · <span>${formatTrackingId(entry.trackingId)}</span> ·
      <span class="status">${t(`status.${entry.status}`)}</span>
      ${isUnseen(entry) ? html`<span class="badge" part="badge">${t('myReports.changed')}</span>` : nothing}
    </p>
    ${renderCode(entry, ctx)}
    ${urgent
      ? html`<div class="countdown">
          ${renderCountdown(urgent, { t, locale: ctx.locale, serverOffset: client.clockOffsetMs, now: client.serverNow })}
        </div>`
      : breached
        ? html`<p class="breached">${t('myReports.breached')}</p>`
        : nothing}
    <div id=${detailId} class="detail" ?hidden=${!open}>
      ${open
        ? html`<lapor-report-status
            part="detail"
            api=${entry.api}
            site-key=${entry.siteKey ?? ctx.siteKey}
            lang=${ctx.locale}
            tracking-id=${entry.trackingId}
            access-token=${entry.accessToken}
          ></lapor-report-status>`
        : nothing}
    </div>
    ${ctx.confirming === entry.trackingId
      ? html`<div class="confirm" role="group" aria-labelledby="confirm-${entry.trackingId}">
          <p id="confirm-${entry.trackingId}">${t('myReports.confirmRemove', { trackingId: entry.trackingId })}</p>
          <button type="button" class="danger" part="button" @click=${() => ctx.remove(entry.trackingId)}>${t('myReports.confirmYes')}</button>
          <button type="button" class="secondary" part="button" @click=${() => ctx.cancelRemove(entry.trackingId)}>${t('common.cancel')}</button>
        </div>`
      : html`<button type="button" class="remove secondary" part="button" @click=${() => ctx.askRemove(entry.trackingId)}>
          ${t('myReports.remove')}<span class="visually-hidden">: ${entry.title}</span>
        </button>`}
  </li>`;
}
