/** Shared setup for the report-form suites: a clean device, a mounted form, typing. */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import '../../src/components/report-form/report-form.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { loadConfirmation, loadValidation } from '../../src/components/report-form/load-validation.js';
import { loadFormWork } from '../../src/components/report-form/attachments.js';
import { resetClients } from '../../src/components/shared/client-registry.js';
import { createLaporClient } from '../../src/sdk/client.js';
import type { LaporClient } from '../../src/sdk/types.js';
import { DRAFTS_DB, closeDrafts } from '../../src/store/drafts.js';
import { OUTBOX_DB, closeOutbox } from '../../src/store/outbox.js';
import { SAVED_REPORTS_DB, closeSavedReports } from '../../src/store/saved-reports.js';
import { API, SITE_KEY } from '../fixtures/report-form-gateway.js';

export async function cleanDevice(): Promise<void> {
  await Promise.all([closeDrafts(), closeOutbox(), closeSavedReports()]);
  await Promise.all([deleteDB(DRAFTS_DB), deleteDB(OUTBOX_DB), deleteDB(SAVED_REPORTS_DB)]);
  resetClients();
}

/** A client with short timeouts and quick retries, so failure paths take milliseconds. */
export function testClient(lang = 'id', overrides: { timeoutMs?: number; retry?: number } = {}): LaporClient {
  return createLaporClient({
    api: API,
    siteKey: SITE_KEY,
    lang,
    timeoutMs: overrides.timeoutMs ?? 300,
    retry: { limit: overrides.retry ?? 2, backoffMs: 5, maxBackoffMs: 20, random: () => 0.5 },
  });
}

export async function mountForm(
  opts: { lang?: string; client?: LaporClient; classification?: string; waitConfig?: boolean } = {},
): Promise<LaporReportForm> {
  const lang = opts.lang ?? 'id';
  const client = opts.client ?? testClient(lang);
  const el = await fixture<LaporReportForm>(html`<lapor-report-form
    api=${API}
    site-key=${SITE_KEY}
    lang=${lang}
    classification=${opts.classification ?? 'complaint'}
    .sdkClient=${client}
  ></lapor-report-form>`);
  if (opts.waitConfig !== false) await waitUntil(() => !!$(el, 'select optgroup') || !!$(el, 'h2#draft-h'), 'config loaded', { timeout: 3000 });
  // The validation layer is requested right after the first render; on a real page it is in
  // before the citizen leaves a field. Wait for it, so a blur's error shows on the next update.
  // The other chunks preloaded then (the work on files and places, the screens once sent)
  // too: a test that submits at once must not time its request against their first load.
  await Promise.all([loadValidation(), loadConfirmation().catch(() => undefined), loadFormWork().catch(() => undefined)]);
  await el.updateComplete;
  return el;
}

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Type a value as the browser would report it, then leave the field. */
export async function type(el: LaporReportForm, selector: string, value: string, blur = true): Promise<void> {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  if (!input) throw new Error(`no ${selector}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (blur) input.blur();
  await el.updateComplete;
}

export const VALID = {
  title: 'Jalan berlubang di depan Puskesmas',
  body: 'Sejak dua minggu lalu ada lubang besar di jalan depan puskesmas, sudah dua motor jatuh.',
  date: '2026-01-15',
  location: 'Jl. Raya Genteng, Banyuwangi',
};

export async function fillValid(el: LaporReportForm): Promise<void> {
  await type(el, '#f-title', VALID.title);
  await type(el, '#f-body', VALID.body);
  if ($(el, '#f-incidentDate')) await type(el, '#f-incidentDate', VALID.date);
  await type(el, '#f-location', VALID.location);
}

export function submitButton(el: LaporReportForm): HTMLButtonElement {
  return $<HTMLButtonElement>(el, 'button[type="submit"]')!;
}

/** Pretend the device is offline / online (navigator.onLine is read-only). */
export function setOnline(online: boolean): void {
  if (online) delete (navigator as { onLine?: boolean }).onLine;
  else Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}

export async function settle(el: LaporReportForm, ms = 50): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await el.updateComplete;
}

/** Mount the form, fill it validly, press Kirim and wait for `lapor-submit` (sent or queued). */
export async function submitFilledForm(): Promise<{ el: LaporReportForm; detail: LaporEventMap['lapor-submit']['detail'] }> {
  const el = await mountForm();
  await fillValid(el);
  const submitted = oneEvent(el, 'lapor-submit');
  submitButton(el).click();
  const { detail } = await submitted;
  return { el, detail };
}
