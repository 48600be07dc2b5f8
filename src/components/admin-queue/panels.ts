/**
 * The console's smaller pieces, as render functions of their inputs: the sign-in form,
 * the deadline warnings, the alert switches and the queue's filter bar. The element
 * keeps the state and hands in callbacks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Clock, ReportStatus } from '../../contract/index.js';
import type { Translate } from '../../i18n/catalog.js';
import { formatDuration } from './format.js';
import { OPEN_STATUSES, type QueueFilter, type QueueItem } from './queue-model.js';

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

/** Rows shown in the warning list; the rest are counted ("dan 3 laporan lain"). */
export const MAX_WARNING_ROWS = 5;

/**
 * The deadline warnings as ONE compact list above the queue: every report in its last 60
 * minutes of local.handle, least time left first, each on one line with its live
 * countdown (quiet: the console announces each crossing once itself), and the counts in
 * the heading. Derived from the queue at every render, and the console re-renders at
 * each crossing instant, so nothing is stuck at "Sisa 60 menit" or counted late.
 */
export function renderWarnings(
  t: Translate,
  soon: readonly QueueItem[],
  now: number,
  countdown: (clock: Clock) => TemplateResult,
  open: (trackingId: string) => void,
): TemplateResult | typeof nothing {
  if (!soon.length) return nothing;
  const quarter = soon.filter((i) => i.handleDueMs - now <= 15 * 60_000).length;
  const rest = soon.length - MAX_WARNING_ROWS;
  return html`<section class="warnings" aria-labelledby="warnings-heading">
    <h3 id="warnings-heading">
      ${t('adminA11y.warn.heading', { n: soon.length })}${quarter ? html`<span class="quarter">${t('adminA11y.warn.within15', { n: quarter })}</span>` : nothing}
    </h3>
    <ul>
      ${soon.slice(0, MAX_WARNING_ROWS).map((item) => {
        const { report } = item;
        const left = item.handleDueMs - now;
        const clock = report.clocks.find((c) => c.id === 'local.handle');
        return html`<li class="warning level-${left <= 15 * 60_000 ? 15 : 60}" part="warning">
          <button type="button" class="open-warning" data-id=${report.trackingId} @click=${() => open(report.trackingId)}>
            <span class="tid">${report.trackingId}</span>
            <span class="title">${report.title}</span><span class="visually-hidden">, ${t('adminA11y.left', { time: formatDuration(left, t) })}</span>
          </button>
          ${clock ? countdown(clock) : nothing}
        </li>`;
      })}
    </ul>
    ${rest > 0 ? html`<p class="muted more">${t('adminA11y.warn.more', { n: rest })}</p>` : nothing}
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
