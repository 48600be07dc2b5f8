/**
 * Issue 23: in production (`gateway/main.ts`, no LAPOR_PAGES_DIR) the `/r/LPR-…#code` link
 * in every message to a citizen was a 404. The gateway's own follow page, in real Chromium
 * against the real production entry and the built widget: the report's status shows, the
 * code never travels in a request URL and leaves the address bar, and the page runs under
 * the strict CSP with Trusted Types without one violation.
 * Needs `npm run build` first (the gateway serves dist/).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as enModule from '../../src/i18n/locales/en.js';
import * as idModule from '../../src/i18n/locales/id.js';
import { killGateway, spawnGateway, type SpawnedGateway } from '../gateway/spawn-gateway.js';
import { closeBrowser, newContext, REPO, validReport } from './helpers.js';

const ID = Object.assign({}, ...Object.values(idModule).filter((v) => v && typeof v === 'object')) as Record<string, string>;
const EN = Object.assign({}, ...Object.values(enModule).filter((v) => v && typeof v === 'object')) as Record<string, string>;

describe('the gateway\'s own follow page (production, no LAPOR_PAGES_DIR)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-follow-'));
  let gw: SpawnedGateway;
  before(async () => {
    gw = await spawnGateway(dir, { LAPOR_REFERENCE: join(REPO, 'demo', 'seed-data.json'), LAPOR_ACCESS_LOG: 'off' }, 'inherit', 'gateway/main.ts');
  });
  after(async () => {
    await closeBrowser();
    await killGateway(gw.child);
    rmSync(dir, { recursive: true, force: true });
  });

  async function submit(): Promise<{ trackingId: string; accessToken: string }> {
    const res = await fetch(`${gw.url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(validReport()),
    });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { trackingId: string; accessToken: string };
  }

  for (const [lang, L] of [['id', ID], ['en', EN]] as const) {
    test(`${lang}: shows the report's status with the code from the fragment, strict CSP, no violation`, async () => {
      const { trackingId, accessToken } = await submit();
      const context = await newContext({ locale: lang === 'en' ? 'en-US' : 'id-ID', extraHTTPHeaders: { 'Accept-Language': lang } });
      const page = await context.newPage();
      const urls: string[] = [];
      const violations: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      page.on('console', (m) => /Content Security Policy|Trusted Type|TrustedScript/i.test(m.text()) && violations.push(m.text()));
      page.on('pageerror', (e) => violations.push(e.message));
      const res = await page.goto(`${gw.url}/r/${trackingId}#${accessToken}`);
      assert.equal(res!.status(), 200);
      assert.match(res!.headers()['content-security-policy']!, /require-trusted-types-for 'script'/);
      await page.getByRole('heading', { level: 1, name: (L['followPage.heading'] as string).replace('{trackingId}', trackingId) }).waitFor({ timeout: 15_000 });
      // The status element, reading the report with the code: its status in words.
      await page.getByText(L['status.submitted'] as string).first().waitFor({ timeout: 15_000 });
      assert.equal(new URL(page.url()).hash, '', 'the code is dropped from the address bar');
      for (const u of urls) assert.ok(!u.includes(accessToken), `code in a URL: ${u}`);
      assert.equal(await page.evaluate(() => document.querySelector('lapor-report-status')!.getAttribute('access-token')), null, 'not in the DOM either');
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
});
