/**
 * Script insertion → interactive form, in headless Chromium, ours vs Typebot's standard
 * embed, on the same localhost origin (bench/load-time-server.ts), with 4× CPU throttling
 * and a slow-3G profile (400 ms RTT, 400 kbit/s each way) applied through CDP, a fresh
 * context (empty cache) per run, runs interleaved.
 *
 * "Interactive form" is the same milestone for both: the first visible, enabled text field
 * (input or textarea) inside the embed's shadow tree. For ours that is "Judul laporan" in
 * the dialog opened by the queued `LaporWidget('open')`; for Typebot it is its text input
 * under the first bubble, after its startChat call (answered locally). t0 is
 * `performance.now()` right before the embed's script element is inserted.
 * Long tasks (PerformanceObserver 'longtask') are counted from page start to ready + 500 ms.
 */
import type { Browser } from 'playwright-core';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export type Contestant = 'ours' | 'typebot';

export interface LoadRun {
  contestant: Contestant;
  /** ms from script insertion to the first interactive text field. */
  readyMs: number;
  longTasks: number;
  longTaskMs: number;
  /** Σ (duration − 50 ms) of long tasks: Lighthouse's total blocking time, over the load. */
  blockingMs: number;
}

export interface ScriptBytes {
  files: { url: string; raw: number; gz: number; br: number }[];
  raw: number;
  gz: number;
  br: number;
}

const EMBED_TAG: Record<Contestant, string> = { ours: 'lapor-widget', typebot: 'typebot-standard' };

/** Injected as a string (no bundler helpers): polls the embed's shadow tree for a text field. */
const POLLER = (tag: string) => `(() => {
  const TAG = ${JSON.stringify(tag)};
  const visibleField = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const n = el.localName;
      if ((n === 'textarea' || (n === 'input' && /^(text|search|email|tel|)$/.test(el.type || ''))) && !el.disabled && el.getClientRects().length) return true;
      if (el.shadowRoot && visibleField(el.shadowRoot)) return true;
    }
    return false;
  };
  const tick = () => {
    const b = window.__bench;
    const host = document.querySelector(TAG);
    if (b && b.t0 && host && host.shadowRoot && visibleField(host.shadowRoot)) { b.tReady = performance.now(); return; }
    setTimeout(tick, 16);
  };
  setTimeout(tick, 0);
})();`;

export async function measureLoad(browser: Browser, base: string, contestant: Contestant, throttle = true): Promise<LoadRun> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'id-ID' });
  try {
    await context.addInitScript(POLLER(EMBED_TAG[contestant]));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 400,
        downloadThroughput: (400 * 1000) / 8,
        uploadThroughput: (400 * 1000) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    await page.goto(`${base}/${contestant}.html`);
    await page.waitForFunction(() => (window as unknown as { __bench: { tReady?: number } }).__bench.tReady, undefined, { timeout: 120_000, polling: 100 });
    await page.waitForTimeout(500);
    const b = await page.evaluate(() => (window as unknown as { __bench: { t0: number; tReady: number; longTasks: { start: number; duration: number }[] } }).__bench);
    const tasks = b.longTasks.filter((t) => t.start <= b.tReady + 500);
    return {
      contestant,
      readyMs: b.tReady - b.t0,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
      blockingMs: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
    };
  } finally {
    await context.close();
  }
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 9 }).length;
const br = (buf: Buffer) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

/**
 * Every script the browser fetched from insertion to the interactive form (unthrottled run),
 * each compressed on its own as it would travel from a CDN.
 */
export async function scriptBytes(browser: Browser, base: string, contestant: Contestant): Promise<ScriptBytes> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
  const bodies: Promise<{ url: string; body: Buffer } | undefined>[] = [];
  try {
    await context.addInitScript(POLLER(EMBED_TAG[contestant]));
    const page = await context.newPage();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) bodies.push(res.body().then((body) => ({ url: new URL(res.url()).pathname, body })).catch(() => undefined));
    });
    await page.goto(`${base}/${contestant}.html`);
    await page.waitForFunction(() => (window as unknown as { __bench: { tReady?: number } }).__bench.tReady, undefined, { timeout: 60_000, polling: 100 });
    const files = (await Promise.all(bodies)).filter((x) => x !== undefined).map((f) => ({ url: f.url, raw: f.body.length, gz: gz(f.body), br: br(f.body) }));
    return { files, raw: files.reduce((s, f) => s + f.raw, 0), gz: files.reduce((s, f) => s + f.gz, 0), br: files.reduce((s, f) => s + f.br, 0) };
  } finally {
    await context.close();
  }
}
