/**
 * Benchmark: 1,000 `<lapor-sla-countdown>` on one page, main-thread cost per tick and
 * JS heap (DESIGN.md budget: ≤ 3 ms per tick). Run: `npm run bench:countdowns`.
 *
 * Debian Chromium ($CHROME_PATH or /usr/bin/chromium) through playwright-core; the
 * element is bundled with esbuild (production Lit) and served from memory.
 *
 * Two measurements per scenario:
 * - real: the shared ticker runs on its own for a while; in-page marks time each tick's
 *   script and the rendering of the frame after it (style + layout + paint). CDP's
 *   TaskDuration over the same window is printed too, as an upper bound (it also counts
 *   idle-time housekeeping and the harness's own CDP calls).
 * - synthetic: the harness calls the ticker synchronously with a clock advanced by one
 *   second per tick and forces style + layout after each; p50/p95/max per tick.
 * Scenarios: "last hour" (every countdown is in its last hour, so every on-screen text
 * changes every second: the worst case), "mixed" (deadlines spread over 5 days: most
 * texts change once a minute) and "floor" (one countdown ticking among N-1 finished
 * ones: the cost of any frame on such a page, to read the other two against).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { bundleEntry } from './bundle-entry.js';

const N = Number(process.env.COUNTDOWNS ?? 1000);
const REAL_SECONDS = Number(process.env.REAL_SECONDS ?? 8);
const SYNTHETIC_TICKS = Number(process.env.SYNTHETIC_TICKS ?? 300);
const BUDGET_MS = 3;

const js = await bundleEntry(new URL('./countdowns.entry.ts', import.meta.url));

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});

const ORIGIN = 'http://bench.invalid';
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const f = (x: number) => x.toFixed(2);

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: js });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>1000 countdowns</title></head><body><script type="module" src="/bench.js"></script></body></html>`,
    });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'bench' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const byName = new Map(metrics.map((m: { name: string; value: number }) => [m.name, m.value]));
    const get = (name: string) => byName.get(name) ?? 0;
    return {
      TaskDuration: get('TaskDuration'),
      ScriptDuration: get('ScriptDuration'),
      RecalcStyleDuration: get('RecalcStyleDuration'),
      LayoutDuration: get('LayoutDuration'),
    };
  };
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1024 / 1024;
  };

  console.log(`lapor-sla-countdown benchmark: ${N} countdowns, Chromium ${browser.version()}, bundle ${(js.length / 1024).toFixed(1)} kB min`);
  const heapEmpty = await heapMb();
  const results: Array<{ scenario: string; script: number; real: number; p50: number; p95: number; max: number }> = [];

  for (const [scenario, firstMs, spreadMs] of [
    ['last hour', 20 * 60_000, 30 * 60_000],
    ['mixed', 5 * 60_000, 5 * 24 * 3_600_000],
    ['floor', 20 * 60_000, 0],
  ] as const) {
    if (scenario === 'floor') {
      // The same page, but only one countdown ticks (the rest are met): what any frame
      // of a page with this many elements costs here, whatever the countdowns do.
      await page.evaluate(([a]) => window.bench.mount(1, a, 0), [firstMs] as const);
      await page.evaluate(([n, a]) => window.bench.mount(n - 1, a, 0, 'met'), [N, firstMs] as const);
    } else {
      await page.evaluate(([n, a, b]) => window.bench.mount(n, a, b), [N, firstMs, spreadMs] as const);
    }
    const heapMounted = await heapMb();

    // Real ticker: in-page marks around each tick and its frame, plus CDP task totals.
    await page.waitForTimeout(1200);
    await page.evaluate(() => window.bench.samples());
    const m0 = await metrics();
    const t0 = await page.evaluate(() => window.bench.tickerState().ticks);
    await page.waitForTimeout(REAL_SECONDS * 1000);
    const m1 = await metrics();
    const t1 = await page.evaluate(() => window.bench.tickerState().ticks);
    const real = await page.evaluate(() => window.bench.samples());
    const ticks = t1 - t0;
    const taskMs = (m1.TaskDuration - m0.TaskDuration) * 1000;
    const perTick = real.map((r) => r.script + r.render);

    // Synthetic ticks.
    const heapBefore = await heapMb();
    const per = await page.evaluate((n) => window.bench.syntheticTicks(n), SYNTHETIC_TICKS);
    const heapAfter = await heapMb();
    const state = await page.evaluate(() => window.bench.tickerState());

    console.log(`\n[${scenario}] ${N} countdowns, ${state.listeners} ticker listeners, one timer`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const script = real.map((r) => r.script);
    const render = real.map((r) => r.render);
    console.log(`  real ticker, ${ticks} ticks in ${REAL_SECONDS} s:`);
    console.log(`    tick script (marks around the ticker): p50 ${f(percentile(script, 50))} ms, mean ${f(mean(script))}, max ${f(Math.max(...script))}`);
    console.log(`    + frame rendering it caused (style, layout, paint, commit): p50 ${f(percentile(render, 50))} ms, max ${f(Math.max(...render))}`);
    console.log(`    = main thread per tick: p50 ${f(percentile(perTick, 50))} ms, max ${f(Math.max(...perTick))}`);
    console.log(`  whole page main thread (CDP TaskDuration, incl. idle housekeeping): ${f(taskMs / ticks)} ms per second`);
    console.log(`  synthetic (${SYNTHETIC_TICKS} ticks, forced layout): p50 ${f(percentile(per, 50))} ms, p95 ${f(percentile(per, 95))} ms, max ${f(Math.max(...per))} ms`);
    console.log(`  JS heap: empty page ${f(heapEmpty)} MB, mounted ${f(heapMounted)} MB (${f(((heapMounted - heapEmpty) * 1024) / N)} kB per countdown), before ticks ${f(heapBefore)} MB, after ${SYNTHETIC_TICKS} more ticks ${f(heapAfter)} MB (Δ ${f(heapAfter - heapBefore)} MB)`);
    results.push({ scenario, script: percentile(script, 50), real: percentile(perTick, 50), p50: percentile(per, 50), p95: percentile(per, 95), max: Math.max(...per) });

    await page.evaluate(() => {
      window.bench.unmount();
      window.bench.unmount(); // the floor scenario mounts two boxes
    });
    const after = await page.evaluate(() => window.bench.tickerState());
    console.log(`  after unmount: ${after.listeners} listeners, timer ${after.running ? 'still running (BUG)' : 'stopped'}`);
  }

  const floor = results.find((r) => r.scenario === 'floor')?.real ?? 0;
  console.log(`\nbudget ≤ ${BUDGET_MS} ms per tick (DESIGN.md), p50 per scenario:`);
  for (const r of results) {
    const verdict = (x: number) => (x <= BUDGET_MS ? 'ok' : 'OVER');
    const above = r.real - floor;
    console.log(
      `  ${r.scenario.padEnd(9)} ticker script ${f(r.script)} ms [${verdict(r.script)}]; synthetic script+style+layout ${f(r.p50)} ms [${verdict(r.p50)}]; ` +
        `script+frame ${f(r.real)} ms [${verdict(r.real)}]` +
        (r.scenario === 'floor' ? ' (any frame on this page)' : `, ${f(above)} ms above the floor [${verdict(above)}]`),
    );
  }
} finally {
  await browser.close();
}
