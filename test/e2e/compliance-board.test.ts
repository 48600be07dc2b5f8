/**
 * The public SOP board end to end (issue 28): real Chromium, the real gateway process
 * (`npm start`'s demo/start.ts, with its sample history of the last 60 days) and the
 * built widget. For the seeded previous month, `<lapor-compliance-board>` on
 * /kinerja.html shows the same numbers, unit by unit, as the admin console's compliance
 * table for the same days; the board's network answer carries no tracking number, title,
 * text, location or reporter of any stored report; the board is axe clean; the OPD demo
 * page and the Smart Kampung page each show it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { ADMIN_TOKEN, closeBrowser, eventually, GatewayProcess, newContext, signInAdmin } from './helpers.js';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The previous calendar month in WIB: `YYYY-MM`, its first and last day. */
function previousMonth(now = Date.now()): { month: string; from: string; to: string } {
  const wib = new Date(now + 7 * 3_600_000);
  const first = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { month: day(first).slice(0, 7), from: day(first), to: day(last) };
}

type Row = { id: string; cells: string[] };

/** The rows of a table inside an element's shadow root: the id and the cells after the name. */
const readRows = (page: Page, tag: string, rowSelector: string, idAttribute: string) =>
  page.evaluate(
    ({ tag, rowSelector, idAttribute }) =>
      [...(document.querySelector(tag)?.shadowRoot?.querySelectorAll<HTMLElement>(rowSelector) ?? [])].map((tr) => ({
        id: tr.getAttribute(idAttribute) ?? '',
        cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()),
      })),
    { tag, rowSelector, idAttribute },
  );

describe('e2e: <lapor-compliance-board>', () => {
  let gw: GatewayProcess;
  before(async () => {
    gw = await new GatewayProcess({ env: { LAPOR_DEMO_HISTORY: 'on' } }).start();
    await eventually(() => /demo history +\d+ sample complaints/.test(gw.output), 30_000, 'the sample history');
  });
  after(async () => {
    await closeBrowser();
    await gw?.stop();
  });

  test('the board shows the admin compliance table\'s numbers for a seeded month, with no personal data on the wire', async () => {
    const { month, from, to } = previousMonth();
    // bypassCSP: only so that axe can be injected below (the pages' own CSP is another suite's subject).
    const context = await newContext({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // The admin console: the super admin's compliance table for the same days.
    await signInAdmin(page, gw.url, ADMIN_TOKEN);
    await page.locator('lapor-admin-queue nav.views button.tab', { hasText: 'Kepatuhan' }).click();
    await page.getByLabel('Dari tanggal').fill(from);
    await page.getByLabel('Sampai tanggal').fill(to);
    await page.locator('lapor-admin-queue form.period button[type="submit"]').click();
    await page.locator('lapor-admin-queue table.figures tbody tr').first().waitFor({ timeout: 15_000 });
    const adminRows: Row[] = await readRows(page, 'lapor-admin-queue', 'table.figures tbody tr', 'data-institution');
    const boardLink = await page.locator('lapor-admin-queue a.board-link').getAttribute('href');
    assert.equal(boardLink, `${gw.url}/kinerja.html`);

    // The public board for that month, as a visitor sees it.
    const answers: { url: string; body: string; siteKey: string | undefined }[] = [];
    page.on('response', async (res) => {
      if (!res.url().includes('/v1/public/compliance')) return;
      answers.push({ url: res.url(), body: await res.text(), siteKey: res.request().headers()['x-lapor-site-key'] });
    });
    await page.goto(`${gw.url}/kinerja.html?period=${month}`);
    await page.locator('lapor-compliance-board table[data-table="units"] tbody tr').first().waitFor({ timeout: 15_000 });
    const boardRows: Row[] = await readRows(page, 'lapor-compliance-board', 'table[data-table="units"] tbody tr', 'data-id');

    // Admin columns: received, median, within, overdue. Board: rank, received, within, median, overdue.
    assert.ok(adminRows.length >= 8, `a seeded month has figures (${adminRows.length} rows)`);
    const admin = new Map(adminRows.map((r) => [r.id, { received: r.cells[0], median: r.cells[1], within: r.cells[2], overdue: r.cells[3] }]));
    const board = new Map(boardRows.map((r) => [r.id, { received: r.cells[1], median: r.cells[3], within: r.cells[2], overdue: r.cells[4] }]));
    assert.deepEqual([...board.keys()].sort(), [...admin.keys()].sort(), 'the same institutions');
    for (const [id, figures] of admin) assert.deepEqual(board.get(id), figures, id);
    // Ranks only where there were at least 5 complaints.
    for (const r of boardRows) {
      const ranked = /^\d+$/.test(r.cells[0]!);
      assert.equal(ranked, Number(r.cells[1]) >= 5 && r.cells[2] !== 'Belum ada', `${r.id}: ${r.cells.join(' | ')}`);
    }

    // The network answer: counts only. Nothing any stored report holds about a person or its text.
    assert.equal(answers.length >= 1, true);
    assert.equal(answers[0]!.siteKey, 'demo-opd');
    assert.match(answers[0]!.url, new RegExp(`from=${from}&to=${to}`));
    const stored = gw.db((db) => db.prepare('SELECT tracking_id, title, body, location_json, reporter_json FROM reports').all() as Record<string, string | null>[]);
    assert.ok(stored.length > 50);
    const secrets = new Set<string>();
    for (const r of stored) {
      secrets.add(r['tracking_id']!);
      secrets.add(r['title']!);
      secrets.add(r['body']!);
      const who = r['reporter_json'] ? (JSON.parse(r['reporter_json']) as Record<string, string>) : {};
      for (const v of Object.values(who)) secrets.add(v);
    }
    for (const answer of answers) for (const secret of secrets) assert.ok(!answer.body.includes(secret), `leaked: ${secret}`);
    assert.doesNotMatch(answers[0]!.body, /LPR-|reporter|title|body|location/);

    // axe over the board.
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run({ include: [['lapor-compliance-board']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the OPD demo page and the Smart Kampung page each embed it', async () => {
    const context = await newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    for (const path of ['/', '/smart-kampung.html']) {
      await page.goto(`${gw.url}${path}`);
      await page.locator('lapor-compliance-board table[data-table="units"] tbody tr').first().waitFor({ timeout: 15_000 });
      const heading = await page.evaluate(() => document.querySelector('lapor-compliance-board')?.shadowRoot?.querySelector('h2')?.textContent);
      assert.equal(heading, 'Kinerja penanganan pengaduan', path);
    }
    await context.close();
  });
});
