/**
 * "Lupa kode akses?" (issue 16): the tracking number typed above plus the phone or email
 * given with the report; the gateway sends a new code there and answers the same whether
 * or not they matched. Loaded when the citizen opens it, with its strings, so the status
 * view does not pay for it up front.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldErrorMessage } from '../../contract/field-messages.js';
import { msg, type Translate } from '../../i18n/catalog.js';
import type { LaporClient } from '../../sdk/types.js';
import '../../i18n/register/forgot-code.js';
import { loadValidation } from './load-validation.js';
import { normalizeLookup, type LookupValues } from './lookup-form.js';

export interface ForgotState {
  open: boolean;
  contact: string;
  error: string;
  busy: boolean;
  sent: boolean;
}

/** What the status view lends the form: its lookup values, client and a way to update. */
export interface ForgotHost {
  t: Translate;
  locale: string;
  values: LookupValues;
  client: LaporClient | undefined;
  state: ForgotState;
  /** Merge into the form's state. */
  update(state: Partial<ForgotState>): void;
  /** The tracking-number field's error (undefined clears it). */
  trackingError(message: string | undefined): void;
}

/** Errors by field (`trackingId`, `contact`); none = ready to send. */
export async function checkForgot(values: LookupValues, contact: string, locale: string): Promise<Record<string, string>> {
  const { trackingId } = normalizeLookup(values);
  const { validate, LookupInput } = await loadValidation();
  const errors: Record<string, string> = {};
  if (!trackingId) errors.trackingId = fieldErrorMessage(locale, 'trackingId', 'required');
  else if (!validate(LookupInput.shape.trackingId, trackingId, locale).ok) errors.trackingId = msg(locale, 'reportStatus.lookup.trackingFormat');
  if (contact.trim().length < 3) errors.contact = msg(locale, 'forgotCode.contactRequired');
  return errors;
}

async function submit(host: ForgotHost, event: Event): Promise<void> {
  event.preventDefault();
  const { values, state, client, locale } = host;
  let errors: Record<string, string>;
  try {
    errors = await checkForgot(values, state.contact, locale);
  } catch {
    host.update({ error: msg(locale, 'error.network') });
    return;
  }
  host.trackingError(errors.trackingId);
  host.update({ error: errors.contact ?? '', sent: false });
  if (errors.trackingId || errors.contact || !client) return;
  host.update({ busy: true });
  try {
    await client.recoverAccessCode(normalizeLookup(values).trackingId, state.contact.trim());
    host.update({ busy: false, sent: true });
  } catch (error) {
    // LaporError messages are already in the page's language (429: "coba lagi dalam …").
    host.update({ busy: false, error: (error as Error).message });
  }
}

export function renderForgot(host: ForgotHost): TemplateResult {
  const { t, state: f } = host;
  return html`<form class="lookup" part="forgot-form" novalidate @submit=${(e: Event) => void submit(host, e)}>
    <h3>${t('reportStatus.forgot.link')}</h3>
    <p id="contact-hint">${t('forgotCode.intro')}</p>
    <div class="field">
      <label for="contact">${t('forgotCode.contact')}</label>
      <input
        id="contact"
        type="text"
        autocomplete="off"
        aria-invalid=${f.error ? 'true' : 'false'}
        aria-describedby=${f.error ? 'contact-hint contact-error' : 'contact-hint'}
        .value=${live(f.contact)}
        @input=${(e: Event) => host.update({ contact: (e.target as HTMLInputElement).value })}
      />
      ${f.error ? html`<p class="field-error" id="contact-error">${f.error}</p>` : nothing}
    </div>
    <button type="submit" part="button" ?disabled=${f.busy}>${t('forgotCode.submit')}</button>
    <p role="status">${f.sent ? t('forgotCode.sent') : nothing}</p>
  </form>`;
}
