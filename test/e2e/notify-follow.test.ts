/**
 * The follow link of a message (issue 16) in real Chromium against the real gateway and
 * the built widget: /r/LPR-…#code opens the status view of that report; the code never
 * travels in any request, and it is gone from the address bar once read.
 * Needs `npm run build` first (the gateway serves dist/ as `npm start` does).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as idModule from '../../src/i18n/locales/id.js';
import { closeBrowser, GatewayProcess, newContext, validReport } from './helpers.js';

const L = Object.assign({}, ...Object.values(idModule).filter((v) => v && typeof v === 'object')) as Record<string, string>;

describe('follow link /r/LPR-…#code', () => {
  let gw: GatewayProcess;
  before(async () => {
    gw = await new GatewayProcess().start();
  });
  after(async () => {
    await closeBrowser();
    await gw.stop();
  });

  test('opens the status view with the code from the fragment, which no request carries', async () => {
    const res = await fetch(`${gw.url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(validReport()),
    });
    assert.equal(res.status, 201);
    const { trackingId, accessToken } = (await res.json()) as { trackingId: string; accessToken: string };

    const context = await newContext();
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url() + JSON.stringify(r.headers())));
    await page.goto(`${gw.url}/r/${trackingId}#${accessToken}`);
    const heading = page.getByRole('heading', { name: new RegExp(`${L['status.submitted']}$`) });
    await heading.first().waitFor({ timeout: 15_000 });
    assert.equal(new URL(page.url()).hash, '', 'the code is dropped from the address bar');
    // Requests carry the code only as the Authorization header of the API (never in a URL or Referer).
    for (const u of urls) assert.ok(!u.split('{')[0]!.includes(accessToken), `code in a URL: ${u}`);
    assert.ok(!urls.some((u) => /"referer":"[^"]*#/.test(u)));
    await context.close();
  });
});
