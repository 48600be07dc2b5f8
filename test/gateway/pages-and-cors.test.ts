/**
 * Issue 23, "the rest of the table":
 * - `//admin.html` was served without the Trusted Types policy (the CSP was chosen by the
 *   URL's spelling, not by the file): every spelling of a page now gets the same CSP;
 * - the admin API answered CORS for every citizen site-key origin: now only for
 *   LAPOR_ADMIN_ORIGINS (none by default, same-origin);
 * - in production (no LAPOR_PAGES_DIR) `/r/LPR-…` links in messages were 404: the gateway
 *   ships its own follow page; a follow.html in LAPOR_PAGES_DIR still replaces it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '../../gateway/config.js';
import { STRICT_CSP } from '../../gateway/http/csp.js';
import { followSiteKey } from '../../gateway/routes/follow-page.js';
import { REPO_ROOT } from '../../gateway/gateway.js';
import { ADMIN, SseReader, startGateway, type TestGateway } from './helpers.js';

/** A GET whose path goes on the wire exactly as written (fetch would normalize it). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const GATEWAY_PAGES = join(REPO_ROOT, 'gateway', 'pages');

describe('every spelling of a page gets that page\'s CSP', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('/admin.html and /csp-strict.html: the strict policy with Trusted Types, however the URL is written', async () => {
    for (const page of ['admin.html', 'csp-strict.html']) {
      const first = await rawGet(g.url, `/${page}`);
      assert.equal(first.status, 200);
      const etag = String(first.headers.etag);
      const variants: [string, Record<string, string>, string?][] = [
        [`/${page}`, {}],
        [`//${page}`, {}],
        [`///${page}`, {}],
        [`/./${page}`, {}],
        [`/x/../${page}`, {}],
        [`/%2F${page}`, {}],
        [`/${encodeURIComponent(page[0]!).replace(page[0]!, `%${page.charCodeAt(0).toString(16)}`)}${page.slice(1)}`, {}],
        [`/${page}?v=2`, {}],
        [`/${page}`, { 'Accept-Encoding': 'br' }],
        [`/${page}`, { 'Accept-Encoding': 'gzip' }],
        [`//${page}`, { 'If-None-Match': etag }],
        [`//${page}`, {}, 'HEAD'],
      ];
      for (const [path, headers, method] of variants) {
        const r = await rawGet(g.url, path, headers, method);
        assert.ok(r.status === 200 || r.status === 304, `${method ?? 'GET'} ${path}: ${r.status}`);
        const csp = String(r.headers['content-security-policy']);
        assert.ok(csp.startsWith(STRICT_CSP), `${method ?? 'GET'} ${path} ${JSON.stringify(headers)}: ${csp}`);
        assert.match(csp, /require-trusted-types-for 'script'; trusted-types lit-html lapor-embed/);
        assert.equal(r.headers['x-frame-options'], 'DENY');
      }
    }
    // The demo pages keep their own policy (no Trusted Types: they stand for sites without), whatever the spelling.
    for (const path of ['/', '/index.html', '//index.html', '/smart-kampung.html', '//smart-kampung.html']) {
      const r = await rawGet(g.url, path);
      assert.equal(r.status, 200, path);
      assert.doesNotMatch(String(r.headers['content-security-policy']), /trusted-types/, path);
      assert.match(String(r.headers['content-security-policy']), /object-src 'none'/, path);
    }
  });

});

describe('admin CORS: LAPOR_ADMIN_ORIGINS only', () => {
  const CITIZEN_SITE = 'http://localhost:5173'; // allowed by the demo site keys
  const INTRANET = 'https://intranet.dinkes.example';
  let closed: TestGateway;
  let open: TestGateway;
  before(async () => {
    closed = await startGateway();
    open = await startGateway({ adminOrigins: [INTRANET] });
  });
  after(async () => {
    await closed.close();
    await open.close();
  });

  const preflight = (g: TestGateway, path: string, origin: string) =>
    fetch(`${g.url}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
  const adminGet = (g: TestGateway, path: string, origin?: string) =>
    fetch(`${g.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN}`, ...(origin ? { Origin: origin } : {}) } });

  it('by default a citizen site\'s origin gets no CORS on the admin API: preflight and request refused', async () => {
    const pre = await preflight(closed, '/v1/admin/reports', CITIZEN_SITE);
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const r = await adminGet(closed, '/v1/admin/reports', CITIZEN_SITE);
    assert.equal(r.status, 403);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.equal((await r.json()).error.code, 'origin_not_allowed');
    // The same origin keeps its CORS on citizen routes.
    const config = await fetch(`${closed.url}/v1/config`, { headers: { Origin: CITIZEN_SITE, 'X-Lapor-Site-Key': 'demo-opd' } });
    assert.equal(config.headers.get('access-control-allow-origin'), CITIZEN_SITE);
    // Same-origin and non-browser callers are not CORS at all.
    assert.equal((await adminGet(closed, '/v1/admin/reports')).status, 200);
    assert.equal((await adminGet(closed, '/v1/admin/reports', new URL(closed.url).origin)).status, 200);
  });

  it('the admin event stream refuses a citizen site\'s origin too', async () => {
    const t = await (await fetch(`${closed.url}/v1/admin/watch`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } })).json();
    const stream = new SseReader(`${closed.url}/v1/admin/events?ticket=${t.ticket}`, { Origin: CITIZEN_SITE });
    await stream.opened;
    assert.equal(stream.status, 403);
    stream.close();
  });

  it('an origin in LAPOR_ADMIN_ORIGINS gets CORS on every admin route, a citizen site still none', async () => {
    const pre = await preflight(open, '/v1/admin/reports', INTRANET);
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), INTRANET);
    assert.match(pre.headers.get('access-control-allow-headers')!, /Authorization/);
    const r = await adminGet(open, '/v1/admin/reports', INTRANET);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), INTRANET);
    const t = await (await fetch(`${open.url}/v1/admin/watch`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, Origin: INTRANET } })).json();
    const stream = new SseReader(`${open.url}/v1/admin/events?ticket=${t.ticket}`, { Origin: INTRANET });
    await stream.opened;
    assert.equal(stream.status, 200);
    assert.equal(stream.headers!.get('access-control-allow-origin'), INTRANET);
    stream.close();
    assert.equal((await adminGet(open, '/v1/admin/reports', CITIZEN_SITE)).status, 403);
    // An intranet origin is not a citizen site: the widget's routes do not answer it.
    assert.equal((await preflight(open, '/v1/config', INTRANET)).status, 403);
  });

  it('LAPOR_ADMIN_ORIGINS: a comma-separated list of origins; "*" and paths are refused', () => {
    assert.deepEqual(configFromEnv({ LAPOR_ADMIN_ORIGINS: ' https://a.example, http://localhost:* ' }).adminOrigins, ['https://a.example', 'http://localhost:*']);
    assert.deepEqual(configFromEnv({}).adminOrigins, []);
    assert.throws(() => configFromEnv({ LAPOR_ADMIN_ORIGINS: '*' }), /any site/);
    assert.throws(() => configFromEnv({ LAPOR_ADMIN_ORIGINS: 'https://a.example/admin' }), /not an origin/);
  });
});

describe('the follow page /r/LPR-… in production', () => {
  let g: TestGateway;
  let own: TestGateway;
  const operatorPages = mkdtempSync(join(tmpdir(), 'lapor-pages-'));
  before(async () => {
    // As `npm run start:gateway` without LAPOR_PAGES_DIR: the gateway's own pages only.
    g = await startGateway({ pagesDirs: [GATEWAY_PAGES], siteKeys: { 'dinkes-bwi': { origins: ['https://dinkes.example'], channel: 'web' } } });
    writeFileSync(join(operatorPages, 'follow.html'), '<!doctype html><title>Operator follow page</title>');
    own = await startGateway({ pagesDirs: [operatorPages, GATEWAY_PAGES] });
  });
  after(async () => {
    await g.close();
    await own.close();
    rmSync(operatorPages, { recursive: true, force: true });
  });

  it('shows <lapor-report-status> for that tracking id, in the reader\'s language, under the strict CSP', async () => {
    const { trackingId } = await g.create(undefined, { siteKey: 'dinkes-bwi' });
    const res = await fetch(`${g.url}/r/${trackingId.toLowerCase()}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    assert.ok(csp.startsWith(STRICT_CSP), csp);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await res.text();
    assert.match(html, new RegExp(`<lapor-report-status tracking-id="${trackingId}"></lapor-report-status>`));
    assert.match(html, /<html lang="id">/);
    assert.match(html, new RegExp(`<title>Lacak laporan ${trackingId} — LAPOR!</title>`));
    assert.match(html, /<script src="\/follow-report.js"><\/script>/);
    assert.match(html, /data-site-key="dinkes-bwi"/, 'the configured web key');
    assert.doesNotMatch(html, /\{\{|<script>|style=/, 'no placeholder left, nothing inline');
    const en = await (await fetch(`${g.url}/r/${trackingId}`, { headers: { 'Accept-Language': 'en' } })).text();
    assert.match(en, new RegExp(`<title>Track report ${trackingId} — LAPOR!</title>`));
    assert.match(en, /<html lang="en">/);
    const script = await fetch(`${g.url}/follow-report.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /history\.replaceState[\s\S]*accessToken = decodeURIComponent\(code\)/);
    assert.equal((await fetch(`${g.url}/follow.template.html`)).status, 404, 'the template itself is not a page');
    // A follow.html of the operator's (LAPOR_PAGES_DIR) replaces it.
    const mine = await own.create();
    assert.match(await (await fetch(`${own.url}/r/${mine.trackingId}`)).text(), /Operator follow page/);
  });

  it('its site key: LAPOR_FOLLOW_SITE_KEY, else the first web key, else the first; an unknown one stops the start', () => {
    const keys = { portal: { origins: [], channel: 'smart_kampung' as const }, opd: { origins: [], channel: 'web' as const } };
    assert.equal(followSiteKey(keys, undefined), 'opd');
    assert.equal(followSiteKey(keys, 'portal'), 'portal');
    assert.equal(followSiteKey({ portal: keys.portal }, undefined), 'portal');
    assert.throws(() => followSiteKey(keys, 'nope'), /LAPOR_FOLLOW_SITE_KEY/);
  });
});
