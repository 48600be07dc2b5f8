/**
 * One localhost origin for both contestants of the load-time benchmark, so they see the
 * same network: host pages that insert a script at a known instant, Typebot's web bundle
 * from node_modules, and everything else (/dist, /v1) proxied to the real gateway.
 * Text (HTML, JS, JSON) goes out gzip -9 when the browser asks, as any CDN or the
 * gateway's reverse proxy would send it, for both sides alike; byte figures are computed
 * separately with gzip -9 / brotli 11.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REPO = join(import.meta.dirname, '..');
export const TYPEBOT_WEB = join(REPO, 'node_modules/@typebot.io/js/dist/web.js');

/**
 * Both host pages: an empty page that observes long tasks from the start, then at t0
 * inserts the embed the way its vendor documents it. `window.__bench` collects results.
 */
const PRELUDE = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title>
<script>
window.__bench = { longTasks: [], t0: 0 };
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
} catch (e) {}
</script></head><body><main><h1>Halaman OPD</h1><p>Konten halaman.</p></main>`;

/** Ours: the OPD snippet, with the documented command queue used to open the form at once. */
const OURS = `${PRELUDE}
<script>
window.LaporWidget = window.LaporWidget || function(){(LaporWidget.q=LaporWidget.q||[]).push(arguments)};
LaporWidget('open');
window.__bench.t0 = performance.now();
var s = document.createElement('script');
s.async = true; s.src = '/dist/lapor-embed.js';
s.dataset.siteKey = 'demo-opd'; s.dataset.lang = 'id'; s.dataset.api = '';
document.body.appendChild(s);
</script></body></html>`;

/** Typebot's documented standard embed (module import + initStandard), with a dummy bot id. */
const TYPEBOT = `${PRELUDE}
<typebot-standard style="width: 100%; height: 600px"></typebot-standard>
<script>
window.__bench.t0 = performance.now();
var s = document.createElement('script');
s.type = 'module';
s.textContent = "import Typebot from '/typebot/web.js'; Typebot.initStandard({ typebot: 'dummy-bot', apiHost: location.origin });";
document.body.appendChild(s);
</script></body></html>`;

const TYPEBOT_START = {
  sessionId: 'bench-session',
  resultId: 'bench-result',
  typebot: { id: 'dummy-bot', version: '6', theme: {}, settings: {}, publishedAt: '2026-01-01T00:00:00.000Z' },
  messages: [{ id: 'm1', type: 'text', content: { type: 'richText', richText: [{ type: 'p', children: [{ text: 'Apa keluhan Anda?' }] }] } }],
  input: { id: 'i1', type: 'text input', options: { labels: { placeholder: 'Ketik jawaban Anda…', button: 'Kirim' } } },
};

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

const gzCache = new Map<Buffer, Buffer>();
/** Sends `body`, gzip -9 when accepted and textual (cached: the same bytes are sent every run). */
function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  const type = headers['content-type'] ?? '';
  if (/gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /javascript|json|html|css/.test(type) && body.length > 512) {
    let gz = gzCache.get(body);
    if (!gz) {
      gz = gzipSync(body, { level: 9 });
      if (gzCache.size < 64) gzCache.set(body, gz);
    }
    res.writeHead(status, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
    return void res.end(gz);
  }
  res.writeHead(status, headers);
  res.end(body);
}

export async function startBenchServer(gatewayUrl: string): Promise<BenchServer> {
  const typebot = readFileSync(TYPEBOT_WEB);
  const OURS_BUF = Buffer.from(OURS);
  const TYPEBOT_BUF = Buffer.from(TYPEBOT);
  const distCache = new Map<string, Buffer>();
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ours.html' || path === '/typebot.html') {
      return send(req, res, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, path === '/ours.html' ? OURS_BUF : TYPEBOT_BUF);
    }
    if (path === '/typebot/web.js') {
      return send(req, res, 200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }, typebot);
    }
    if (path.startsWith('/api/')) {
      // Typebot's first call: answered locally with a one-question bot (text bubble +
      // text input), the smallest reply its embed accepts, so that its "interactive form"
      // is the same milestone as ours: a focusable input.
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      return res.end(JSON.stringify(TYPEBOT_START));
    }
    // Everything else is the gateway's: the embed, its chunks, /v1.
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'accept-encoding') headers[k] = v;
    try {
      const upstream = await fetch(gatewayUrl + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      // Static files are the same bytes every run: key the gzip cache on one Buffer per path.
      const stable = req.method === 'GET' && path.startsWith('/dist/') ? (distCache.get(path)?.equals(body) ? distCache.get(path)! : (distCache.set(path, body), body)) : body;
      send(req, res, upstream.status, out, stable);
    } catch (error) {
      res.writeHead(502);
      res.end(String(error));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
