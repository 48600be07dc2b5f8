/**
 * `lapor-widget/sdk` under Node 20: global fetch, no XHR, no EventSource, no document.
 * A tiny node:http gateway on an ephemeral port stands in for the real one.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  createLaporClient,
  LaporError,
  LaporHttpError,
  LaporNetworkError,
  LaporValidationError,
  type ReportEvent,
  type WatchConnectionState,
} from '../../src/sdk/index.js';
import { TOKEN, TRACKING_ID, attachment, config, report, reportInput, until } from '../sdk/fixtures.js';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    const path = new URL(req.url!, 'http://x').pathname;
    const handler = routes.get(`${req.method} ${path}`);
    if (handler) handler(req, Buffer.concat(chunks), res);
    else json(res, 404, { error: { code: 'not_found', message: 'Data tidak ditemukan.' } });
  });
});

let api = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fast = { limit: 2, backoffMs: 1, maxBackoffMs: 20, random: () => 0.5 };

describe('lapor-widget/sdk in Node', () => {
  it('getConfig: headers, validation, ETag and 304', async () => {
    routes.set('GET /v1/config', (req, _b, res) => {
      if (req.headers['if-none-match'] === '"cfg1"') {
        res.writeHead(304, { ETag: '"cfg1"' });
        res.end();
      } else json(res, 200, config(), { ETag: '"cfg1"' });
    });
    const client = createLaporClient({ api, siteKey: 'demo-opd', lang: 'en', retry: fast });
    const first = await client.getConfig();
    const second = await client.getConfig();
    assert.deepEqual(second, first);
    const requests = seen.filter((s) => s.url === '/v1/config');
    assert.equal(requests.length, 2);
    assert.equal(requests[0]!.headers['x-lapor-site-key'], 'demo-opd');
    assert.equal(requests[0]!.headers['accept-language'], 'en');
    assert.equal(requests[1]!.headers['if-none-match'], '"cfg1"');
  });

  it('submitReport: retried 503 with the same Idempotency-Key, one result', async () => {
    const keys: string[] = [];
    routes.set('POST /v1/reports', (req, body, res) => {
      keys.push(String(req.headers['idempotency-key']));
      if (keys.length === 1) return json(res, 503, { error: { code: 'internal', message: 'x' } });
      assert.equal(JSON.parse(body.toString()).title, 'Jalan berlubang di Genteng');
      json(res, 201, { trackingId: TRACKING_ID, accessToken: TOKEN, report: report() });
    });
    const client = createLaporClient({ api, retry: fast });
    const result = await client.submitReport(reportInput());
    assert.equal(result.trackingId, TRACKING_ID);
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);
    assert.match(keys[0]!, /^[0-9a-f-]{36}$/);
  });

  it('error paths: local validation, 422, 404 with a redacted token, network', async () => {
    const client = createLaporClient({ api, lang: 'en', retry: fast });
    const before = seen.length;
    await assert.rejects(client.submitReport(reportInput({ title: 'short' })), (e: unknown) => {
      assert.ok(e instanceof LaporValidationError);
      assert.equal(e.fields[0]!.path, 'title');
      return true;
    });
    assert.equal(seen.length, before, 'no request for invalid input');

    routes.set('POST /v1/reports', (_r, _b, res) =>
      json(res, 422, { error: { code: 'validation_failed', message: 'x', fields: [{ path: 'body', code: 'contains_nik', message: 'x' }] } }),
    );
    await assert.rejects(client.submitReport(reportInput()), (e: unknown) => {
      assert.ok(e instanceof LaporValidationError);
      assert.equal(e.status, 422);
      assert.match(e.fields[0]!.message, /national ID/);
      return true;
    });

    routes.set('GET /v1/reports/LPR-7K3M-Q9XD', (req, _b, res) =>
      json(res, 404, { error: { code: 'not_found', message: `no report for ${req.headers.authorization}` } }, { 'X-Request-Id': 'r-404' }),
    );
    await assert.rejects(client.getReport(TRACKING_ID, TOKEN), (e: unknown) => {
      assert.ok(e instanceof LaporHttpError && e instanceof LaporError);
      assert.equal(e.status, 404);
      assert.equal(e.requestId, 'r-404');
      assert.ok(!JSON.stringify({ m: e.message, b: e.body, r: e.request }).includes(TOKEN));
      return true;
    });

    const dead = createLaporClient({ api: 'http://127.0.0.1:9', retry: { ...fast, limit: 1 } });
    await assert.rejects(dead.getConfig(), (e: unknown) => e instanceof LaporNetworkError && e.code === 'network');
  });

  it('uploadAttachment falls back to fetch and reports progress once, at the end', async () => {
    routes.set('POST /v1/attachments', (req, body, res) => {
      assert.match(String(req.headers['content-type']), /^multipart\/form-data/);
      assert.ok(body.toString('latin1').includes('name="file"; filename="scan.pdf"'));
      json(res, 201, attachment());
    });
    const progress: { loaded: number; total: number }[] = [];
    const client = createLaporClient({ api, retry: fast });
    const result = await client.uploadAttachment(new File([Buffer.from('%PDF-1.4 test')], 'scan.pdf', { type: 'application/pdf' }), {
      onProgress: (p) => progress.push(p),
    });
    assert.deepEqual(result, attachment());
    assert.deepEqual(progress, [{ loaded: 13, total: 13 }]);
  });

  it('watch polls getReport (no EventSource in Node) and emits a change', async () => {
    let current = report();
    routes.set('GET /v1/reports/LPR-7K3M-Q9XD', (_r, _b, res) => json(res, 200, current));
    const client = createLaporClient({ api, retry: fast, watch: { pollIntervalMs: 20 } });
    await client.getReport(TRACKING_ID, TOKEN);
    const states: WatchConnectionState[] = [];
    const events: ReportEvent[] = [];
    const stop = client.watch([{ trackingId: TRACKING_ID, accessToken: TOKEN }], (e) => events.push(e), {
      onState: (s) => states.push(s),
    });
    try {
      await until(() => states.includes('polling'), 'polling');
      current = report({ status: 'in_progress', updatedAt: '2026-11-28T09:00:00.000Z' });
      await until(() => events.length === 1, 'event');
      assert.equal(events[0]!.type, 'report.status_changed');
      assert.equal(events[0]!.to, 'in_progress');
    } finally {
      stop();
    }
  });
});
