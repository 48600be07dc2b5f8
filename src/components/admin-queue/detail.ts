/**
 * One report opened from the queue: what the citizen wrote, the reporter (only when the
 * gateway sends one: it decides about anonymous reports), every clock, responses and
 * timeline (the status view's own renderers), and the actions its status allows.
 * Actions that need input open a small form in place: forward (a searchable list of
 * institutions as radio buttons), respond (text), hold (optional reason), archive
 * (reason required).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AdminReport } from '../../contract/admin.js';
import type { Institution } from '../../contract/reference.js';
import type { Translate } from '../../i18n/catalog.js';
import { renderClocks, renderResponses, renderTimeline, renderUpstream, type DetailContext } from '../report-status/details.js';
import { legalActions, NEEDS_FORM, type AdminAction } from './actions.js';
import { escalationTimeline, renderEscalations } from './escalations.js';

export interface DetailState {
  trackingId: string;
  report: AdminReport | undefined;
  loading: boolean;
  loadError: string | undefined;
  form: AdminAction | undefined;
  busy: AdminAction | undefined;
  /** Outcome of the last action: an error (409 explained, …) or a confirmation. */
  notice: { kind: 'error' | 'done'; text: string } | undefined;
  query: string;
  institutionId: string;
  text: string;
  fieldError: string | undefined;
}

export interface DetailHandlers {
  back: () => void;
  act: (action: AdminAction) => void;
  submit: (event: SubmitEvent) => void;
  cancel: () => void;
  input: (field: 'query' | 'institutionId' | 'text', value: string) => void;
}

export interface DetailRenderContext extends DetailContext {
  institutions: readonly Institution[];
  categoryName: (id: string | null | undefined) => string | undefined;
}

const MAX_CHOICES = 8;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function renderDetail(s: DetailState, ctx: DetailRenderContext, on: DetailHandlers): TemplateResult {
  const { t } = ctx;
  const r = s.report;
  return html`<article class="detail" part="detail" aria-labelledby="detail-heading">
    <p><button type="button" class="link back" @click=${on.back}>${t('adminQueue.detail.back')}</button></p>
    <h2 id="detail-heading" tabindex="-1">${r ? html`<span class="tid">${r.trackingId}</span> ${r.title}` : s.trackingId}</h2>
    ${!r
      ? s.loadError
        ? html`<p class="notice error" role="alert">${s.loadError}</p>`
        : html`<p role="status">${t('adminQueue.detail.loading')}</p>`
      : html`
          <p class="meta">
            <span class="status">${t(`status.${r.status}`)}</span>
            <span>${t(`classification.${r.classification}`)}</span>
            ${r.secret ? html`<span>${t('adminQueue.detail.secret')}</span>` : nothing}
          </p>
          ${r.statusReason ? html`<p>${t('adminQueue.detail.reason', { reason: r.statusReason })}</p>` : nothing}
          ${renderNotice(s)}
          ${renderActions(r, s, ctx, on)}
          <dl class="facts">
            <dt>${t('adminQueue.detail.institution')}</dt>
            <dd>${r.institution?.name ?? t('adminQueue.detail.noInstitution')}</dd>
            <dt>${t('adminQueue.detail.category')}</dt>
            <dd>${ctx.categoryName(r.categoryId) ?? t('adminQueue.row.noCategory')}</dd>
            <dt>${t('adminQueue.detail.location')}</dt>
            <dd>${r.location.text}</dd>
            <dt>${t('channel.label')}</dt>
            <dd class="channel">${t(`channel.${r.channel}`)}</dd>
            <dt>${t('adminQueue.detail.reporter')}</dt>
            <dd>${renderReporter(r, t)}</dd>
          </dl>
          <h3>${t('adminQueue.detail.body')}</h3>
          <p class="body">${r.body}</p>
          ${renderClocks(r, ctx)}
          ${renderEscalations(r, { ...ctx, institutionName: (id) => ctx.institutions.find((i) => i.id === id)?.name })}
          ${renderResponses(r, ctx)} ${renderTimeline(r, ctx, escalationTimeline(r, t))} ${renderUpstream(r, t)}
        `}
  </article>`;
}

function renderReporter(r: AdminReport, t: Translate): TemplateResult | string {
  const who = r.reporter;
  if (who && (who.name || who.phone || who.email)) {
    return html`${[who.name, who.phone, who.email].filter(Boolean).join(' · ')}`;
  }
  return r.anonymous ? t('adminQueue.detail.anonymous') : t('adminQueue.detail.noReporter');
}

function renderNotice(s: DetailState): TemplateResult | typeof nothing {
  if (!s.notice) return nothing;
  return s.notice.kind === 'error'
    ? html`<p class="notice error" role="alert">${s.notice.text}</p>`
    : html`<p class="notice done">${s.notice.text}</p>`;
}

function renderActions(r: AdminReport, s: DetailState, ctx: DetailRenderContext, on: DetailHandlers): TemplateResult {
  const { t } = ctx;
  const actions = legalActions(r.status);
  return html`<section class="actions" aria-labelledby="actions-heading">
    <h3 id="actions-heading">${t('adminQueue.detail.actions')}</h3>
    ${actions.length
      ? html`<div class="buttons" role="group" aria-labelledby="actions-heading">
          ${actions.map(
            (a) => html`<button
              type="button"
              part="action"
              class=${a === 'archive' ? 'secondary' : a === 'hold' ? 'secondary' : ''}
              data-action=${a}
              aria-expanded=${NEEDS_FORM.has(a) ? (s.form === a ? 'true' : 'false') : nothing}
              ?disabled=${!!s.busy}
              @click=${() => on.act(a)}
            >
              ${s.busy === a ? t('adminQueue.busy') : t(`adminQueue.action.${a}`)}
            </button>`,
          )}
        </div>`
      : html`<p>${t('adminQueue.detail.noActions')}</p>`}
    ${s.form ? renderForm(s.form, r, s, ctx, on) : nothing}
  </section>`;
}

function renderForm(action: AdminAction, r: AdminReport, s: DetailState, ctx: DetailRenderContext, on: DetailHandlers): TemplateResult {
  const { t } = ctx;
  const error = s.fieldError ? html`<p id="form-error" class="field-error">${s.fieldError}</p>` : nothing;
  const described = s.fieldError ? 'form-error' : nothing;
  let fields: TemplateResult;
  if (action === 'forward') {
    const q = fold(s.query.trim());
    // The report's own institution stays a choice: LAPOR!'s flow forwards (disposes) a
    // report even to the institution the citizen picked, before it can be taken up. It comes first.
    const own = r.institution?.id;
    const choices = ctx.institutions
      .filter((i) => !q || fold(i.name).includes(q))
      .sort((a, b) => Number(b.id === own) - Number(a.id === own))
      .slice(0, MAX_CHOICES);
    fields = html`<label for="institution-search">${t('adminQueue.form.institutionSearch')}</label>
      <input
        id="institution-search"
        type="search"
        autocomplete="off"
        .value=${live(s.query)}
        @input=${(e: Event) => on.input('query', (e.target as HTMLInputElement).value)}
      />
      <fieldset aria-describedby=${described}>
        <legend>${t('adminQueue.form.institution')}</legend>
        ${choices.length
          ? choices.map(
              (i) => html`<label class="choice"
                ><input
                  type="radio"
                  name="institutionId"
                  value=${i.id}
                  .checked=${live(s.institutionId === i.id)}
                  @change=${() => on.input('institutionId', i.id)}
                />${i.name}</label
              >`,
            )
          : html`<p>${t('adminQueue.form.institutionNone')}</p>`}
      </fieldset>
      ${error}`;
  } else {
    const label = action === 'respond' ? t('adminQueue.form.message') : t('adminQueue.form.reason');
    const optional = action === 'hold';
    fields = html`<label for="action-text">${label} ${optional ? html`<span class="muted">${t('common.optional')}</span>` : nothing}</label>
      ${action === 'respond' ? html`<p id="action-hint" class="muted">${t('adminQueue.form.messageHint')}</p>` : nothing}
      <textarea
        id="action-text"
        rows=${action === 'respond' ? 5 : 3}
        ?required=${!optional}
        aria-invalid=${s.fieldError ? 'true' : 'false'}
        aria-describedby=${[action === 'respond' ? 'action-hint' : '', s.fieldError ? 'form-error' : ''].filter(Boolean).join(' ') || nothing}
        .value=${live(s.text)}
        @input=${(e: Event) => on.input('text', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${error}`;
  }
  return html`<form class="action-form" data-form=${action} novalidate @submit=${on.submit}>
    ${fields}
    <div class="buttons">
      <button type="submit" ?disabled=${!!s.busy}>${s.busy ? t('adminQueue.busy') : t(`adminQueue.action.${action}`)}</button>
      <button type="button" class="secondary" @click=${on.cancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}
