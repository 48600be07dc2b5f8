/**
 * "Lacak laporan": the two things a citizen has on paper (nomor pelacakan, kode akses),
 * checked with the contract's own schemas before anything is sent.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldErrorMessage } from '../../contract/field-messages.js';
import { normalizeAccessCode } from '../../contract/access-code.js';
import { normalizeTrackingId } from '../../contract/tracking-id.js';
import { msg, type Translate } from '../../i18n/catalog.js';
import { loadValidation } from './load-validation.js';

export interface LookupValues {
  trackingId: string;
  accessToken: string;
}

/** Both numbers as people type them: any case, spaces or hyphens, the tracking number with or without LPR. */
export function normalizeLookup(values: LookupValues): LookupValues {
  return {
    trackingId: normalizeTrackingId(values.trackingId),
    // Any case, spaces or hyphens, O/I/L for 0/1: the short code in its stored form.
    accessToken: normalizeAccessCode(values.accessToken),
  };
}

/** Checked with the contract's schemas, loaded on first use (rejects when that download fails). */
export async function checkLookup(values: LookupValues, locale: string): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const normalized = normalizeLookup(values);
  const { validate, LookupInput } = await loadValidation();
  const result = validate(LookupInput, normalized, locale);
  if (result.ok) return { ok: true };
  const errors: Record<string, string> = {};
  for (const f of result.fields) {
    // A pattern-only schema calls an empty field "invalid format"; say "required" instead.
    const empty = normalized[f.path as keyof LookupValues] === '';
    // A wrong format says what the right one is ("Format … tidak valid" helped nobody).
    const format = f.path === 'accessToken' ? 'reportStatus.lookup.accessFormat' : 'reportStatus.lookup.trackingFormat';
    errors[f.path] = empty ? fieldErrorMessage(locale, f.path, 'required') : f.code === 'invalid_format' ? msg(locale, format) : f.message;
  }
  return { ok: false, errors };
}

export interface LookupView {
  t: Translate;
  values: LookupValues;
  errors: Record<string, string>;
  /** Shown above the form: the report was not found (one message for every cause). */
  notice?: string;
  busy: boolean;
  onInput: (name: keyof LookupValues, value: string) => void;
  onSubmit: (event: Event) => void;
  /** "Lupa kode akses?": its button, or its form once opened (forgot-form.ts, loaded then). */
  forgot: TemplateResult;
}

function field(view: LookupView, name: keyof LookupValues, label: string, hint?: string): TemplateResult {
  const error = view.errors[name];
  const described = [error ? `${name}-error` : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${name}>${label}</label>
    ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
    <input
      id=${name}
      name=${name}
      type="text"
      autocomplete="off"
      autocapitalize=${name === 'trackingId' ? 'characters' : 'off'}
      spellcheck="false"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${described || nothing}
      .value=${live(view.values[name])}
      @input=${(e: Event) => view.onInput(name, (e.target as HTMLInputElement).value)}
    />
    ${error ? html`<p class="field-error" id="${name}-error">${error}</p>` : nothing}
  </div>`;
}

export function renderLookup(view: LookupView): TemplateResult {
  const { t } = view;
  return html`
    <form class="lookup" part="lookup-form" novalidate @submit=${view.onSubmit}>
      <h2>${t('reportStatus.lookup.heading')}</h2>
      <p>${t('reportStatus.lookup.intro')}</p>
      ${view.notice ? html`<p class="notice error" role="alert" part="not-found">${view.notice}</p>` : nothing}
      ${field(view, 'trackingId', t('field.trackingId'), t('reportStatus.lookup.trackingHint'))}
      ${field(view, 'accessToken', t('field.accessToken'), t('reportStatus.lookup.accessHint'))}
      <button type="submit" part="button" ?disabled=${view.busy}>${t('reportStatus.lookup.submit')}</button>
    </form>
    ${view.forgot}
  `;
}

