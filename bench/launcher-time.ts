/**
 * When can a citizen on a slow phone tap the launcher? (issue 27, DESIGN.md's "the floating
 * launcher on a 2 s-RTT / 50 kB/s phone"). An OPD page with the pasted tag (default
 * `data-load`, idle), in headless Chromium with CDP's Network.emulateNetworkConditions
 * (2,000 ms latency, 50 kB/s each way) and Emulation.setCPUThrottlingRate 4, a fresh
 * context (empty cache) per run. Time from navigation start to the first launcher button
 * on screen (the painted one, `<lapor-embed-launcher>`, or `<lapor-widget>`'s), polled
 * every animation frame; also DOMContentLoaded and the bundle's own launcher.
 *
 * Side by side, interleaved (the machine is noisy): this checkout's dist/ as pasted; the
 * same with `<link rel="preload" as="script" href="…/lapor-launcher.js">` in the page's
 * head (the painter then travels with the loader instead of one round trip after it);
 * the same with the painter inside lapor-embed.js (the two files concatenated: what the
 * loader's 1.5 kB ceiling forbids, measured to know its price); and another checkout's
 * (the code before a change: `--base=/path/to/checkout`, built).
 *
 *   node --import tsx bench/launcher-time.ts --base=/tmp/base --runs=3
 *
 * Run it under the bench and browser locks on a shared machine.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(arg('runs') ?? 3);
const HERE = join(import.meta.dirname, '..');
const BASE = arg('base');

const page = (head = '') => `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>OPD</title>${head}</head>
<body><main><h1>Dinas Kesehatan Kabupaten Banyuwangi</h1><p>Konten halaman.</p></main>
<script async src="/dist/lapor-embed.js" data-site-key="demo-opd" data-lang="id"></script>
</body></html>`;

/** Records, per animation frame, when a launcher first shows (painted or the bundle's). */
const PROBE = `(() => {
  const seen = (window.__launcher = {});
  const visible = (host) => {
    const b = host && host.shadowRoot && host.shadowRoot.querySelector('[part="launcher"]');
    if (!b) return false;
    const r = b.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  };
  const tick = () => {
    const painted = visible(document.querySelector('lapor-embed-launcher'));
    const real = visible(document.querySelector('lapor-widget'));
    if ((painted || real) && seen.first === undefined) seen.first = performance.now();
    if (real && seen.real === undefined) seen.real = performance.now();
    if (seen.real === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

/** A static origin for one checkout: the page, its dist/, 404 for the API. Text goes gzip -9. */
type Variant = 'pasted' | 'preload' | 'inline';
function serve(root: string, variant: Variant): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: Buffer | undefined;
    let type = 'text/html';
    if (path === '/') body = Buffer.from(page(variant === 'preload' ? '<link rel="preload" as="script" href="/dist/lapor-launcher.js">' : ''));
    else if (path === '/dist/lapor-embed.js' && variant === 'inline') {
      // The painter runs right after the loader's stub exists; the loader's own fetch of it
      // then finds it painted already (launcher.ts returns when `l` is set).
      body = Buffer.concat([readFileSync(join(root, 'dist/lapor-embed.js')), Buffer.from('\n'), readFileSync(join(root, 'dist/lapor-launcher.js'))]);
      type = 'text/javascript';
    } else if (path.startsWith('/dist/')) {
      const file = normalize(join(root, path));
      if (file.startsWith(join(root, 'dist')) && existsSync(file)) {
        body = readFileSync(file);
        type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      }
    }
    if (!body) return void res.writeHead(404).end();
    const gz = /gzip/.test(String(req.headers['accept-encoding'])) && /text|javascript|json/.test(type);
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(gz ? { 'Content-Encoding': 'gzip' } : {}) });
    res.end(gz ? gzipSync(body, { level: 9 }) : body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

interface Run {
  which: string;
  firstMs: number;
  realMs: number;
  dclMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const sides: { which: string; root: string; variant: Variant }[] = [
  { which: 'as pasted', root: HERE, variant: 'pasted' },
  { which: '+ preload', root: HERE, variant: 'preload' },
  { which: 'one file', root: HERE, variant: 'inline' },
];
if (BASE) sides.push({ which: 'base', root: BASE, variant: 'pasted' });
for (const { root } of sides) if (!existsSync(join(root, 'dist/lapor-embed.js'))) throw new Error(`${root}: not built (npm run build)`);

const servers = await Promise.all(sides.map((s) => serve(s.root, s.variant)));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
const runs: Run[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    // Alternate which side goes first.
    const order = i % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
    if (i === 0) console.error('one file = lapor-embed.js with the painter inside: %d B gz', gzipSync(Buffer.concat([readFileSync(join(HERE, 'dist/lapor-embed.js')), readFileSync(join(HERE, 'dist/lapor-launcher.js'))]), { level: 9 }).length);
    for (const k of order) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.addInitScript(PROBE);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(servers[k]!.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await page.waitForFunction(() => (window as unknown as { __launcher: { real?: number } }).__launcher.real !== undefined, undefined, { timeout: 120_000, polling: 100 });
      const r = await page.evaluate(() => {
        const l = (window as unknown as { __launcher: { first: number; real: number } }).__launcher;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { firstMs: l.first, realMs: l.real, dclMs: nav.domContentLoadedEventStart };
      });
      runs.push({ which: sides[k]!.which, ...r });
      console.error(`${sides[k]!.which}: launcher ${(r.firstMs / 1000).toFixed(2)} s, the bundle's ${(r.realMs / 1000).toFixed(2)} s, DOMContentLoaded ${(r.dclMs / 1000).toFixed(2)} s`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const { server } of servers) server.close();
}

console.log('launcher tappable on a 2 s-RTT / 50 kB/s phone, 4x CPU (median of %d, interleaved):', RUNS);
for (const { which } of sides) {
  const mine = runs.filter((r) => r.which === which);
  console.log(
    `  ${which.padEnd(10)} launcher ${(median(mine.map((r) => r.firstMs)) / 1000).toFixed(2)} s   the bundle's launcher ${(median(mine.map((r) => r.realMs)) / 1000).toFixed(2)} s   DOMContentLoaded ${(median(mine.map((r) => r.dclMs)) / 1000).toFixed(2)} s   runs: ${mine.map((r) => (r.firstMs / 1000).toFixed(2)).join(', ')}`,
  );
}
