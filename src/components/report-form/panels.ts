/**
 * The draft offer of `<lapor-report-form>` (shown at load, so in the first download).
 * The states after a submit live in after-submit.ts, which travels with the validation
 * layer. Plain render functions: the element owns the state, these only draw it.
 */
import { html, type TemplateResult } from 'lit';
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
