/**
 * Serving (issue 11): compressed text, caching by kind of file, page security headers on
 * every demo page, and one JSON access-log line per request without secrets. Before the
 * fix scripts went uncompressed, pages had no Referrer-Policy or framing policy, and
 * nothing was logged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PAGE_CSP, STRICT_CSP } from '../../gateway/http/csp.js';
import { redactPath } from '../../gateway/http/access-log.js';
import { servingFromEnv } from '../../gateway/http/serving-env.js';
import { ADMIN, startGateway, validReport, type TestGateway } from './helpers.js';

/** GET without fetch's transparent decompression: the bytes as they crossed the wire. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

// A bundle-like script: long enough to compress, repetitive like real minified code.
const SCRIPT = Array.from({ length: 400 }, (_, i) => `export const f${i}=(a,b)=>a.querySelector("lapor-${i % 7}")??b;`).join('\n');

describe('static text is compressed and cached by kind', () => {
  let g: TestGateway;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'lapor-root-'));
    mkdirSync(join(root, 'demo', 'pages'), { recursive: true });
    mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
    writeFileSync(join(root, 'demo', 'pages', 'index.html'), `<!doctype html><title>OPD</title>${'<p>Dinas Kesehatan</p>'.repeat(100)}`);
    writeFileSync(join(root, 'demo', 'pages', 'csp-strict.html'), '<!doctype html><title>CSP</title>');
    writeFileSync(join(root, 'demo', 'pages', 'opd.css'), 'body{margin:0}');
    writeFileSync(join(root, 'dist', 'lapor-widget.js'), SCRIPT);
    writeFileSync(join(root, 'dist', 'chunks', 'report-status-C2z00P00.js'), SCRIPT);
    writeFileSync(join(root, 'dist', 'chunks', 'unhashed.js'), SCRIPT);
    writeFileSync(join(root, 'dist', 'lapor-outbox-sw.js'), 'self.addEventListener("sync",()=>{});');
    g = await startGateway({ rootDir: root });
  });
  after(async () => {
    await g.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('scripts: brotli when accepted (even listed after gzip), else gzip, else as is; Vary: Accept-Encoding', async () => {
    const url = `${g.url}/dist/lapor-widget.js`;
    const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), SCRIPT);
    const gz = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), SCRIPT);
    const plain = await rawGet(url, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), SCRIPT);
    const refused = await rawGet(url, { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(refused.headers['content-encoding'], 'gzip');
    for (const r of [br, gz, plain]) assert.match(String(r.headers.vary), /Accept-Encoding/);
    assert.ok(br.body.length < gz.body.length && gz.body.length < SCRIPT.length / 5, `${br.body.length} < ${gz.body.length} < ${SCRIPT.length}/5`);
    // Revalidation still works on a compressed file.
    const again = await rawGet(url, { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) });
    assert.equal(again.status, 304);
  });

  it("the outbox's service worker is served at the root, as a script, so its scope covers the pages (issue 24)", async () => {
    const r = await rawGet(`${g.url}/lapor-outbox-sw.js`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/javascript/);
    assert.equal(r.body.toString(), 'self.addEventListener("sync",()=>{});');
  });

  it('pages are compressed too; tiny files are not', async () => {
    const page = await rawGet(`${g.url}/`, { 'Accept-Encoding': 'br' });
    assert.equal(page.headers['content-encoding'], 'br');
    const css = await rawGet(`${g.url}/opd.css`, { 'Accept-Encoding': 'br' });
    assert.equal(css.headers['content-encoding'], undefined);
  });

  it('hashed chunks are immutable; entry files and unhashed chunks revalidate after a short max-age; pages every time', async () => {
    const cache = async (path: string) => (await rawGet(g.url + path)).headers['cache-control'];
    assert.equal(await cache('/dist/chunks/report-status-C2z00P00.js'), 'public, max-age=31536000, immutable');
    assert.equal(await cache('/dist/lapor-widget.js'), 'public, max-age=300');
    assert.equal(await cache('/dist/chunks/unhashed.js'), 'public, max-age=300');
    assert.equal(await cache('/'), 'no-cache');
  });

  it('GET answers are gzip-compressed (Hono compress), and still answer 304 to the weak ETag; submits and event streams are not', async () => {
    const headers = { 'X-Lapor-Site-Key': 'demo-opd', 'Accept-Encoding': 'gzip' };
    const config = await rawGet(`${g.url}/v1/config`, headers);
    assert.equal(config.status, 200);
    assert.equal(config.headers['content-encoding'], 'gzip');
    assert.ok(JSON.parse(gunzipSync(config.body).toString()).institutions.length > 10);
    assert.match(String(config.headers.etag), /^W\//);
    assert.equal((await rawGet(`${g.url}/v1/config`, { ...headers, 'If-None-Match': String(config.headers.etag) })).status, 304);
    const report = await g.create();
    const submit = await fetch(`${g.url}/v1/reports`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(validReport()),
    });
    assert.equal(submit.status, 201);
    assert.equal(submit.headers.get('content-encoding'), null);
    await submit.body?.cancel();
    const watch = await g.api('/v1/watch', { body: { reports: [{ trackingId: report.trackingId, accessToken: report.accessToken }] } });
    const events = await fetch(`${g.url}/v1/events?ticket=${encodeURIComponent(watch.json.ticket)}`, { headers });
    assert.match(events.headers.get('content-type')!, /text\/event-stream/);
    assert.equal(events.headers.get('content-encoding'), null);
    await events.body?.cancel();
  });

  it('every page: CSP with frame-ancestors, X-Frame-Options, Referrer-Policy', async () => {
    for (const path of ['/', '/csp-strict.html']) {
      const r = await rawGet(g.url + path);
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /object-src 'none'; base-uri 'none'/, path);
      assert.equal(r.headers['x-frame-options'], 'DENY', path);
      assert.equal(r.headers['referrer-policy'], 'no-referrer', path);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    }
    assert.equal((await rawGet(`${g.url}/`)).headers['content-security-policy'], PAGE_CSP);
    assert.ok(String((await rawGet(`${g.url}/csp-strict.html`)).headers['content-security-policy']).startsWith(STRICT_CSP));
  });
});

describe("the repo's own pages (demo and gateway) all carry the page headers", () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('each demo/pages/*.html and gateway/pages/*.html', async () => {
    // A *.template.html is filled in by a route (the follow page: pages-and-cors.test.ts), not served as a file.
    const pages = ['demo', 'gateway'].flatMap((d) => readdirSync(new URL(`../../${d}/pages/`, import.meta.url)).filter((f) => f.endsWith('.html') && !f.endsWith('.template.html')));
    assert.ok(pages.length >= 5 && pages.includes('admin.html'), pages.join());
    for (const page of pages) {
      const r = await rawGet(`${g.url}/${page}`);
      assert.equal(r.status, 200, page);
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/, page);
      assert.equal(r.headers['x-frame-options'], 'DENY', page);
      assert.equal(r.headers['referrer-policy'], 'no-referrer', page);
    }
  });
});

describe('access log', () => {
  let g: TestGateway;
  const lines: string[] = [];
  before(async () => (g = await startGateway({ accessLog: (line) => lines.push(line) })));
  after(() => g.close());

  it('one JSON line per request, with no access code, admin token, ticket or query string', async () => {
    const report = await g.create();
    await g.api(`/v1/reports/${report.trackingId}`, { token: report.accessToken });
    const watch = await g.api('/v1/watch', { body: { reports: [{ trackingId: report.trackingId, accessToken: report.accessToken }] } });
    const ticket = watch.json.ticket as string;
    const events = await fetch(`${g.url}/v1/events?ticket=${encodeURIComponent(ticket)}`, { headers: { 'X-Lapor-Site-Key': 'demo-opd' } });
    await events.body?.cancel();
    await g.api('/v1/admin/reports', { token: ADMIN });
    // A client that puts a code where it does not belong still does not get it logged.
    await g.api(`/v1/reports/${report.accessToken}`);
    await g.api('/nope.html?code=' + report.accessToken);
    const before = lines.length;
    assert.ok(before >= 7, `${before} lines`);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of entries) {
      assert.match(String(e.requestId), /^req_/);
      assert.equal(typeof e.status, 'number');
      assert.equal(typeof e.ms, 'number');
      assert.match(String(e.time), /^\d{4}-\d\d-\d\dT/);
    }
    assert.deepEqual(
      entries.map((e) => `${e.method} ${e.status}`).slice(0, 3),
      ['POST 201', 'GET 200', 'POST 201'],
    );
    assert.ok(entries.some((e) => e.path === '/v1/events' && e.status === 200));
    assert.ok(entries.some((e) => e.path === '/v1/reports/:redacted'));
    const log = lines.join('\n');
    for (const secret of [report.accessToken, ticket, ADMIN, 'ticket=', 'code=', 'Bearer']) assert.ok(!log.includes(secret), `log contains ${secret}`);
  });

  it('redactPath keeps tracking numbers and route names, drops token-like segments', () => {
    assert.equal(redactPath('/v1/reports/LPR-AB12-CD34/followups'), '/v1/reports/LPR-AB12-CD34/followups');
    assert.equal(redactPath('/v1/events/abcdefghijklmnopqrstuvwxyz012345'), '/v1/events/:redacted');
    assert.equal(redactPath('/v1/admin/compliance'), '/v1/admin/compliance');
    assert.equal(redactPath('/dist/chunks/report-status-C2z00P00.js'), '/dist/chunks/report-status-C2z00P00.js');
    // An opt-out link's token is a capability for someone else's report: its MAC follows a dot.
    assert.equal(redactPath('/notify/stop/LPR-AB12-CD34.email.q1W2e3R4t5Y6u7I8o9P0aS'), '/notify/stop/:redacted');
    for (const code of ['7KQ4M9XDHT', '7KQ4M-9XDHT', '7kq4m-9xdht', '7KQ4M%209XDHT']) assert.equal(redactPath(`/v1/reports/${code}`), '/v1/reports/:redacted', code);
  });
});

describe('upload and access-log settings from the environment', () => {
  it('defaults: access log on stdout, upload defaults untouched; each setting parsed; nonsense refused', () => {
    const d = servingFromEnv({});
    assert.equal(typeof d.accessLog, 'function');
    assert.deepEqual(d.uploads, {});
    assert.equal(servingFromEnv({ LAPOR_ACCESS_LOG: 'off' }).accessLog, undefined);
    assert.deepEqual(servingFromEnv({ LAPOR_UPLOAD_TTL_HOURS: '6', LAPOR_UPLOAD_QUOTA: '20:30:15', LAPOR_MAX_IMAGE_MP: '24' }).uploads, {
      orphanTtlMs: 6 * 3_600_000,
      quota: { maxFiles: 20, maxBytes: 30 * 1024 * 1024, windowMs: 15 * 60_000 },
      maxImagePixels: 24_000_000,
    });
    assert.equal(servingFromEnv({ LAPOR_UPLOAD_QUOTA: 'off' }).uploads?.quota, false);
    for (const env of [{ LAPOR_UPLOAD_QUOTA: '20:30' }, { LAPOR_UPLOAD_TTL_HOURS: '-1' }, { LAPOR_ACCESS_LOG: 'syslog' }]) {
      assert.throws(() => servingFromEnv(env), JSON.stringify(env));
    }
  });
});
