/**
 * The non-form states of `<lapor-report-form>`: the draft offer, "waiting for
 * connection", and success with the tracking number and access code. Plain render
 * functions: the element owns the state, these only draw it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatAccessCode } from '../../contract/access-code.js';
import type { Translate } from '../../i18n/catalog.js';

export function draftOffer(t: Translate, savedAt: string, locale: string, onContinue: () => void, onDiscard: () => void): TemplateResult {
  const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(savedAt),
  );
  return html`<section class="panel" part="draft-offer" aria-labelledby="draft-h">
    <h2 id="draft-h" tabindex="-1">${t('form.draft.question')}</h2>
    <p>${t('form.draft.savedAt', { time })}</p>
    <div class="actions">
      <button type="button" class="primary" part="button" @click=${onContinue}>${t('form.draft.continue')}</button>
      <button type="button" part="button" @click=${onDiscard}>${t('form.draft.discard')}</button>
    </div>
  </section>`;
}

export function queuedPanel(t: Translate, onAnother: () => void): TemplateResult {
  return html`<section class="panel queued" part="queued" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.queued.heading')}</h2>
    <p>${t('form.queued.text')}</p>
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
