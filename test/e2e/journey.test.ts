/**
 * The citizen's journey end to end, in real Chromium against the real gateway process and
 * the built widget (dist/, served by the gateway as `npm start` does):
 *   open the widget → file a complaint with a photo → tracking ID → the OPD admin verifies,
 *   forwards to a puskesmas, starts, responds (admin API) → after each step the open status
 *   view changes within 2 s, no reload, countdown visible and falling → the citizen replies
 *   → the admin completes → the citizen rates.
 * Parametrized over the three demo pages, both languages and a 360×740 phone. Labels come
 * from the catalogs, so the locators are the words a citizen reads.
 * Plus: a submit made while the browser is offline becomes exactly one report once online.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import * as idModule from '../../src/i18n/locales/id.js';
import * as enModule from '../../src/i18n/locales/en.js';
import { closeBrowser, eventually, GatewayProcess, newContext } from './helpers.js';
import { makePng } from './png.js';

type Catalog = Record<string, unknown>;
/** Whatever the locale module exports (one catalog, or one object per section), as one key → text map. */
const flatten = (mod: object): Catalog => Object.assign({}, ...Object.values(mod).filter((v) => v && typeof v === 'object'));
const CATALOGS: Record<'id' | 'en', Catalog> = { id: flatten(idModule), en: flatten(enModule) };
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Scenario {
  page: '/' | '/smart-kampung.html' | '/csp-strict.html';
  lang: 'id' | 'en';
  viewport: { width: number; height: number };
}
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const SCENARIOS: Scenario[] = [
  { page: '/', lang: 'id', viewport: DESKTOP },
  { page: '/', lang: 'en', viewport: PHONE },
  { page: '/smart-kampung.html', lang: 'id', viewport: PHONE },
  { page: '/smart-kampung.html', lang: 'en', viewport: DESKTOP },
  { page: '/csp-strict.html', lang: 'id', viewport: PHONE },
  { page: '/csp-strict.html', lang: 'en', viewport: DESKTOP },
];

/** Opens the page; for English, the webmaster's `data-lang="en"` (and `<html lang>`) is set on the served HTML. */
async function openPage(page: Page, url: string, lang: 'id' | 'en'): Promise<void> {
  if (lang === 'en') {
    await page.route(url, async (route) => {
      const res = await route.fetch();
      let html = await res.text();
      html = html.replace('<html lang="id">', '<html lang="en">');
      html = /data-lang="id"/.test(html)
        ? html.replace('data-lang="id"', 'data-lang="en"')
        : html.replace('<script async src="/dist/lapor-embed.js"', '<script async src="/dist/lapor-embed.js" data-lang="en"');
      await route.fulfill({ response: res, body: html });
    });
  }
  const res = await page.goto(url);
  assert.equal(res?.status(), 200);
}

/** Every running lapor-sla-countdown in any shadow root: clock id (or position) → remaining ms. */
function runningCountdowns(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    let i = 0;
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'lapor-sla-countdown' && el.getAttribute('state') === 'running') {
          out[`${el.getAttribute('clock-id') || 'clock'}#${i++}`] = (el as unknown as { remainingMs(): number }).remainingMs();
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

/**
 * The countdowns fall while we watch: sampled three times over 2.2 s, every clock seen in
 * all samples falls each time, by 1.2–4 s in total (the skew correction may move by a few
 * hundred ms when a later response gives a better estimate).
 */
async function assertFalling(page: Page, what: string): Promise<void> {
  const first = await eventually(async () => {
    const s = await runningCountdowns(page);
    return Object.keys(s).length ? s : undefined;
  }, 5000, 'a running countdown');
  const samples: Record<string, number>[] = [first!];
  for (let i = 0; i < 2; i++) {
    await page.waitForTimeout(1100);
    samples.push(await runningCountdowns(page));
  }
  const ids = Object.keys(samples[0]!).filter((k) => samples.every((s) => k in s));
  assert.ok(ids.length > 0, `${what}: the same countdown in every sample: ${JSON.stringify(samples)}`);
  for (const k of ids) {
    const [a, b, c] = samples.map((s) => s[k]!);
    assert.ok(b! < a! && c! < b!, `${what}: ${k} falling: ${a} → ${b} → ${c}`);
    assert.ok(a! - c! > 1200 && a! - c! < 4000, `${what}: ${k} fell ${a! - c!} ms in 2.2 s`);
  }
}

async function fillForm(scope: Locator, L: Catalog, title: string): Promise<void> {
  await scope.getByRole('textbox', { name: L['field.title'] as string }).fill(title);
  await scope.getByRole('textbox', { name: L['field.body'] as string }).fill(
    'Sejak pagi pasien menunggu lebih dari tiga jam di loket pendaftaran tanpa kepastian dari petugas.',
  );
  await scope.getByRole('textbox', { name: L['field.incidentDate'] as string }).fill('2026-11-20');
  await scope.getByRole('combobox', { name: L['field.location'] as string }).fill('Puskesmas Genteng');
  await scope.locator('input[type=file]').first().setInputFiles({ name: 'antrean.png', mimeType: 'image/png', buffer: makePng(96) });
}

describe('citizen journey on the demo pages', () => {
  const gw = new GatewayProcess();
  before(() => gw.start());
  after(async () => {
    await closeBrowser();
    await gw.stop();
  });

  for (const sc of SCENARIOS) {
    test(`${sc.page} in ${sc.lang} at ${sc.viewport.width}×${sc.viewport.height}`, async () => {
      const L = CATALOGS[sc.lang];
      const context = await newContext({ viewport: sc.viewport, locale: sc.lang === 'en' ? 'en-US' : 'id-ID', timezoneId: 'Asia/Jakarta' });
      // Recorded from the very first script: a violation anywhere (loader, chunks, styles) counts.
      await context.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const failed: string[] = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      page.on('requestfailed', (r) => failed.push(`failed ${r.url()} ${r.failure()?.errorText}`));
      try {
        const url = gw.url + sc.page;
        await openPage(page, url, sc.lang);
        const inline = sc.page === '/smart-kampung.html';
        let scope: Locator;
        if (inline) {
          scope = page.locator('lapor-report-form');
        } else {
          await page.getByRole('button', { name: L['widget.launcher'] as string, exact: true }).click();
          scope = page.getByRole('dialog');
        }
        const title = `Antrean ${sc.lang} ${randomUUID().slice(0, 8)}`;
        await fillForm(scope, L, title);
        await scope.getByRole('button', { name: L['form.submit'] as string }).click();
        await scope.getByRole('heading', { name: L['form.success.heading'] as string }).waitFor({ timeout: 15_000 });
        // Shown in spaced groups (LPR 7K3M Q9XD); stored with hyphens.
        const shown = (await scope.getByRole('definition').first().innerText()).match(/LPR ([0-9A-Z]{4}) ([0-9A-Z]{4})/);
        const trackingId = shown ? `LPR-${shown[1]}-${shown[2]}` : undefined;
        assert.ok(trackingId, 'a tracking ID is shown');

        // The photo travelled with it, re-encoded (an image, not the original bytes' claim).
        const atts = gw.db((db) => db.prepare('SELECT mime FROM attachments WHERE tracking_id = ?').all(trackingId)) as { mime: string }[];
        assert.equal(atts.length, 1, `one photo stored with the report: ${JSON.stringify(gw.db((db) => db.prepare('SELECT tracking_id, mime, name FROM attachments').all()))}`);
        assert.match(atts[0]!.mime, /^image\/(jpeg|png)$/);

        // Open the live status view.
        let status: Locator;
        if (inline) {
          const mine = page.locator('lapor-my-reports');
          await mine.getByRole('button', { name: title, exact: true }).click();
          status = mine;
        } else {
          await scope.getByRole('button', { name: L['form.success.track'] as string }).click();
          status = scope;
        }
        const statusHeading = (s: string) =>
          status.getByRole('heading', { name: new RegExp(`^${esc(L['reportStatus.statusHeading'] as string)}\\W+${esc(L[`status.${s}`] as string)}$`) });
        await statusHeading('submitted').waitFor({ timeout: 10_000 });
        await status.getByRole('timer').first().waitFor({ timeout: 5000 });

        // The countdown falls (by the gateway's clock) while we watch.
        await assertFalling(page, 'after submit');

        const steps: [Record<string, unknown>, string][] = [
          [{ action: 'verify' }, 'verified'],
          [{ action: 'forward', institutionId: 'pkm-genteng-kulon' }, 'forwarded'],
          [{ action: 'start' }, 'in_progress'],
          [{ action: 'respond', message: 'Petugas tambahan sudah ditempatkan di loket pendaftaran.' }, 'responded'],
        ];
        const navigations: string[] = [];
        page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
        for (const [input, to] of steps) {
          await gw.admin(trackingId, input);
          const t0 = Date.now();
          await statusHeading(to).waitFor({ timeout: 2000 });
          assert.ok(Date.now() - t0 <= 2000);
          assert.ok(await status.getByRole('timer').first().isVisible(), `a countdown is visible at ${to}`);
        }
        await assertFalling(page, 'after the response');
        await status.getByText('Petugas tambahan sudah ditempatkan di loket pendaftaran.').waitFor({ timeout: 2000 });

        // The citizen replies.
        await status.getByRole('textbox', { name: L['reportStatus.reply.label'] as string }).fill('Terima kasih, antrean hari ini sudah lebih cepat.');
        await status.getByRole('button', { name: L['reportStatus.reply.submit'] as string }).click();
        await status.getByText(L['reportStatus.reply.sent'] as string).first().waitFor({ timeout: 5000 });

        // The admin completes; the citizen rates.
        await gw.admin(trackingId, { action: 'complete' });
        await statusHeading('completed').waitFor({ timeout: 2000 });
        await status.getByRole('radio', { name: L['reportStatus.rating.score5'] as string }).check();
        await status.getByRole('button', { name: L['reportStatus.rating.submit'] as string }).click();
        await status.getByText(L['reportStatus.rating.sent'] as string).first().waitFor({ timeout: 5000 });

        assert.deepEqual(navigations, [], 'no reload or navigation during the journey');
        const row = gw.db((db) =>
          db.prepare('SELECT status, rating_json, (SELECT count(*) FROM responses r WHERE r.tracking_id = reports.tracking_id AND author = ?) AS replies FROM reports WHERE tracking_id = ?').get('citizen', trackingId),
        ) as { status: string; rating_json: string; replies: number };
        assert.equal(row.status, 'completed');
        assert.equal(JSON.parse(row.rating_json).score, 5);
        assert.equal(row.replies, 1, 'the citizen reply is stored once');
        const count = gw.db((db) => (db.prepare('SELECT count(*) AS n FROM reports WHERE title = ?').get(title) as { n: number }).n);
        assert.equal(count, 1, 'one report for one submit');

        assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), [], 'zero securitypolicyviolation events');
        assert.deepEqual(errors, []);
        if (sc.page === '/csp-strict.html') {
          const res = await page.request.get(url);
          assert.match(res.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/, 'the page really is served with the strict CSP');
        }
      } catch (error) {
        // What the page saw is usually the explanation (a chunk 404 during a rebuild, a script error).
        (error as Error).message += `\npage errors: ${JSON.stringify(errors)}\nfailed requests: ${JSON.stringify(failed)}`;
        throw error;
      } finally {
        await context.close();
      }
    });
  }

  test('offline during submit, then back online: exactly one report', async () => {
    const L = CATALOGS.id;
    const context = await newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await openPage(page, `${gw.url}/`, 'id');
      await page.getByRole('button', { name: L['widget.launcher'] as string, exact: true }).click();
      const scope = page.getByRole('dialog');
      const title = `Luring ${randomUUID().slice(0, 8)}`;
      await fillForm(scope, L, title);
      // The photo is re-encoded first (its code loads on the first photo): wait until it is
      // listed, then lose the connection before it can be sent with the report.
      await scope.getByText('antrean.jpg').first().waitFor({ timeout: 10_000 });
      await context.setOffline(true);
      await scope.getByRole('button', { name: L['form.submit'] as string }).click();
      await scope.getByRole('heading', { name: L['form.queued.heading'] as string }).waitFor({ timeout: 10_000 });
      const countNow = () => gw.db((db) => (db.prepare('SELECT count(*) AS n FROM reports WHERE title = ?').get(title) as { n: number }).n);
      assert.equal(countNow(), 0, 'nothing reached the gateway while offline');
      await context.setOffline(false);
      await scope.getByRole('heading', { name: L['form.success.heading'] as string }).waitFor({ timeout: 20_000 });
      await eventually(() => countNow() === 1, 5000, 'the queued report stored');
      // Whatever else the outbox does now (another tab, another online event) must not duplicate it.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.waitForTimeout(1500);
      assert.equal(countNow(), 1, 'exactly one report');
      const atts = gw.db((db) => db.prepare('SELECT count(*) AS n FROM attachments a JOIN reports r ON r.tracking_id = a.tracking_id WHERE r.title = ?').get(title)) as { n: number };
      assert.equal(atts.n, 1, 'the photo went with the queued report');
    } finally {
      await context.close();
    }
  });
});
