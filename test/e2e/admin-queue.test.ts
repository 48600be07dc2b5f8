/**
 * The OPD admin console end to end: real Chromium, the real gateway process and the built
 * widget, on /admin.html (served with the strict CSP). A kecamatan admin signs in with a
 * scoped token from LAPOR_ADMIN_TOKENS, keyboard only; a citizen's new report appears
 * live within 2 s with a falling countdown; a colleague's action moves its row; verify →
 * forward → start → respond from the console reaches the citizen's open status view
 * live; another institution's reports are never listed; no CSP violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { closeBrowser, eventually, fileReport, GatewayProcess, newContext } from './helpers.js';

const GENTENG_TOKEN = 'e2e-genteng-admin-token-0123456789';
const DINKES_TOKEN = 'e2e-dinkes-admin-token-0123456789';

describe('e2e: <lapor-admin-queue> on /admin.html', () => {
  let gw: GatewayProcess;
  before(async () => {
    gw = await new GatewayProcess({
      env: {
        LAPOR_ADMIN_TOKENS: JSON.stringify({
          [GENTENG_TOKEN]: { institution: 'kec-genteng', label: 'Admin Kecamatan Genteng' },
          [DINKES_TOKEN]: { institution: 'opd-dinkes', label: 'Admin Dinas Kesehatan' },
        }),
      },
    }).start();
  });
  after(async () => {
    await closeBrowser();
    await gw?.stop();
  });

  /** A citizen's submit through the public API (as the widget sends it). */
  const file = (overrides: Record<string, unknown> = {}) => fileReport(gw, overrides);

  const rowIds = (page: Page) =>
    page.evaluate(() => {
      const el = document.querySelector('lapor-admin-queue');
      return [...(el?.shadowRoot?.querySelectorAll<HTMLElement>('li.row') ?? [])].map((li) => li.dataset['id'] ?? '');
    });

  test('sign in with a scoped token, live queue, actions that reach the citizen, nothing of another institution', async () => {
    const elsewhere = await file({ institutionId: 'opd-dinkes', title: 'Obat di puskesmas pembantu habis' });
    const before = await file({ title: 'Lampu penerangan jalan mati di Desa Genteng' });

    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${gw.url}/admin.html`);
    assert.equal(res?.status(), 200);
    assert.match(res?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);

    // Keyboard only: the token field, Enter.
    const tokenField = page.getByLabel('Token admin');
    await tokenField.waitFor({ timeout: 15_000 });
    await tokenField.focus();
    await page.keyboard.type(GENTENG_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Antrean laporan' }).waitFor({ timeout: 5000 });
    await page.getByText('Pembaruan langsung aktif').waitFor({ timeout: 5000 });
    assert.deepEqual(await rowIds(page), [before.trackingId]);
    assert.equal(
      await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('lapor-admin:token:'))),
      true,
      'kept for this tab',
    );
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');

    // A new report: in the queue within 2 s, with a countdown that falls.
    const filedAt = Date.now();
    const fresh = await file({ title: 'Saluran air tersumbat di depan pasar' });
    await eventually(async () => (await rowIds(page)).includes(fresh.trackingId), 2000, 'the new report listed');
    const latency = Date.now() - filedAt;
    const left = () =>
      page.evaluate((id) => {
        const el = document.querySelector('lapor-admin-queue')!;
        const cd = el.shadowRoot!.querySelector(`li.row[data-id="${id}"] lapor-sla-countdown`) as unknown as { remainingMs(): number };
        return cd.remainingMs();
      }, fresh.trackingId);
    const first = await left();
    await page.waitForTimeout(1200);
    const second = await left();
    assert.ok(first > 0 && second < first - 900 && second > first - 3000, `countdown falls: ${first} → ${second}`);

    // A colleague verifies the older report (their own console or the API): its row says so, live.
    await gw.admin(before.trackingId, { action: 'verify' });
    await eventually(
      () =>
        page.evaluate((id) => {
          const el = document.querySelector('lapor-admin-queue')!;
          return el.shadowRoot!.querySelector(`li.row[data-id="${id}"] .status`)?.textContent?.trim() === 'Terverifikasi';
        }, before.trackingId),
      2000,
      "a colleague's verify moves the row",
    );

    // The citizen watches the fresh report on the strict-CSP page.
    const citizen = await context.newPage();
    await citizen.goto(`${gw.url}/csp-strict.html`);
    await citizen.waitForFunction(() => customElements.get('lapor-report-status') !== undefined, undefined, { timeout: 15_000 });
    await citizen.evaluate(({ trackingId, accessToken }) => {
      const el = document.createElement('lapor-report-status');
      el.id = 'e2e-status';
      el.setAttribute('access-token', accessToken);
      el.setAttribute('tracking-id', trackingId);
      document.body.append(el);
    }, fresh);
    const citizenSees = (text: string) =>
      eventually(
        () => citizen.evaluate((t) => (document.querySelector('#e2e-status')?.shadowRoot?.textContent ?? '').includes(t), text),
        2000,
        `the citizen sees "${text}"`,
      );
    await citizenSees('Belum diverifikasi');

    // Keyboard: j to the report, Enter to open it.
    await page.getByRole('heading', { name: 'Antrean laporan' }).focus();
    const ids = await rowIds(page);
    for (let i = 0; i <= ids.indexOf(fresh.trackingId); i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(fresh.trackingId) }).waitFor({ timeout: 5000 });

    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await citizenSees('Terverifikasi');

    await page.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await page.getByLabel('Cari instansi').fill('genteng');
    await page.getByRole('radio', { name: 'Kecamatan Genteng' }).check();
    await page.locator('lapor-admin-queue form.action-form button[type="submit"]').click();
    await citizenSees('Diteruskan ke instansi');

    await page.getByRole('button', { name: 'Tindak lanjuti', exact: true }).click();
    await citizenSees('Sedang ditangani');

    await page.getByRole('button', { name: 'Tanggapi', exact: true }).click();
    await page.getByLabel('Tanggapan', { exact: true }).fill('Petugas kebersihan sudah membersihkan saluran pagi ini.');
    await page.locator('lapor-admin-queue form.action-form button[type="submit"]').click();
    await citizenSees('Petugas kebersihan sudah membersihkan saluran pagi ini.');
    await citizenSees('Ditanggapi');

    // Another institution's report was never listed, and its detail is refused.
    assert.ok(!(await rowIds(page)).includes(elsewhere.trackingId));
    const refused = await fetch(`${gw.url}/v1/admin/reports/${elsewhere.trackingId}`, { headers: { Authorization: `Bearer ${GENTENG_TOKEN}` } });
    assert.equal(refused.status, 403);

    assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), [], 'no CSP violation');
    assert.deepEqual(errors, []);
    console.log(`# new report listed after ${latency} ms`);
    await context.close();
  });
});
