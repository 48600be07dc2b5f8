import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_CSP, STRICT_CSP } from '../../gateway/http/csp.js';
import { startGateway, type TestGateway } from './helpers.js';

describe('health, errors, headers', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('/healthz answers 200 once migrated', async () => {
    const r = await g.api('/healthz', { siteKey: null });
    assert.equal(r.status, 200);
    assert.equal(r.json.ok, true);
    assert.ok(r.json.schemaVersion >= 1);
  });

  it('every response carries X-Request-Id and Date; errors have one shape, no stack', async () => {
    for (const [path, status] of [['/v1/nope', 404], ['/v1/config', 200], ['/nope.html', 404], ['/v1/reports/LPR-2222-2222', 404]] as const) {
      const r = await g.api(path);
      assert.equal(r.status, status, path);
      assert.match(r.headers.get('x-request-id') ?? '', /^req_/);
      assert.ok(r.headers.get('date'));
      if (status >= 400) {
        assert.deepEqual(Object.keys(r.json), ['error']);
        assert.equal(r.json.error.requestId, r.headers.get('x-request-id'));
        assert.doesNotMatch(r.text, /\bat \w+ \(|node_modules|\.ts:\d+/);
      }
    }
  });

  it('a JSON route refuses a body that is not declared JSON (415, localized), whatever it contains', async () => {
    const body = JSON.stringify({ reports: [{ trackingId: 'LPR-2222-2222', accessToken: 'a'.repeat(43) }] });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const r = await fetch(`${g.url}/v1/watch`, {
        method: 'POST',
        headers: { 'X-Lapor-Site-Key': 'demo-opd', 'Accept-Language': 'en', ...(type ? { 'Content-Type': type } : {}) },
        body,
      });
      const json = (await r.json()) as { error: { code: string; message: string } };
      assert.equal(r.status, 415, type);
      assert.equal(json.error.code, 'unsupported_media_type');
      assert.match(json.error.message, /must be JSON/);
    }
    const ok = await g.api('/v1/watch', { method: 'POST', body: JSON.parse(body), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.notEqual(ok.status, 415);
  });

  it('/v1/config: reference data, policies, serverTime, ETag → 304', async () => {
    const r = await g.api('/v1/config');
    assert.equal(r.json.institutions.filter((i: any) => i.kind === 'kecamatan').length, 25);
    assert.ok(r.json.institutions.some((i: any) => i.kind === 'rsud'));
    assert.ok(r.json.institutions.some((i: any) => i.kind === 'puskesmas' && i.parentId === 'opd-dinkes'));
    assert.ok(r.json.categories.some((c: any) => c.name.en === 'Damaged roads' && c.parentId === 'cat-infrastruktur'));
    assert.equal(r.json.slaPolicies.kecamatan.clocks.find((c: any) => c.id === 'local.handle').limit.amount, 2);
    assert.equal(r.json.slaPolicies.opd.clocks.find((c: any) => c.id === 'local.handle').limit.amount, 4);
    assert.ok(Math.abs(Date.parse(r.json.serverTime) - Date.now()) < 5000);
    const etag = r.headers.get('etag')!;
    const again = await g.api('/v1/config', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  it('institution and location search (accent/case-insensitive)', async () => {
    const inst = await g.api('/v1/institutions?q=PUSKESMAS%20kabat');
    assert.deepEqual(inst.json.items.map((i: any) => i.id), ['pkm-kabat']);
    const loc = await g.api(`/v1/locations?q=${encodeURIComponent('kemirén')}`);
    assert.equal(loc.json.items[0].path, 'Desa Kemiren, Kecamatan Glagah, Kabupaten Banyuwangi');
    const none = await g.api('/v1/locations?q=zzzz');
    assert.deepEqual(none.json.items, []);
  });
});

describe('CORS and site keys', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('preflight from an allowed origin lists the headers; a foreign origin is refused', async () => {
    const ok = await fetch(`${g.url}/v1/reports`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key,x-lapor-site-key' },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    for (const h of ['Content-Type', 'Idempotency-Key', 'Authorization', 'X-Lapor-Site-Key', 'Last-Event-ID', 'If-None-Match']) {
      assert.match(ok.headers.get('access-control-allow-headers')!, new RegExp(h));
    }
    const bad = await fetch(`${g.url}/v1/reports`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(bad.status, 403);
    assert.equal(bad.headers.get('access-control-allow-origin'), null);
  });

  it('requests get CORS headers only for their own site key\'s origins', async () => {
    const ok = await g.api('/v1/config', { headers: { Origin: 'http://127.0.0.1:9999' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://127.0.0.1:9999');
    assert.match(ok.headers.get('access-control-expose-headers')!, /X-Request-Id.*ETag.*Retry-After.*Date/);
    // desa.example is allowed for portal-desa, not for demo-opd.
    const wrongKey = await g.api('/v1/config', { headers: { Origin: 'https://desa.example' } });
    assert.equal(wrongKey.status, 403);
    assert.equal(wrongKey.json.error.code, 'origin_not_allowed');
    assert.equal(wrongKey.headers.get('access-control-allow-origin'), null);
    const rightKey = await g.api('/v1/config', { siteKey: 'portal-desa', headers: { Origin: 'https://desa.example' } });
    assert.equal(rightKey.status, 200);
    assert.equal(rightKey.headers.get('access-control-allow-origin'), 'https://desa.example');
    const evil = await g.api('/v1/config', { headers: { Origin: 'https://evil.example' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    // localhost:* does not match a look-alike host.
    assert.equal((await g.api('/v1/config', { headers: { Origin: 'http://localhost.evil.example' } })).status, 403);
  });

  it('same-origin and Origin-less requests need no CORS', async () => {
    const host = new URL(g.url).host;
    const same = await g.api('/v1/config', { siteKey: 'portal-desa', headers: { Origin: `http://${host}` } });
    assert.equal(same.status, 200);
    assert.equal(same.headers.get('access-control-allow-origin'), null);
  });

  it('the event stream checks the origin against the ticket\'s site key', async () => {
    const a = await g.create();
    const w = await g.api('/v1/watch', { body: { reports: [{ trackingId: a.trackingId, accessToken: a.accessToken }] } });
    const evil = await fetch(`${g.url}/v1/events?ticket=${w.json.ticket}`, { headers: { Origin: 'https://desa.example' } });
    assert.equal(evil.status, 403);
    const ok = await fetch(`${g.url}/v1/events?ticket=${w.json.ticket}`, { headers: { Origin: 'http://localhost:3000' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://localhost:3000');
    await ok.body?.cancel();
  });
});

describe('static files', () => {
  let g: TestGateway;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'lapor-root-'));
    mkdirSync(join(root, 'demo', 'pages'), { recursive: true });
    mkdirSync(join(root, 'dist', 'chunks'), { recursive: true });
    writeFileSync(join(root, 'demo', 'pages', 'index.html'), '<!doctype html><title>OPD</title>');
    writeFileSync(join(root, 'demo', 'pages', 'csp-strict.html'), '<!doctype html><title>CSP</title>');
    writeFileSync(join(root, 'demo', 'pages', 'csp-strict.js'), 'console.log(1)');
    writeFileSync(join(root, 'dist', 'lapor-embed.js'), 'void 0');
    writeFileSync(join(root, 'dist', 'chunks', 'report-status-DXzUMY2g.js'), 'void 0');
    writeFileSync(join(root, 'dist', 'lapor-countdowns.js'), 'void 0');
    g = await startGateway({ rootDir: root });
  });
  after(async () => {
    await g.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the pages at the root, with the strict CSP on /csp-strict.html only', async () => {
    const index = await fetch(`${g.url}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type')!, /text\/html/);
    assert.equal(index.headers.get('content-security-policy'), PAGE_CSP);
    assert.match(await index.text(), /OPD/);
    const csp = await fetch(`${g.url}/csp-strict.html`);
    assert.ok(csp.headers.get('content-security-policy')!.startsWith(`${STRICT_CSP}; `));
    assert.match(STRICT_CSP, /require-trusted-types-for 'script'; trusted-types lit-html lapor-embed/);
    await csp.body?.cancel();
    const js = await fetch(`${g.url}/csp-strict.js`);
    assert.match(js.headers.get('content-type')!, /text\/javascript/);
    await js.body?.cancel();
    assert.equal((await fetch(`${g.url}/smart-kampung.html`)).status, 404);
  });

  it('serves dist with content type and caching; refuses path traversal', async () => {
    const embed = await fetch(`${g.url}/dist/lapor-embed.js`);
    assert.equal(embed.status, 200);
    assert.match(embed.headers.get('content-type')!, /text\/javascript/);
    assert.equal(embed.headers.get('cache-control'), 'public, max-age=300');
    const etag = embed.headers.get('etag')!;
    await embed.body?.cancel();
    assert.equal((await fetch(`${g.url}/dist/lapor-embed.js`, { headers: { 'If-None-Match': etag } })).status, 304);
    const chunk = await fetch(`${g.url}/dist/chunks/report-status-DXzUMY2g.js`);
    assert.match(chunk.headers.get('cache-control')!, /immutable/);
    assert.equal(chunk.headers.get('access-control-allow-origin'), '*', 'module chunks may be imported cross-origin');
    await chunk.body?.cancel();
    const plain = await fetch(`${g.url}/dist/lapor-countdowns.js`);
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=300');
    await plain.body?.cancel();
    for (const p of ['/dist/..%2Fdemo%2Fpages%2Findex.html', '/dist/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2Fetc%2Fpasswd']) {
      assert.equal((await fetch(`${g.url}${p}`)).status, 404, p);
    }
  });
});

describe('the repo\'s own demo pages and build (whatever exists)', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('serves each page that exists, 404 for the ones that do not', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    for (const [path, file] of [
      ['/', 'demo/pages/index.html'],
      ['/smart-kampung.html', 'demo/pages/smart-kampung.html'],
      ['/csp-strict.html', 'demo/pages/csp-strict.html'],
      ['/dist/lapor-embed.js', 'dist/lapor-embed.js'],
    ] as const) {
      const res = await fetch(g.url + path);
      await res.body?.cancel();
      assert.equal(res.status, existsSync(join(root, file)) ? 200 : 404, path);
      if (path === '/csp-strict.html' && res.status === 200) assert.ok(res.headers.get('content-security-policy')!.startsWith(STRICT_CSP));
    }
  });
});
