/**
 * How much work a phone makes of the report form (issue 24: "a form a phone can finish").
 * Run after `npm run build`, under the browser lock:
 *   flock /tmp/lapor-browser.lock node --import tsx bench/form-phone.ts
 *
 * The real gateway (demo data) and the built widget in Chromium at 360×740 with touch, the
 * OPD demo page, the launcher tapped open. A citizen files the report the tester
 * filed: a complaint with title, details, date, location, a photo, updates on WhatsApp,
 * plus whatever the form asks of them about routing (before: "Instansi tujuan", which
 * they typed and picked; after: nothing, "Biar petugas yang menentukan" is the default).
 *
 * Counted: every tap (a tap on a field, a picker, a list option, a checkbox, a button,
 * the OS file chooser's pick and a native select's or date picker's choice count one
 * each; typing on the keyboard is not a tap); the form's height with nothing typed (what
 * the tester measured as 1,838 px); how far the photo and the send button sit from the
 * form's top; and how far the dialog's panel had to scroll to reach the send button.
 */
import type { Locator, Page } from 'playwright-core';
import * as idModule from '../src/i18n/locales/id.js';
import { closeBrowser, GatewayProcess, newContext } from '../test/e2e/helpers.js';
import { makePng } from '../test/e2e/png.js';

const CATALOG = Object.assign({}, ...Object.values(idModule).filter((v) => v && typeof v === 'object')) as Record<string, unknown>;
const say = (key: string): string => {
  const text = CATALOG[key];
  if (typeof text !== 'string') throw new Error(`no catalog text for ${key}`);
  return text;
};
const has = (key: string) => typeof CATALOG[key] === 'string';

// Notifications configured (WhatsApp), as the tester had them: the form offers updates.
// The API address is a closed port: nothing leaves this machine.
const gw = await new GatewayProcess({
  env: { LAPOR_WHATSAPP_URL: 'http://127.0.0.1:9/', LAPOR_WHATSAPP_TOKEN: 'bench-token', LAPOR_WHATSAPP_PHONE_ID: '1234567890' },
}).start();
let taps = 0;
const tap = async (target: Locator) => {
  await target.scrollIntoViewIfNeeded();
  await target.tap();
  taps++;
};
const panelScroll = (page: Page) =>
  page.evaluate(() => document.querySelector('lapor-widget')!.shadowRoot!.querySelector<HTMLElement>('#panel-form')!.scrollTop);

try {
  const context = await newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await context.grantPermissions(['geolocation'], { origin: gw.url });
  // Desa Genteng Kulon, Kecamatan Genteng (a point a phone in Genteng would report).
  await context.setGeolocation({ latitude: -8.3675, longitude: 114.1525, accuracy: 20 });
  const page = await context.newPage();
  await page.goto(`${gw.url}/`);
  await tap(page.getByRole('button', { name: say('widget.launcher') }).first());
  const dialog = page.getByRole('dialog');
  const form = dialog.locator('lapor-report-form');
  await form.getByRole('textbox', { name: say('field.title') }).waitFor();
  await form.getByRole('combobox', { name: say('field.categoryId') }).locator('option').nth(2).waitFor({ state: 'attached' });

  const geometry = () =>
    page.evaluate(() => {
      const root = document.querySelector('lapor-widget')!.shadowRoot!;
      const panel = root.querySelector<HTMLElement>('#panel-form')!;
      const formRoot = root.querySelector('lapor-report-form')!.shadowRoot!;
      const formEl = formRoot.querySelector('form')!;
      const top = formEl.getBoundingClientRect().top;
      const y = (sel: string) => {
        const el = formRoot.querySelector(sel);
        return el ? Math.round(el.getBoundingClientRect().top - top) : -1;
      };
      return {
        formHeight: Math.round(formEl.getBoundingClientRect().height),
        panelHeight: panel.clientHeight,
        photoAt: y('fieldset.files'),
        submitAt: y('button[type="submit"]'),
      };
    });
  const empty = await geometry();

  await tap(form.getByRole('textbox', { name: say('field.title') }));
  await page.keyboard.type('Antrean puskesmas sangat lama');
  await tap(form.getByRole('textbox', { name: say('field.body') }));
  await page.keyboard.type('Sejak pagi pasien menunggu lebih dari tiga jam di loket pendaftaran tanpa kepastian.');
  // The date: one tap opens the phone's picker, one tap picks the day.
  const date = form.getByLabel(say('field.incidentDate'));
  await tap(date);
  await date.fill('2026-11-20');
  taps++;
  // The photo, as the tester did: "Pilih berkas", then the pick in the OS chooser.
  const pick = form.getByText(say('form.attachments.pick'), { exact: true });
  await pick.scrollIntoViewIfNeeded();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pick.tap()]);
  taps++;
  await chooser.setFiles({ name: 'antrean.png', mimeType: 'image/png', buffer: makePng(64) });
  taps++;
  await form.getByText('antrean.jpg').first().waitFor({ timeout: 10_000 });

  // Location: "Gunakan lokasi saya" where it resolves to words; else typed and picked.
  const resolves = has('form.location.near');
  if (resolves) {
    await tap(form.getByRole('button', { name: say('form.location.useMine') }));
    await form.getByText(/Genteng/).first().waitFor({ timeout: 10_000 });
  } else {
    await tap(form.getByRole('combobox', { name: say('field.location') }));
    await page.keyboard.type('Genteng');
    await tap(form.getByRole('option', { name: /Kecamatan Genteng/ }).first());
  }
  // Routing: the old form asked for the institution (typed, then picked); the new one
  // defaults to "Biar petugas yang menentukan" and needs nothing.
  if (!has('form.institution.auto')) {
    await tap(form.getByRole('combobox', { name: say('field.institutionId') }));
    await page.keyboard.type('Kesehatan');
    await tap(form.getByRole('option', { name: 'Dinas Kesehatan' }).first());
  }
  // Category: one tap opens the native list, one picks.
  const category = form.getByRole('combobox', { name: say('field.categoryId') });
  await tap(category);
  await category.selectOption('cat-kesehatan.layanan-puskesmas');
  taps++;

  // Updates on WhatsApp.
  if (await form.locator('fieldset.updates').count()) {
    // In plain sight: tick the channel, its number field opens under it.
    await tap(form.getByRole('checkbox', { name: say('form.notify.whatsapp') }));
    await tap(form.getByRole('textbox', { name: say('field.reporter.phone') }));
    await page.keyboard.type('081234567890');
  } else {
    // The old form hid the contact in a collapsed "(opsional)".
    const summary = form.getByText(say('form.contact.summary'), { exact: true });
    const open = await form.locator('details.contact').evaluate((d) => (d as HTMLDetailsElement).open).catch(() => true);
    if (!open) await tap(summary);
    await tap(form.getByRole('textbox', { name: say('field.reporter.phone') }));
    await page.keyboard.type('081234567890');
    await tap(form.getByRole('checkbox', { name: say('form.notify.whatsapp') }));
  }

  const filled = await geometry();
  await tap(form.getByRole('button', { name: say('form.submit') }));
  const scrolled = await panelScroll(page);
  await form.getByRole('heading', { name: say('form.success.heading') }).waitFor({ timeout: 15_000 });

  const screens = (px: number) => (px / empty.panelHeight).toFixed(2);
  console.log(
    JSON.stringify(
      {
        viewport: '360x740',
        taps,
        formHeightEmpty: empty.formHeight,
        formHeightFilled: filled.formHeight,
        panelHeight: empty.panelHeight,
        screensEmpty: screens(empty.formHeight),
        photoAt: empty.photoAt,
        submitAtFilled: filled.submitAt,
        panelScrolledToSubmit: scrolled,
        locationResolvedToWords: resolves,
      },
      null,
      2,
    ),
  );
  await context.close();
} finally {
  await closeBrowser();
  await gw.stop();
}
