/**
 * Benchmark: `<lapor-admin-queue>` with 1,000 open reports (issue 17: "fast with 1,000
 * open reports; measure the render and per-tick cost"). Run:
 *   node --import tsx bench/admin-queue.ts        (REPORTS=1000 TICKS=300 RUNS=5)
 *
 * Debian Chromium through playwright-core; the element bundled with esbuild (production
 * Lit), the admin API answered from memory with 1,000 contract-valid reports (deadlines
 * spread over 6 hours, a tenth already overdue). Prints:
 * - render: sign-in (token kept) → queue fetched, parsed, sorted, first page of 50 rows
 *   with their countdowns on screen (median of RUNS fresh pages);
 * - per tick: one shared-ticker tick (the queue's warnings pass over all 1,000 + the
 *   page's 50 countdowns), script and the style + layout it causes, p50/p95/max;
 * - one live event to the re-rendered page; the pure model (build + sort, search, one
 *   merge, one warnings pass) on the same data.
 */
import { chromium } from 'playwright-core';
import * as z from 'zod/mini';
import { AdminReport, ReportEvent, TRACKING_ALPHABET } from '../src/contract/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { bundleEntry } from './bundle-entry.js';

const N = Number(process.env.REPORTS ?? 1000);
const TICKS = Number(process.env.TICKS ?? 300);
const RUNS = Number(process.env.RUNS ?? 5);
const ORIGIN = 'http://bench.invalid';
const MINUTE = 60_000;

const js = await bundleEntry(new URL('./admin-queue.entry.ts', import.meta.url));

function trackingId(n: number): string {
  let s = '';
  for (let i = 0, v = n; i < 8; i++, v = Math.floor(v / TRACKING_ALPHABET.length)) s = TRACKING_ALPHABET[v % TRACKING_ALPHABET.length] + s;
  return `LPR-${s.slice(0, 4)}-${s.slice(4)}`;
}

const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const institution = { id: 'kec-genteng', name: 'Kecamatan Genteng', kind: 'kecamatan', timeZone: 'Asia/Jakarta' } as const;
const reports: AdminReport[] = Array.from({ length: N }, (_, i) => {
  const due = now - 0.1 * 360 * MINUTE + Math.floor((360 * MINUTE * i) / N);
  return z.parse(AdminReport, {
    trackingId: trackingId(i + 1),
    laporId: null,
    status: i % 3 === 0 ? 'verified' : 'submitted',
    classification: 'complaint',
    title: `Laporan warga nomor ${i + 1}: jalan berlubang di depan sekolah`,
    body: 'Jalan berlubang besar sejak dua minggu dan membahayakan pengendara motor.',
    incidentDate: '2026-11-20',
    location: { text: `Dusun ${i % 40}, Desa Genteng Kulon` },
    institution,
    institutionId: institution.id,
    categoryId: 'cat-jalan',
    attachments: [],
    anonymous: i % 5 === 0,
    secret: false,
    channel: 'web',
    timeline: [{ id: `tl-${i}`, at: iso(due - 120 * MINUTE), type: 'status', status: 'submitted', from: null }],
    responses: [],
    clocks: [
      { id: 'local.handle', state: 'running', startedAt: iso(due - 120 * MINUTE), dueAt: iso(due), stoppedAt: null, pausedMs: 0, limit: { amount: 2, unit: 'hours' }, timeZone: 'Asia/Jakarta' },
    ],
    upstream: { state: 'disabled' },
    reporter: null,
    nextDueAt: iso(due),
    createdAt: iso(due - 120 * MINUTE),
    updatedAt: iso(due - 120 * MINUTE),
    serverTime: iso(now),
  });
});
const queueBody = JSON.stringify({ items: reports });
const reference = JSON.stringify({ institutions: [institution], categories: [{ id: 'cat-jalan', name: { id: 'Jalan rusak', en: 'Damaged road' } }] });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const median = (xs: number[]) => pct(xs, 50);
const f = (x: number) => x.toFixed(2);

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const renders: { ms: number; rows: number; countdowns: number }[] = [];
  let last: Awaited<ReturnType<typeof measure>> | undefined;
  async function measure() {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      const json = (body: string, status = 200) => route.fulfill({ status, contentType: 'application/json', body });
      if (url.pathname === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: js });
      if (url.pathname === '/v1/admin/reports') return json(queueBody);
      if (url.pathname === '/v1/admin/reference') return json(reference);
      if (url.pathname === '/v1/admin/watch') return json(JSON.stringify({ ticket: 'bench-ticket-0123456789', expiresAt: iso(now + 600_000), institutions: [institution.id] }), 201);
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="id"><body><script type="module" src="/bench.js"></script></body></html>' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'bench' in window);
    const render = await page.evaluate(() => (window as any).bench.mount());
    const ticks = await page.evaluate((n) => (window as any).bench.ticks(n), TICKS);
    const parts = await page.evaluate(() => (window as any).bench.fetchParse());
    const { institutionId: _i, reporter: _r, nextDueAt: _n, ...citizen } = reports[Math.floor(N / 2)]!;
    const event = z.parse(ReportEvent, {
      id: '1-1',
      type: 'report.status_changed',
      trackingId: citizen.trackingId,
      at: iso(Date.now()),
      from: 'submitted',
      to: 'in_progress',
      report: { ...citizen, status: 'in_progress', clocks: [], updatedAt: iso(Date.now()) },
    });
    const live = await page.evaluate((e) => (window as any).bench.liveEvent(e), event);
    const model = await page.evaluate((r) => (window as any).bench.model(r), reports);
    await page.close();
    return { render, ticks, live, model, parts };
  }
  for (let i = 0; i < RUNS; i++) {
    last = await measure();
    renders.push(last.render);
  }
  const { ticks, live, model, parts } = last!;
  console.log(`<lapor-admin-queue>, ${N} open reports (${renders[0]!.rows} rows / ${renders[0]!.countdowns} countdowns on the page), Chromium ${browser.version()}`);
  console.log(`render (sign-in → first page on screen), median of ${RUNS}: ${f(median(renders.map((r) => r.ms)))} ms  [${renders.map((r) => f(r.ms)).join(', ')}]`);
  console.log(`  of which: the queue request ${f(parts.fetch)} ms (${(queueBody.length / 1e6).toFixed(2)} MB through playwright's route), JSON.parse ${f(parts.json)} ms, contract check ${f(parts.contract)} ms`);
  console.log(`per tick, ${TICKS} ticks: script p50 ${f(median(ticks.script))} / p95 ${f(pct(ticks.script, 95))} / max ${f(Math.max(...ticks.script))} ms;` +
    ` style+layout p50 ${f(median(ticks.layout))} / p95 ${f(pct(ticks.layout, 95))} ms`);
  console.log(`live event → re-rendered page: ${f(live)} ms`);
  console.log(`model on ${N}: build+sort ${f(model.build)} ms, search ${f(model.search)} ms, one merge ${f(model.merge)} ms, one warnings pass ${f(model.warn)} ms`);
} finally {
  await browser.close();
}
