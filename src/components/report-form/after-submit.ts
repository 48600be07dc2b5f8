/**
 * The states of `<lapor-report-form>` after a submit: "waiting for connection", success
 * with the tracking number and access code, and the report shown in place. They travel
 * with the validation layer (validation.ts re-exports them): no submit happens before
 * that layer is in, so they are always there when needed, and a citizen who only starts
 * typing never downloads them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatAccessCode } from '../../contract/access-code.js';
import type { Translate } from '../../i18n/catalog.js';

export { formatAccessCode };

/** The status view, for showing the report in place (its own chunk, as in the widget). */
export const loadStatusView = (): Promise<unknown> => import('../report-status/report-status.js');

export function queuedPanel(t: Translate, onAnother: () => void): TemplateResult {
  return html`<section class="panel queued" part="queued" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.queued.heading')}</h2>
    <p>${t('form.queued.text')}</p>
    <slot name="after-submit"></slot>
    <div class="actions">
      <button type="button" part="button" @click=${onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}

export interface SuccessView {
  trackingId: string;
  accessToken: string;
  copied?: 'trackingId' | 'accessToken';
  /** The codes were saved as an image (the status line says where). */
  savedImage: boolean;
  canShare: boolean;
  onCopy: (what: 'trackingId' | 'accessToken') => void;
  onSaveImage: () => void;
  onShare: () => void;
  onTrack: () => void;
  onAnother: () => void;
}

export function successPanel(t: Translate, v: SuccessView): TemplateResult {
  const row = (what: 'trackingId' | 'accessToken', value: string) => {
    const name = t(`field.${what}`);
    return html`<dt>${name}</dt>
      <dd>
        <span class="code" part="code">${value}</span>
        <button type="button" part="button copy" aria-label="${t('form.success.copy', { what: name.toLowerCase() })}" @click=${() => v.onCopy(what)}>
          ${t('common.copy')}
        </button>
        <span class="copied" role="status">${v.copied === what ? t('common.copied') : nothing}</span>
      </dd>`;
  };
  return html`<section class="panel success" part="success" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.success.heading')}</h2>
    <dl class="codes">${row('trackingId', v.trackingId)} ${row('accessToken', formatAccessCode(v.accessToken))}</dl>
    <p class="warning" part="warning">${t('form.success.keepCode')}</p>
    <slot name="after-submit"></slot>
    <div class="actions">
      <button type="button" part="button save-image" @click=${v.onSaveImage}>${t('form.success.saveImage')}</button>
      <span class="saved" role="status">${v.savedImage ? t('form.success.saved') : nothing}</span>
    </div>
    <div class="actions">
      <button type="button" class="primary" part="button track" @click=${v.onTrack}>${t('form.success.track')}</button>
      ${v.canShare ? html`<button type="button" part="button share" @click=${v.onShare}>${t('form.success.share')}</button>` : nothing}
      <button type="button" part="button" @click=${v.onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}

export interface TrackingView {
  trackingId: string;
  accessToken: string;
  lang?: string;
  api?: string;
  siteKey?: string;
  onAnother: () => void;
}

/** "Lacak laporan" where no widget took the request (an inline form): the report in place. */
export function trackingPanel(t: Translate, v: TrackingView): TemplateResult {
  return html`<section class="panel" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.success.track')}</h2>
    <lapor-report-status
      lang=${v.lang || nothing}
      api=${v.api ?? nothing}
      site-key=${v.siteKey ?? nothing}
      tracking-id=${v.trackingId}
      access-token=${v.accessToken}
    ></lapor-report-status>
    <div class="actions">
      <button type="button" part="button" @click=${v.onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}
