/**
 * The fields of `<lapor-report-form>` as render functions over a read-only view of the
 * element. Each control's accessible name is its visible `<label>`; help and error texts
 * are wired with `aria-describedby`, and `aria-invalid` follows the error.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentLimits, Config } from '../../contract/index.js';
import { LIMITS } from '../../contract/limits.js';
import { CLASSIFICATIONS } from '../../contract/vocabulary.js';
import type { Translate } from '../../i18n/catalog.js';
import { formatBytes } from '../../media/format-bytes.js';
import { LaporError } from '../../sdk/errors/lapor-error.js';
import type { AttachmentsController } from './attachments.js';
import { controlId, localToday, type FieldKey, type FormValues } from './model.js';
import type { SearchBox } from './search-box.js';

/** "Gunakan lokasi saya": asking, a place found, outside the area, found but not named (no connection), refused. */
export type GeoState = 'idle' | 'locating' | 'found' | 'outside' | 'unnamed' | 'failed';

/** What the field renderers read from the element, and the few things they may ask of it. */
export interface FormView {
  t: Translate;
  locale: string;
  values: FormValues;
  errors: ReadonlyMap<FieldKey, string>;
  otherErrors: readonly string[];
  showSummary: boolean;
  generalError: unknown;
  config: Config | undefined;
  /** Institutions and categories on their way: said inside the category list, so no line comes and goes. */
  configLoading: boolean;
  limits: AttachmentLimits;
  attachments: AttachmentsController;
  location: SearchBox;
  institution: SearchBox;
  geoState: GeoState;
  /** The place "Gunakan lokasi saya" found, in words. */
  geoPlace: string | undefined;
  changeLocation(): void;
  /** "Kantor yang dituju" opened to pick one (otherwise "Biar petugas yang menentukan"). */
  institutionOpen: boolean;
  openInstitution(open: boolean): void;
  /** The channels this gateway can send updates on (`GET /v1/config` → `notify`); unknown until it answers. */
  notifyChannels: readonly ('email' | 'whatsapp')[] | undefined;
  set(patch: Partial<FormValues>): void;
  validate(key: FieldKey): void;
  focusField(key: FieldKey): void;
  retry(): void;
  useMyLocation(): void;
  onPick(event: Event): void;
  onDrop(event: DragEvent): void;
}

export function describedBy(v: FormView, key: FieldKey, ...extra: string[]): string {
  const id = controlId(key);
  return [...extra, v.errors.has(key) ? `e-${id}` : ''].filter(Boolean).join(' ');
}

export function fieldError(v: FormView, key: FieldKey): TemplateResult | typeof nothing {
  const message = v.errors.get(key);
  return message ? html`<p id="e-${controlId(key)}" class="error" part="error">${message}</p>` : nothing;
}

export function fieldLabel(key: FieldKey, text: string, required = false): TemplateResult {
  return html`<label for=${controlId(key)} part="label"
    >${text}${required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label
  >`;
}

export function errorSummary(v: FormView): TemplateResult | typeof nothing {
  const count = v.errors.size + v.otherErrors.length;
  if (!v.showSummary || !count) return nothing;
  // Announced once, by moving focus to it on submit. Not role=alert: a live region
  // re-announced "Ada 3… 2… 1…" at every field the citizen fixed.
  return html`<div class="summary" part="error-summary" role="group" tabindex="-1" aria-labelledby="summary-h">
    <h2 id="summary-h">${v.t('form.summary.heading', { n: count })}</h2>
    <ul>
      ${[...v.errors].map(
        ([key, message]) =>
          html`<li>
            <a
              href="#${controlId(key)}"
              @click=${(e: Event) => {
                e.preventDefault();
                v.focusField(key);
              }}
              >${message}</a
            >
          </li>`,
      )}
      ${v.otherErrors.map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

export function generalError(v: FormView): TemplateResult | typeof nothing {
  const error = v.generalError;
  if (!error) return nothing;
  const message = error instanceof LaporError ? error.message : v.t('error.internal');
  return html`<div class="alert" role="alert">
    <p><strong>${v.t('form.error.heading')}</strong> ${message}</p>
    <p>${v.t('form.error.kept')}</p>
    <button type="button" part="button" @click=${() => void v.retry()}>${v.t('common.retry')}</button>
  </div>`;
}

export function textField(v: FormView, key: 'title' | 'reporter.name' | 'reporter.phone' | 'reporter.email', field: 'title' | 'name' | 'phone' | 'email', opts: {
  label: string;
  help?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  maxlength?: number;
}): TemplateResult {
  const id = controlId(key);
  return html`<div class="field" part="field">
    ${fieldLabel(key, opts.label, opts.required)}
    ${opts.help ? html`<p id="h-${id}" class="help">${opts.help}</p>` : nothing} ${fieldError(v, key)}
    <input
      id=${id}
      part="input"
      type=${opts.type ?? 'text'}
      autocomplete=${opts.autocomplete ?? 'off'}
      maxlength=${opts.maxlength ?? nothing}
      ?required=${!!opts.required}
      aria-describedby=${describedBy(v, key, opts.help ? `h-${id}` : '') || nothing}
      aria-invalid=${v.errors.has(key) ? 'true' : 'false'}
      .value=${v.values[field]}
      @input=${(e: Event) => v.set({ [field]: (e.target as HTMLInputElement).value })}
      @blur=${() => v.validate(key)}
    />
  </div>`;
}

export function classificationField(v: FormView): TemplateResult {
  const key: FieldKey = 'classification';
  return html`<fieldset class="field radios" part="field" aria-describedby=${v.errors.has(key) ? 'e-f-classification' : nothing}>
    <legend part="label">${v.t('field.classification')}<span class="req" aria-hidden="true"> *</span></legend>
    ${fieldError(v, key)}
    ${CLASSIFICATIONS.map(
      (c) => html`<label class="choice">
        <input
          type="radio"
          name="classification"
          value=${c}
          .checked=${v.values.classification === c}
          @change=${() => {
            v.set({ classification: c });
            // Errors already shown follow the new type: the date's goes away for an aspiration,
            // "Lokasi kejadian" becomes "Asal pelapor".
            for (const key of [...v.errors.keys()]) v.validate(key);
          }}
        />
        ${v.t(`classification.${c}`)}
      </label>`,
    )}
  </fieldset>`;
}

export function bodyField(v: FormView): TemplateResult {
  const key: FieldKey = 'body';
  const id = controlId(key);
  return html`<div class="field" part="field">
    ${fieldLabel(key, v.t('field.body'), true)}
    <p id="h-${id}" class="help">${v.t('form.body.help')}</p>
    ${fieldError(v, key)}
    <textarea
      id=${id}
      part="input"
      rows="6"
      required
      maxlength=${LIMITS.body.max}
      aria-describedby=${describedBy(v, key, `h-${id}`, `c-${id}`)}
      aria-invalid=${v.errors.has(key) ? 'true' : 'false'}
      .value=${v.values.body}
      @input=${(e: Event) => v.set({ body: (e.target as HTMLTextAreaElement).value })}
      @blur=${() => v.validate(key)}
    ></textarea>
    <p id="c-${id}" class="counter">${v.t('form.body.counter', { n: v.values.body.length, max: LIMITS.body.max })}</p>
  </div>`;
}

export function dateField(v: FormView): TemplateResult | typeof nothing {
  if (v.values.classification !== 'complaint') return nothing;
  const key: FieldKey = 'incidentDate';
  const id = controlId(key);
  return html`<div class="field" part="field">
    ${fieldLabel(key, v.t('field.incidentDate'), true)} ${fieldError(v, key)}
    <input
      id=${id}
      part="input"
      type="date"
      required
      max=${localToday()}
      aria-describedby=${describedBy(v, key) || nothing}
      aria-invalid=${v.errors.has(key) ? 'true' : 'false'}
      .value=${v.values.incidentDate}
      @input=${(e: Event) => v.set({ incidentDate: (e.target as HTMLInputElement).value })}
      @blur=${() => v.validate(key)}
    />
  </div>`;
}

export function locationField(v: FormView): TemplateResult {
  const key: FieldKey = 'location';
  const id = controlId(key);
  const complaint = v.values.classification === 'complaint';
  const name = v.t(complaint ? 'field.location' : 'field.origin');
  const geo = v.geoState;
  return html`<div class="field" part="field">
    ${fieldLabel(key, name, true)}
    <p id="h-${id}" class="help">${v.t(complaint ? 'form.location.help' : 'form.origin.help')}</p>
    ${fieldError(v, key)}
    ${v.location.render(v.values.locationText, {
      describedBy: describedBy(v, key, `h-${id}`),
      invalid: v.errors.has(key),
      label: name,
      onBlur: () => v.validate(key),
      // Exposed as required, as its "*" says (the form validates itself: novalidate).
      required: true,
    })}
    ${geo === 'found'
      ? html`<p class="near" role="status"><strong>${v.t('form.location.near', { place: v.geoPlace ?? '' })}</strong>
            <span class="help">${v.t('form.location.nearHelp')}</span></p>
          <button type="button" part="button" class="link-button" @click=${v.changeLocation}>${v.t('form.location.change')}</button>`
      : html`<button type="button" part="button" class="link-button" @click=${v.useMyLocation} aria-disabled=${geo === 'locating' ? 'true' : 'false'}>
            ${v.t('form.location.useMine')}
          </button>
          <p class="help" role="status">
            ${geo === 'locating' ? v.t('form.location.locating') : geo === 'idle' ? nothing : v.t(`form.location.${geo}`)}
          </p>`}
  </div>`;
}

export function institutionField(v: FormView): TemplateResult {
  const key: FieldKey = 'institutionId';
  const id = controlId(key);
  const name = v.t('field.institutionId');
  const choosing = v.institutionOpen || !!v.values.institutionId || !!v.values.institutionText.trim() || v.errors.has(key);
  if (!choosing) {
    return html`<div class="field auto-office" part="field">
      <p class="label" part="label" id="l-${id}">${name} <span class="optional">${v.t('common.optional')}</span></p>
      <p class="auto" id="a-${id}">${v.t('form.institution.auto')}</p>
      <button type="button" part="button" class="link-button" aria-describedby="l-${id} a-${id}" @click=${() => v.openInstitution(true)}>
        ${v.t('form.institution.choose')}
      </button>
    </div>`;
  }
  return html`<div class="field" part="field">
    <label for=${id} part="label">${name} <span class="optional">${v.t('common.optional')}</span></label>
    <p id="h-${id}" class="help">${v.t('form.institution.help')}</p>
    ${fieldError(v, key)}
    ${v.institution.render(v.values.institutionText, {
      describedBy: describedBy(v, key, `h-${id}`),
      invalid: v.errors.has(key),
      label: name,
      onBlur: () => v.validate(key),
    })}
    <button type="button" part="button" class="link-button" @click=${() => v.openInstitution(false)}>${v.t('form.institution.auto')}</button>
  </div>`;
}

export function categoryField(v: FormView): TemplateResult {
  const key: FieldKey = 'categoryId';
  const id = controlId(key);
  const lang = v.locale === 'en' ? 'en' : 'id';
  const categories = v.config?.categories ?? [];
  const roots = categories.filter((c) => !c.parentId);
  const option = (c: (typeof categories)[number]) =>
    html`<option value=${c.id} ?selected=${v.values.categoryId === c.id}>${c.name[lang]}</option>`;
  return html`<div class="field" part="field">
    ${fieldLabel(key, v.t('field.categoryId'))} ${fieldError(v, key)}
    <select
      id=${id}
      part="input"
      aria-describedby=${describedBy(v, key) || nothing}
      aria-invalid=${v.errors.has(key) ? 'true' : 'false'}
      @change=${(e: Event) => v.set({ categoryId: (e.target as HTMLSelectElement).value })}
      @blur=${() => v.validate(key)}
    >
      <option value="" ?selected=${!v.values.categoryId}>${v.t(v.configLoading ? 'form.config.loading' : 'form.category.placeholder')}</option>
      ${roots.map((root) => {
        const children = categories.filter((c) => c.parentId === root.id);
        return children.length ? html`<optgroup label=${root.name[lang]}>${children.map(option)}</optgroup>` : option(root);
      })}
      ${v.values.categoryId && !categories.some((c) => c.id === v.values.categoryId)
        ? html`<option value=${v.values.categoryId} selected>${v.values.categoryId}</option>`
        : nothing}
    </select>
  </div>`;
}

export function attachmentsField(v: FormView): TemplateResult {
  const key: FieldKey = 'attachmentIds';
  const id = controlId(key);
  const limits = v.limits;
  const accept = limits.mimeTypes.join(',');
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const stateText = { uploading: 'form.attachments.uploading', waiting: 'form.attachments.waiting', done: 'form.attachments.uploaded', failed: 'form.attachments.failed' } as const;
  return html`<fieldset
    class="field files"
    part="field"
    @dragover=${(e: DragEvent) => e.preventDefault()}
    @drop=${v.onDrop}
  >
    <legend part="label">${v.t('field.attachmentIds')}</legend>
    <p id="h-${id}" class="help">
      ${v.t('form.attachments.help', { max: limits.maxFiles, size: formatBytes(limits.maxBytes, v.locale) })}
    </p>
    ${fieldError(v, key)}
    <div class="pickers">
      <input
        id=${id}
        class="visually-hidden"
        type="file"
        multiple
        accept=${accept}
        aria-describedby=${describedBy(v, key, `h-${id}`)}
        aria-invalid=${v.errors.has(key) ? 'true' : 'false'}
        @change=${v.onPick}
      />
      <label for=${id} class="button" part="button">${v.t('form.attachments.pick')}</label>
      ${coarse
        ? html`<input id="f-camera" class="visually-hidden" type="file" accept="image/*" capture="environment" @change=${v.onPick} />
            <label for="f-camera" class="button" part="button">${v.t('form.attachments.camera')}</label>`
        : nothing}
      ${coarse ? nothing : html`<span class="help">${v.t('form.attachments.drop')}</span>`}
    </div>
    ${v.attachments.refused.length
      ? html`<ul class="error refused" role="alert">
          ${v.attachments.refused.map((m) => html`<li>${m}</li>`)}
        </ul>`
      : nothing}
    ${v.attachments.items.length
      ? html`<ul class="file-list" aria-label=${v.t('form.attachments.list')}>
          ${v.attachments.items.map(
            (item) => html`<li class="file ${item.preview ? 'has-thumb' : ''}">
              ${item.preview
                ? html`<canvas class="thumb" width="96" height="96" data-thumb=${item.localId} aria-hidden="true"></canvas>`
                : nothing}
              <span class="file-name">${item.name}</span>
              <span class="file-state">${v.t(stateText[item.state])}${item.error ? html`: ${item.error}` : nothing}</span>
              ${item.state === 'uploading'
                ? html`<progress
                    max=${item.total || 1}
                    .value=${item.loaded}
                    aria-label=${v.t('form.attachments.progress', { name: item.name })}
                  ></progress>`
                : nothing}
              <span class="file-actions">
                ${item.state === 'failed'
                  ? html`<button
                      type="button"
                      part="button"
                      aria-label="${v.t('common.retry')}: ${item.name}"
                      @click=${() => void v.attachments.upload(item.localId)}
                    >
                      ${v.t('common.retry')}
                    </button>`
                  : nothing}
                <button
                  type="button"
                  part="button"
                  aria-label="${v.t('form.attachments.remove')}: ${item.name}"
                  @click=${() => v.attachments.remove(item.localId)}
                >
                  ${v.t('form.attachments.remove')}
                </button>
              </span>
            </li>`,
          )}
        </ul>`
      : nothing}
  </fieldset>`;
}

/** Shown in the contact section while Anonim is ticked (toInput() then sends none of it). */
export function anonymousContactNote(v: FormView): TemplateResult | typeof nothing {
  return v.values.anonymous ? html`<p class="notice" part="anonymous-note">${v.t('form.contact.anonymous')}</p>` : nothing;
}

/** "Kirim pembaruan ke WhatsApp/email saya": never ticked for the citizen. */
function notifyCheckbox(v: FormView, channel: 'whatsapp' | 'email'): TemplateResult {
  const field = channel === 'email' ? 'notifyEmail' : 'notifyWhatsapp';
  return html`<div class="field check" part="field">
    <input id="f-notify-${channel}" type="checkbox" .checked=${v.values[field]} @change=${(e: Event) => v.set({ [field]: (e.target as HTMLInputElement).checked })} />
    <label for="f-notify-${channel}" part="label">${v.t(`form.notify.${channel}`)}</label>
  </div>`;
}

type ContactField = 'name' | 'phone' | 'email';
const CONTACT_TYPE = { name: 'text', phone: 'tel', email: 'email' } as const;
/** The contact the channel writes to. */
const CONTACT_OF = { whatsapp: 'phone', email: 'email' } as const;

function contactInput(v: FormView, field: ContactField): TemplateResult {
  const key = `reporter.${field}` as const;
  return textField(v, key, field, {
    label: v.t(`field.${key}`),
    type: CONTACT_TYPE[field],
    autocomplete: field === 'phone' ? 'tel' : field,
    ...(field === 'name' ? { maxlength: LIMITS.reporterName.max } : {}),
  });
}

/**
 * The citizen's contact. Where the gateway sends updates (`notify` in its config), the
 * choice is in plain sight, never behind a collapsed "(opsional)": a box per channel, and
 * the number or address right under a ticked one. The name (and a contact given without
 * updates) stay in the collapsed part: only the officers read those.
 */
export function contactSection(v: FormView, open: boolean): TemplateResult {
  const channels = (['whatsapp', 'email'] as const).filter((c) => v.notifyChannels?.includes(c));
  const ticked = (c: 'whatsapp' | 'email') => channels.includes(c) && v.values[c === 'email' ? 'notifyEmail' : 'notifyWhatsapp'];
  const shownAbove = new Set<ContactField>(channels.filter(ticked).map((c) => CONTACT_OF[c]));
  return html`${channels.length
      ? html`<fieldset class="field updates" part="field">
          <legend part="label">${v.t('form.updates.legend')} <span class="optional">${v.t('common.optional')}</span></legend>
          <p class="help">${v.t('form.updates.help')}</p>
          ${channels.map((c) => html`${notifyCheckbox(v, c)} ${ticked(c) ? html`<div class="reveal">${contactInput(v, CONTACT_OF[c])}</div>` : nothing}`)}
        </fieldset>`
      : nothing}
    <details class="contact" ?open=${open}>
      <summary>${v.t(channels.length ? 'form.contact.summaryName' : 'form.contact.summary')}</summary>
      <p class="help">${v.t('form.contact.help')}</p>
      ${anonymousContactNote(v)} ${(['name', 'phone', 'email'] as const).filter((f) => !shownAbove.has(f)).map((f) => contactInput(v, f))}
    </details>`;
}

export function checkboxField(v: FormView, key: 'anonymous' | 'secret'): TemplateResult {
  const id = controlId(key);
  return html`<div class="field check" part="field">
    <input
      id=${id}
      type="checkbox"
      .checked=${v.values[key]}
      aria-describedby="h-${id}"
      @change=${(e: Event) => v.set({ [key]: (e.target as HTMLInputElement).checked })}
    />
    <label for=${id} part="label">${v.t(`field.${key}`)}</label>
    <p id="h-${id}" class="help">${v.t(`form.${key}.help`)}</p>
  </div>`;
}
