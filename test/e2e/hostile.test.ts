/**
 * Hostile input run against the real gateway process, with raw fetch (not the SDK, which
 * would refuse much of this before sending). Every case must end one of two ways:
 *  - refused: a 4xx (never a 5xx) in the one error shape, `{error: {code, message, fields?}}`,
 *    the message localized, and the offending field named when there is one;
 *  - stored: 201, and reading the report back returns the text exactly as sent, as JSON.
 * The gateway must stay healthy throughout. Then stored hostile reports are rendered by
 * <lapor-report-status> in Chromium: no script may run and no element may come from user text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '../../src/contract/index.js';
import { request as httpRequest } from 'node:http';
import { closeBrowser, eventually, GatewayProcess, newContext, validReport } from './helpers.js';

type Expect = 'refuse' | 'store' | 'either';
interface Case {
  name: string;
  expect: Expect;
  /** Field path the refusal must name (validation errors). */
  field?: string;
  /** Error code the refusal must carry. */
  code?: string;
  path?: string;
  body: BodyInit;
  headers?: Record<string, string>;
  /** For stored reports: the fields whose text must come back unchanged. */
  echo?: Record<string, string>;
}

const XSS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">klik</a>',
  '{{constructor.constructor("window.__pwned=1")()}} ${window.__pwned=1}',
];

const json = (o: unknown) => JSON.stringify(o);
/** Pads a payload to the field's minimum length so it is judged on its content alone. */
const padTitle = (s: string) => `Laporan ${s}`.slice(0, 150);
const padBody = (s: string) => `Isi laporan dengan teks aneh berikut: ${s} mohon ditindaklanjuti.`;

const cases: Case[] = [];
// Markup and handlers in every free-text field: stored as text, rendered as text.
for (const [i, x] of XSS.entries()) {
  const title = padTitle(x);
  const body = padBody(x);
  const loc = `Jl. ${x}`.slice(0, 200);
  cases.push({ name: `markup #${i} in title`, expect: 'store', body: json(validReport({ title })), echo: { title } });
  cases.push({ name: `markup #${i} in body`, expect: 'store', body: json(validReport({ body })), echo: { body } });
  cases.push({ name: `markup #${i} in location.text`, expect: 'store', body: json(validReport({ location: { text: loc } })), echo: { 'location.text': loc } });
  cases.push({
    name: `markup #${i} in reporter.name`,
    expect: 'either',
    field: 'reporter.name',
    body: json(validReport({ reporter: { name: x.slice(0, 100), email: 'warga@example.id' } })),
  });
}
cases.push(
  { name: '1 MB title', expect: 'refuse', code: 'payload_too_large', body: json(validReport({ title: 'a'.repeat(1_000_000) })) },
  { name: 'title 151 chars', expect: 'refuse', field: 'title', code: 'validation_failed', body: json(validReport({ title: 'j'.repeat(151) })) },
  { name: 'title is a number', expect: 'refuse', field: 'title', body: json(validReport({ title: 42 })) },
  { name: 'body is an array', expect: 'refuse', field: 'body', body: json(validReport({ body: ['a', 'b'] })) },
  { name: 'classification is a number', expect: 'refuse', field: 'classification', body: json(validReport({ classification: 1 })) },
  { name: 'unknown classification', expect: 'refuse', field: 'classification', body: json(validReport({ classification: 'hack' })) },
  { name: 'anonymous is a string', expect: 'refuse', field: 'anonymous', body: json(validReport({ anonymous: 'yes' })) },
  { name: 'attachmentIds is a string', expect: 'refuse', field: 'attachmentIds', body: json(validReport({ attachmentIds: 'a1' })) },
  { name: 'location is a string', expect: 'refuse', field: 'location', body: json(validReport({ location: 'Genteng' })) },
  { name: 'location is null', expect: 'refuse', field: 'location', body: json(validReport({ location: null })) },
  { name: 'incidentDate is a number', expect: 'refuse', field: 'incidentDate', body: json(validReport({ incidentDate: 20261120 })) },
  { name: 'incidentDate in the future', expect: 'refuse', field: 'incidentDate', body: json(validReport({ incidentDate: '2999-01-01' })) },
  { name: 'lat out of range', expect: 'refuse', field: 'location.lat', body: json(validReport({ location: { text: 'Genteng', lat: 999, lng: 0 } })) },
  { name: 'body is JSON null', expect: 'refuse', body: 'null' },
  { name: 'body is a JSON array', expect: 'refuse', body: '[1,2,3]' },
  { name: 'body is a JSON string', expect: 'refuse', body: '"laporan"' },
  { name: 'truncated JSON', expect: 'refuse', code: 'bad_request', body: '{"title": "Jalan rusak' },
  { name: 'RTL override in title', expect: 'refuse', field: 'title', body: json(validReport({ title: 'Tagihan \u202Efdp.exe puskesmas' })) },
  { name: 'RTL override in location.text', expect: 'refuse', field: 'location.text', body: json(validReport({ location: { text: 'Genteng \u202Eabc' } })) },
  { name: 'zero-width characters in title', expect: 'either', field: 'title', body: json(validReport({ title: 'Jalan\u200B\u200Crusak\u200D di\uFEFF pasar' })), echo: { title: 'Jalan\u200B\u200Crusak\u200D di\uFEFF pasar' } },
  { name: 'null byte in body', expect: 'refuse', field: 'body', body: json(validReport({ body: padBody('a\u0000b') })) },
  { name: 'null byte in title', expect: 'refuse', field: 'title', body: json(validReport({ title: 'Jalan rusak\u0000 pasar' })) },
  { name: 'lone surrogate in title', expect: 'either', field: 'title', body: json(validReport({ title: 'LONE' })).replace('"LONE"', '"Jalan rusak \\ud800 pasar"') },
  { name: 'NIK in body', expect: 'refuse', field: 'body', code: 'validation_failed', body: json(validReport({ body: padBody('NIK 3510123456789012') })) },
  { name: 'invalid UTF-8 bytes', expect: 'refuse', body: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) },
  { name: 'SQL in title', expect: 'store', body: json(validReport({ title: "x'); DROP TABLE reports; --" })), echo: { title: "x'); DROP TABLE reports; --" } },
  { name: 'SQL in location', expect: 'store', body: json(validReport({ location: { text: '" OR 1=1 --' } })), echo: { 'location.text': '" OR 1=1 --' } },
  { name: 'SQL as categoryId', expect: 'refuse', field: 'categoryId', body: json(validReport({ categoryId: "' OR '1'='1" })) },
  { name: 'SQL as institutionId', expect: 'refuse', field: 'institutionId', body: json(validReport({ institutionId: "kec-genteng' --" })) },
  { name: '__proto__ at top level', expect: 'either', body: '{"__proto__":{"secret":true,"status":"completed"},' + json(validReport()).slice(1) },
  { name: '__proto__ inside location', expect: 'either', body: json(validReport()).replace('"location":{', '"location":{"__proto__":{"lat":1},') },
  { name: 'constructor.prototype key', expect: 'either', body: '{"constructor":{"prototype":{"secret":true}},' + json(validReport()).slice(1) },
  { name: 'deeply nested JSON (5,000 levels)', expect: 'refuse', body: '{"location":' + '['.repeat(5000) + ']'.repeat(5000) + '}' },
  { name: 'deeply nested objects (2,000 levels)', expect: 'refuse', body: '{"location":' + '{"a":'.repeat(2000) + '1' + '}'.repeat(2000) + '}' },
  { name: 'extra status field (mass assignment)', expect: 'either', body: json(validReport({ status: 'completed', trackingId: 'LPR-AAAA-AAAA', channel: 'admin' })) },
  { name: 'huge Idempotency-Key', expect: 'refuse', code: 'idempotency_key_required', body: json(validReport()), headers: { 'Idempotency-Key': 'k'.repeat(10_000) } },
  { name: 'empty Idempotency-Key', expect: 'refuse', code: 'idempotency_key_required', body: json(validReport()), headers: { 'Idempotency-Key': '' } },
  { name: 'form-urlencoded body', expect: 'refuse', body: 'title=Jalan+rusak&body=xxx', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  { name: 'multipart to /v1/reports', expect: 'refuse', body: formWith(new Blob(['x']), 'a.txt') },
  { name: 'text/plain JSON (CORS-simple)', expect: 'refuse', code: 'unsupported_media_type', body: json(validReport()), headers: { 'Content-Type': 'text/plain' } },
  { name: 'no site key', expect: 'refuse', code: 'site_key_invalid', body: json(validReport()), headers: { 'X-Lapor-Site-Key': '' } },
  { name: 'unknown site key with SQL', expect: 'refuse', code: 'site_key_invalid', body: json(validReport()), headers: { 'X-Lapor-Site-Key': "x' OR 1=1" } },
  { name: 'foreign Origin for the site key', expect: 'refuse', code: 'origin_not_allowed', body: json(validReport()), headers: { Origin: 'https://evil.example' } },
);
// Attachments: types are sniffed from bytes, names are text.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
function formWith(blob: Blob, name: string): FormData {
  const fd = new FormData();
  fd.append('file', blob, name);
  return fd;
}
cases.push(
  { name: 'HTML declared as image/png', expect: 'refuse', code: 'unsupported_media_type', path: '/v1/attachments', body: formWith(new Blob(['<html><script>window.__pwned=1</script>'], { type: 'image/png' }), 'foto.png') },
  { name: 'SVG with script named .jpg', expect: 'refuse', code: 'unsupported_media_type', path: '/v1/attachments', body: formWith(new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: 'image/jpeg' }), 'foto.jpg') },
  { name: 'Windows executable named .pdf', expect: 'refuse', code: 'unsupported_media_type', path: '/v1/attachments', body: formWith(new Blob([Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], { type: 'application/pdf' }), 'surat.pdf') },
  { name: 'empty file', expect: 'refuse', path: '/v1/attachments', body: formWith(new Blob([]), 'kosong.png') },
  { name: 'oversized file (3 MB PNG)', expect: 'refuse', code: 'payload_too_large', path: '/v1/attachments', body: formWith(new Blob([PNG, new Uint8Array(3 * 1024 * 1024)], { type: 'image/png' }), 'besar.png') },
  { name: 'multipart without a file', expect: 'refuse', path: '/v1/attachments', body: (() => { const f = new FormData(); f.append('note', 'x'); return f; })() },
  { name: 'JSON to /v1/attachments', expect: 'refuse', path: '/v1/attachments', body: '{"file":"x"}' },
  {
    name: 'real PNG bytes with a hostile name',
    expect: 'either',
    path: '/v1/attachments',
    body: formWith(new Blob([PNG], { type: 'text/html' }), '<img src=x onerror=alert(1)>.png'),
  },
);

/**
 * The gateway answers 413 and closes without reading the rest of an oversized upload, so
 * fetch dies writing (EPIPE) before it reads the answer; node:http hands the answer over
 * as soon as it arrives and the write error after it is ignored.
 */
async function postUnread(url: string, headers: Record<string, string>, form: FormData): Promise<Response> {
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Type': encoded.headers.get('content-type')!, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: res.headers as Record<string, string> })));
    });
    req.on('error', (e) => setTimeout(() => reject(e), 1000));
    req.end(body);
  });
}

describe('hostile input against the real gateway', () => {
  const gw = new GatewayProcess();
  const storedReports: { trackingId: string; accessToken: string; texts: string[] }[] = [];
  before(() => gw.start());
  after(async () => {
    await closeBrowser();
    await gw.stop();
  });

  test(`at least 50 cases (${cases.length})`, () => assert.ok(cases.length >= 50));

  for (const c of cases) {
    test(c.name, async () => {
      const headers: Record<string, string> = { 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID(), 'Accept-Language': 'id' };
      if (typeof c.body === 'string' || c.body instanceof Uint8Array) headers['Content-Type'] = 'application/json';
      Object.assign(headers, c.headers);
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      const res = c.body instanceof FormData && c.name.startsWith('oversized')
        ? await postUnread(gw.url + c.path!, headers, c.body)
        : await fetch(gw.url + (c.path ?? '/v1/reports'), { method: 'POST', headers, body: c.body });
      const text = await res.text();
      assert.ok(res.status < 500, `no server error: ${res.status} ${text.slice(0, 200)}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const out = JSON.parse(text);
      const refused = res.status >= 400;
      if (c.expect === 'refuse') assert.ok(refused, `expected a refusal, got ${res.status} ${text.slice(0, 200)}`);
      if (c.expect === 'store') assert.ok(!refused, `expected it stored, got ${res.status} ${text.slice(0, 300)}`);
      if (refused) {
        assert.ok(res.status >= 400 && res.status < 500);
        assert.deepEqual(Object.keys(out), ['error'], 'one error shape');
        assert.ok((ERROR_CODES as readonly string[]).includes(out.error.code), `known code: ${out.error.code}`);
        assert.equal(typeof out.error.message, 'string');
        assert.ok(out.error.message.length > 5, 'a message a person can read');
        if (c.code) assert.equal(out.error.code, c.code, text);
        if (c.field) {
          const f = (out.error.fields ?? []).find((x: { path: string }) => x.path === c.field || x.path.startsWith(`${c.field}.`));
          assert.ok(f, `field ${c.field} named in ${text}`);
          assert.ok(f.message.length > 5 && typeof f.code === 'string');
        }
        return;
      }
      // Stored: it must come back exactly as sent, as data.
      if (c.path === '/v1/attachments') {
        assert.equal(out.name, '<img src=x onerror=alert(1)>.png');
        assert.equal(out.mime, 'image/png', 'type from the bytes, not from the declared text/html');
        return;
      }
      assert.equal(res.status, 201);
      const got = await fetch(`${gw.url}/v1/reports/${out.trackingId}`, { headers: { Authorization: `Bearer ${out.accessToken}`, 'X-Lapor-Site-Key': 'demo-opd' } });
      assert.equal(got.status, 200);
      const report = await got.json();
      assert.ok(!('secret' in report && report.secret === true && !/"secret":true/.test(String(c.body))), 'no prototype-injected flag');
      assert.equal(report.status, 'submitted', 'status is the gateway’s, never the request’s');
      assert.notEqual(report.trackingId, 'LPR-AAAA-AAAA');
      const texts: string[] = [];
      for (const [path, want] of Object.entries(c.echo ?? {})) {
        const have = path.split('.').reduce((o: any, k) => o?.[k], report);
        assert.equal(have, want, `${path} returned byte for byte`);
        // The status view shows the title (and responses); body and location stay in the data.
        if (path === 'title') texts.push(want);
      }
      if (texts.length) storedReports.push({ trackingId: out.trackingId, accessToken: out.accessToken, texts });
    });
  }

  test('the gateway is still healthy and the reports table intact', async () => {
    assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
    const n = gw.db((db) => (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n);
    assert.ok(n >= storedReports.length);
    const en = await fetch(`${gw.url}/v1/reports`, {
      method: 'POST',
      headers: { 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID(), 'Accept-Language': 'en', 'Content-Type': 'application/json' },
      body: json(validReport({ title: 42 })),
    });
    const body = await en.json();
    assert.equal(body.error.code, 'validation_failed');
    assert.match(body.error.message, /[a-z]/);
    assert.doesNotMatch(body.error.message, /perlu|diperbaiki/, 'English message under Accept-Language: en');
  });

  test('stored hostile text renders as text in <lapor-report-status>: no script runs, no element is made', async () => {
    assert.ok(storedReports.length >= 7, `${storedReports.length} hostile reports stored`);
    // One report also carries a hostile admin response, so the responses list is covered too.
    const first = storedReports[0]!;
    await gw.admin(first.trackingId, { action: 'verify' });
    const respond = XSS[1]!;
    await gw.admin(first.trackingId, { action: 'forward', institutionId: 'kec-genteng' });
    await gw.admin(first.trackingId, { action: 'start' });
    await gw.admin(first.trackingId, { action: 'respond', message: `Tanggapan: ${respond}` });
    first.texts.push(`Tanggapan: ${respond}`);

    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The strict-CSP page carries a <lapor-report-status> of its own, so the element is
    // loaded there; the hostile reports are then shown one by one in fresh instances.
    await page.goto(`${gw.url}/csp-strict.html`);
    await page.waitForFunction(() => customElements.get('lapor-report-status') !== undefined, undefined, { timeout: 15_000 });
    for (const r of storedReports) {
      await page.evaluate(({ trackingId, accessToken }) => {
        document.querySelector('#e2e-status')?.remove();
        const el = document.createElement('lapor-report-status');
        el.id = 'e2e-status';
        el.setAttribute('access-token', accessToken);
        el.setAttribute('tracking-id', trackingId);
        document.body.append(el);
      }, r);
      for (const t of r.texts) {
        // The exact raw string is some element's own text: it was rendered, as text.
        await eventually(
          () =>
            page.evaluate((want) => {
              const all: Element[] = [];
              const walk = (root: ParentNode) => {
                for (const el of root.querySelectorAll('*')) {
                  all.push(el);
                  if (el.shadowRoot) walk(el.shadowRoot);
                }
              };
              walk(document.querySelector('#e2e-status')!.shadowRoot!);
              return all.some((el) => el.textContent === want || (el.textContent ?? '').includes(want));
            }, t),
          10_000,
          `"${t.slice(0, 40)}" rendered for ${r.trackingId}`,
        );
      }
      const found = await page.evaluate(() => {
        const bad: string[] = [];
        const walk = (root: ParentNode) => {
          for (const el of root.querySelectorAll('*')) {
            if (/^(script|iframe|img|svg|a|object|embed)$/i.test(el.localName) && /pwned|onerror|javascript:/i.test(el.outerHTML)) bad.push(el.outerHTML);
            for (const a of el.attributes) if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) bad.push(`${el.localName}[${a.name}=${a.value}]`);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return { bad, pwned: (window as unknown as { __pwned?: unknown }).__pwned };
      });
      assert.deepEqual(found.bad, [], `elements from user text for ${r.trackingId}`);
      assert.equal(found.pwned, undefined, 'no hostile script ran');
    }
    // Let any late handler (image error, iframe load) fire before the last look.
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
