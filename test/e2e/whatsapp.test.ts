/**
 * Issue 26 end to end: a scripted citizen files a report by WhatsApp, driven by signed
 * webhooks exactly as Meta sends them (test/gateway/whatsapp-helpers.ts: shapes and their
 * sources), including a retried delivery and two messages delivered out of order, against
 * the real gateway process (demo/start.ts), a Cloud API stand-in that records what we send
 * and serves media, and the LAPOR! simulator (gateway/upstream/simulator.ts). In real
 * Chromium, on /admin.html, the report appears live in <lapor-admin-queue> marked WhatsApp
 * with its 4-hour countdown started at the WhatsApp time of "Kirim"; the admin responds from
 * the console and the response arrives in the chat; "cek" answers; what the citizen typed
 * (hostile markup) is text in the console and in the citizen's status view.
 * Needs `npm run build` first (the gateway serves dist/). Run under the browser lock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { startWhatsApp } from '../gateway/notify-helpers.js';
import { APP_SECRET, Citizen, PHONE_ID, VERIFY_TOKEN, WA_TOKEN } from '../gateway/whatsapp-helpers.js';
import { ADMIN_TOKEN, closeBrowser, eventually, freePort, GatewayProcess, newContext, signInAdmin, wallClockReference } from './helpers.js';

/**
 * LAPOR!'s numeric ids. `channel.whatsapp` 13: the id the public Indonesian client that files
 * WhatsApp complaints into LAPOR! sends, with the tag "#pengaduanwhatsapp"
 * (muhilman2012/whatsapp-api, app/Http/Controllers/Api/LaporanController.php, sendToApi()).
 * The other tables as test/fixtures/lapor/map.json; `default` 1 for any other channel, so a
 * report that took the default would show.
 */
const MAP = {
  channel: { whatsapp: 13, default: 1 },
  classification: { complaint: 6, aspiration: 7, info_request: 8 },
  category: { 'cat-infrastruktur': 436, default: 1 },
  location: { 'loc-kec-genteng': 3510, default: 34 },
  institution: { 'kec-genteng': 2102, 'opd-dinkes': 2101, default: 151345 },
};

const HOSTILE = '<img src=x onerror="window.__pwned=1"> Jalan di depan Pasar Genteng berlubang besar, <script>window.__pwned=2</script> dua pengendara jatuh.';

describe('e2e: a report filed by WhatsApp', () => {
  let dir: string;
  let sim: LaporSimulator;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let gw: GatewayProcess;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-e2e-wa-'));
    const mapPath = join(dir, 'map.json');
    writeFileSync(mapPath, JSON.stringify(MAP));
    sim = new LaporSimulator('e2e-sim-auth', '{E2E-SIM-GUID}');
    const simPort = await freePort();
    await sim.listen(simPort);
    wa = await startWhatsApp({ token: WA_TOKEN });
    gw = await new GatewayProcess({
      env: {
        // Wall-clock hours: the report goes to Dinas PU CKPP, whose demo office hours would
        // make its deadline depend on the hour this test runs.
        LAPOR_REFERENCE: wallClockReference(),
        LAPOR_WHATSAPP_URL: wa.url,
        LAPOR_WHATSAPP_TOKEN: WA_TOKEN,
        LAPOR_WHATSAPP_PHONE_ID: PHONE_ID,
        LAPOR_WHATSAPP_APP_SECRET: APP_SECRET,
        LAPOR_WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
        LAPOR_UPSTREAM_URL: `http://127.0.0.1:${simPort}`,
        LAPOR_UPSTREAM_AUTH: sim.auth,
        LAPOR_UPSTREAM_TOKEN: sim.token,
        LAPOR_UPSTREAM_MAP: mapPath,
        LAPOR_UPSTREAM_INTERVAL_MS: '200',
        LAPOR_UPSTREAM_BACKOFF_MS: '100',
      },
    }).start();
  });
  after(async () => {
    await closeBrowser();
    await gw?.stop();
    await sim?.close();
    await wa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (page: Page, id: string) => page.locator(`lapor-admin-queue li.row[data-id="${id}"]`);

  test('filed by chat, live in the admin queue with its clock, once at LAPOR!, answered back in the chat', async () => {
    // The admin console, signed in, live.
    const context = await newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await signInAdmin(page, gw.url, ADMIN_TOKEN);
    await page.getByText('Pembaruan langsung aktif').waitFor({ timeout: 10_000 });

    const c = new Citizen(() => gw.url, wa);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 120, g: 90, b: 60 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'WargaCam' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '8/1 20/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 9/1 0/1' } })
      .toBuffer();
    wa.media.set('1081525930273940', { bytes: photo, mime: 'image/jpeg' });

    // "Halo", delivered twice (Meta's retry): answered once.
    const hello = c.body(c.message('text', { text: { body: 'Halo' } }));
    assert.equal((await c.post(hello)).status, 200);
    assert.equal((await c.post(hello)).status, 200);
    const [greeting, kinds] = await c.next(2);
    assert.match(greeting!.text, /Selamat datang/);
    assert.equal(kinds!.kind, 'list');
    await c.steps('Pengaduan', 'Infrastruktur');
    // "Jalan rusak" then the shared location, delivered the other way round: read in WhatsApp's order.
    const tap = c.tapMessage('Jalan rusak');
    const pin = c.message('location', { location: { latitude: -8.3521, longitude: 114.1412, name: 'Pasar Genteng', address: 'Jl. Raya Genteng, Banyuwangi' } });
    assert.equal((await c.post(c.body(pin))).status, 200);
    assert.equal((await c.post(c.body(tap))).status, 200);
    const [askWhere, confirm] = await c.next(2);
    assert.match(askWhere!.text, /Di mana kejadiannya/);
    assert.match(confirm!.text, /sekitar \*Pasar Genteng, Kecamatan Genteng\*/);
    await c.steps('Benar', 'Hari ini', { text: HOSTILE });
    await c.image('1081525930273940');
    assert.match(await c.says(), /Lampiran 1 dari 5/);
    await c.steps('Lanjut', 'Biasa', 'Ya, kirim kabar');
    const kirim = c.tapMessage('Kirim');
    const kirimAt = Number(kirim['timestamp']) * 1000;
    await c.send(kirim);
    const [done] = await c.next(1);
    const trackingId = /Nomor pelacakan: \*(LPR-[A-Z0-9-]+)\*/.exec(done!.text)?.[1];
    const code = /Kode akses: \*([0-9A-Z-]+)\*/.exec(done!.text)?.[1];
    assert.ok(trackingId && code, done!.text);

    // Live in the console, marked WhatsApp, with the 4-hour countdown from the "Kirim".
    await row(page, trackingId).waitFor({ timeout: 5000 });
    assert.equal((await row(page, trackingId).locator('.channel').textContent())?.trim(), 'WhatsApp');
    const clock = await row(page, trackingId)
      .locator('lapor-sla-countdown')
      .evaluate((el) => ({ due: (el as unknown as { due: string }).due, label: el.shadowRoot?.textContent ?? '' }));
    assert.equal(Date.parse(clock.due), kirimAt + 4 * 3_600_000, `due ${clock.due}`);
    assert.match(clock.label, /Sisa 3 jam 5\d menit/);
    // The chat's text is text in the console.
    assert.equal(await row(page, trackingId).locator('img, script').count(), 0);

    // Created once at LAPOR!, with LAPOR!'s WhatsApp channel id and our photo.
    await eventually(() => sim.countFor(trackingId) === 1, 20_000, 'created at LAPOR!', 100);
    const complaint = sim.complaintFor(trackingId)!;
    assert.equal(complaint.payload['channel'], 13);
    assert.equal(sim.uploads.length, 1);

    // The admin answers from the console; it reaches the chat (as text: the chat is open).
    await row(page, trackingId).locator('button.open').click();
    await page.getByRole('heading', { name: new RegExp(trackingId) }).waitFor({ timeout: 5000 });
    assert.match((await page.locator('lapor-admin-queue .detail .facts').textContent()) ?? '', /WhatsApp/);
    assert.equal(await page.locator('lapor-admin-queue .detail').locator('img, script').count(), 0);
    await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
    await page.getByRole('button', { name: 'Teruskan', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await page.getByLabel('Cari instansi').fill('genteng');
    await page.getByRole('radio', { name: 'Kecamatan Genteng' }).check();
    await page.locator('lapor-admin-queue form.action-form button[type="submit"]').click();
    await page.getByRole('button', { name: 'Tindak lanjuti', exact: true }).click();
    await page.getByRole('button', { name: 'Tanggapi', exact: true }).click();
    await page.getByLabel('Tanggapan', { exact: true }).fill('Lubang sudah kami tambal pagi ini. Terima kasih atas laporannya.');
    await page.locator('lapor-admin-queue form.action-form button[type="submit"]').click();
    const answered = (await eventually(
      () => c.answers().find((a) => a.text.includes('Lubang sudah kami tambal pagi ini')),
      15_000,
      'the response in the chat',
    ))!;
    assert.equal(answered.kind, 'text');
    assert.match(answered.text, /Kecamatan Genteng menanggapi laporan Anda/);

    // "cek" answers from the chat.
    const before = c.answers().length;
    await c.text(`cek ${trackingId}`);
    const status = (await eventually(() => c.answers().slice(before).find((a) => a.text.startsWith(`Laporan ${trackingId}`)), 15_000, 'cek'))!;
    assert.match(status.text, /Ditanggapi/);

    // The citizen's follow link: the status view shows the story as text.
    const citizen = await context.newPage();
    const link = /Ikuti laporan Anda: (\S+)/.exec(done!.text)![1]!;
    await citizen.goto(link);
    await citizen.getByText('Lubang sudah kami tambal pagi ini', { exact: false }).first().waitFor({ timeout: 15_000 });
    // Inside the widget's dialog (Playwright's CSS locators pierce open shadow roots).
    const view = await citizen
      .locator('lapor-report-status')
      .evaluate((status) => ({ text: status.shadowRoot?.textContent ?? '', injected: status.shadowRoot?.querySelectorAll('img, script').length ?? -1 }));
    assert.ok(view.text.includes('<img src=x onerror="window.__pwned=1">'), 'the markup is shown as the citizen typed it');
    assert.equal(view.injected, 0);
    assert.equal(await citizen.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(c.answers().filter((a) => /Selamat datang/.test(a.text)).length, 1, 'the retried delivery was answered once');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
