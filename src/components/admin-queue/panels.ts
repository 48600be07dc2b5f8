/**
 * The console's smaller pieces, as render functions of their inputs: the sign-in form,
 * the deadline warnings, the alert switches and the queue's filter bar. The element
 * keeps the state and hands in callbacks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReportStatus } from '../../contract/index.js';
import type { Translate } from '../../i18n/catalog.js';
import { OPEN_STATUSES, type QueueFilter } from './queue-model.js';
import type { Crossing } from './warnings.js';

export function renderSignIn(t: Translate, s: { busy: boolean; error: string | undefined }, submit: (e: SubmitEvent) => void): TemplateResult {
  return html`<form class="sign-in" novalidate @submit=${submit}>
    <h2>${t('adminQueue.signIn.heading')}</h2>
    <p class="muted">${t('adminQueue.signIn.intro')}</p>
    <label for="token">${t('adminQueue.signIn.token')}</label>
    <input
      id="token"
      name="token"
      type="password"
      autocomplete="off"
      spellcheck="false"
      required
      aria-invalid=${s.error ? 'true' : 'false'}
      aria-describedby=${s.error ? 'sign-in-error' : nothing}
    />
    ${s.error ? html`<p id="sign-in-error" class="field-error">${s.error}</p>` : nothing}
    <button type="submit" ?disabled=${s.busy}>${s.busy ? t('adminQueue.signIn.checking') : t('adminQueue.signIn.submit')}</button>
  </form>`;
}

export type Warning = Crossing & { key: number };

export function renderWarnings(
  t: Translate,
  warnings: readonly Warning[],
  on: { open: (trackingId: string) => void; dismiss: (key: number) => void },
): TemplateResult | typeof nothing {
  if (!warnings.length) return nothing;
  return html`<section class="warnings" aria-labelledby="warnings-heading">
    <h3 id="warnings-heading">${t('adminQueue.warn.heading')}</h3>
    <ul>
      ${warnings.map(
        (w) => html`<li class="warning level-${w.level}" part="warning">
          <p>${t(w.level === 15 ? 'adminQueue.warn.15' : 'adminQueue.warn.60', { trackingId: w.trackingId, title: w.title })}</p>
          <button type="button" @click=${() => on.open(w.trackingId)}>${t('adminQueue.warn.open', { trackingId: w.trackingId })}</button>
          <button type="button" class="secondary" @click=${() => on.dismiss(w.key)}>${t('adminQueue.warn.dismiss')}</button>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function renderAlertSwitches(
  t: Translate,
  s: { notify: boolean; sound: boolean; denied: boolean },
  on: { notify: (on: boolean) => void; sound: (on: boolean) => void },
): TemplateResult {
  return html`<fieldset class="alerts">
    <legend>${t('adminQueue.alerts')}</legend>
    <label class="check"
      ><input type="checkbox" .checked=${s.notify} @change=${(e: Event) => on.notify((e.target as HTMLInputElement).checked)} />
      ${t('adminQueue.alerts.notify')}</label
    >
    <label class="check"
      ><input type="checkbox" .checked=${s.sound} @change=${(e: Event) => on.sound((e.target as HTMLInputElement).checked)} />
      ${t('adminQueue.alerts.sound')}</label
    >
    ${s.denied ? html`<p class="muted">${t('adminQueue.alerts.denied')}</p>` : nothing}
  </fieldset>`;
}

export function renderFilters(t: Translate, f: QueueFilter, set: (patch: Partial<QueueFilter>) => void): TemplateResult {
  const checked = (e: Event) => (e.target as HTMLInputElement).checked;
  return html`<form class="filters" role="search" aria-label=${t('adminQueue.filters')} @submit=${(e: Event) => e.preventDefault()}>
      <label
        >${t('adminQueue.filter.status')}
        <select @change=${(e: Event) => set({ status: (e.target as HTMLSelectElement).value as ReportStatus | '' })}>
          <option value="" ?selected=${!f.status}>${t('adminQueue.filter.allStatuses')}</option>
          ${OPEN_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${t(`status.${s}`)}</option>`)}
        </select>
      </label>
      <label class="check"><input type="checkbox" .checked=${f.overdue} @change=${(e: Event) => set({ overdue: checked(e) })} /> ${t('adminQueue.filter.overdue')}</label>
      <label class="check"><input type="checkbox" .checked=${f.mine} @change=${(e: Event) => set({ mine: checked(e) })} /> ${t('adminQueue.filter.mine')}</label>
      <label
        >${t('adminQueue.search')}
        <input
          id="search"
          type="search"
          autocomplete="off"
          spellcheck="false"
          .value=${f.search}
          @input=${(e: Event) => set({ search: (e.target as HTMLInputElement).value })}
      /></label>
    </form>
    <p class="muted keys">${t('adminQueue.keys')}</p>`;
}
