/**
 * The state of `<lapor-report-form>` right after a submit made offline: "saved, not sent
 * yet". It travels with the validation layer (validation.ts re-exports it): no submit
 * happens before that layer is in, so it is there even with no connection. The screens
 * once a report is sent (confirmation.ts) are a chunk of their own, fetched right after
 * the form's first render: they are not needed to submit.
 */
import { html, type TemplateResult } from 'lit';
import { formatAccessCode } from '../../contract/access-code.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import type { ReportInput } from '../../contract/report.js';
import type { Translate } from '../../i18n/catalog.js';
import '../../i18n/register/outbox-waiting.js';

export { formatAccessCode, formatTrackingId };

/**
 * Saved on the device, not sent: said plainly, with what happens next — it goes by itself
 * (also from any page of the site opened later), and its clock starts only then.
 */
export function queuedPanel(t: Translate, onAnother: () => void): TemplateResult {
  return html`<section class="panel queued" part="queued" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.queued.heading')}</h2>
    <p>${t('form.queued.text')}</p>
    <p>${t('confirm.queued.clock')}</p>
    <slot name="after-submit"></slot>
    <div class="actions">
      <button type="button" part="button" @click=${onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}


/**
 * The confirmation's chunk could not be fetched (the connection dropped right after the
 * send): the two numbers as plain text, never nothing (they are in "Laporan saya" too),
 * while `retry` fetches it again.
 */
export function sentFallback(t: Translate, result: { trackingId: string; accessToken: string }, retry: () => void): TemplateResult {
  retry();
  return html`<section class="panel success" part="success" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.success.heading')}</h2>
    <p>${t('field.trackingId')}: <span class="code" part="code">${formatTrackingId(result.trackingId)}</span></p>
    <p>${t('field.accessToken')}: <span class="code" part="code">${formatAccessCode(result.accessToken)}</span></p>
  </section>`;
}

/** The channels a submitted report asked news on, with the number or address given for each. */
export function updatesOf(input: ReportInput): { channel: 'whatsapp' | 'email'; contact: string }[] {
  return (input.notify ?? []).flatMap((channel) => {
    const contact = channel === 'email' ? input.reporter?.email : input.reporter?.phone;
    return contact ? [{ channel, contact }] : [];
  });
}
