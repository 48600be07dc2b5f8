/**
 * JSON bodies are read straight from the Node request (http/middleware.ts readJson), not
 * through a fetch Request (issue 27). What fetch's `text()` and hono's body limit gave
 * must hold on that path too: bodies sent in chunks without a Content-Length (counted
 * against the 64 kB limit as they arrive), UTF-8 characters split between chunks, a
 * leading byte-order mark, a client that goes away mid-body.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startGateway, validReport, type TestGateway } from './helpers.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

/** POST /v1/reports with the body written as the given chunks (chunked transfer: no Content-Length). */
function postChunks(url: string, chunks: Buffer[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }));
    });
    // A refused body may close the connection before all of it is written.
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error)));
    (async () => {
      for (const chunk of chunks) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setImmediate(r));
      }
      req.end();
    })().catch(reject);
  });
}

describe('JSON bodies read from the Node request', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('a chunked body, with a character split between two chunks, arrives whole', async () => {
    const title = 'Lampu jalan mati di depan kafé “Sari” Genteng';
    const bytes = Buffer.from(JSON.stringify(validReport({ title })));
    const cut = bytes.indexOf(Buffer.from('é')) + 1; // inside the two bytes of é
    const r = await postChunks(g.url, [bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.equal(r.status, 201);
    assert.equal(r.json.report.title, title);
  });

  it('a leading byte-order mark is dropped, as fetch’s text() drops it', async () => {
    const r = await postChunks(g.url, [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(validReport()))]);
    assert.equal(r.status, 201);
  });

  it('a chunked body over 64 kB is refused with 413 while it streams in, and the connection closed', async () => {
    const big = Buffer.from(JSON.stringify(validReport({ body: 'a'.repeat(70_000) })));
    const chunks = Array.from({ length: Math.ceil(big.length / 8192) }, (_, i) => big.subarray(i * 8192, (i + 1) * 8192));
    const r = await postChunks(g.url, chunks);
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'payload_too_large');
    assert.equal(r.headers.connection, 'close');
  });

  it('a client that goes away mid-body leaves the gateway answering the next one', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${g.url}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
      });
      req.on('error', () => resolve());
      req.write('{"classification": "compl', () => req.destroy());
    });
    assert.equal((await g.submit(validReport())).status, 201);
  });
});
