/**
 * Issue 11, "one client can take the server down": 21,000 event streams from one client
 * exhausted file descriptors and /healthz stopped answering; slowloris connections were
 * held open. Raw sockets here: 400 fetch streams would cost the test more than the gateway.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { descriptorLimit } from '../../gateway/http/limits.js';
import { DEFAULT_STREAMS } from '../../gateway/options.js';
import { ADMIN, startGateway, type TestGateway } from './helpers.js';

/** Open a raw connection, send `head`, resolve with the status line's code (or 0 if closed first). */
function rawRequest(url: string, head: string): Promise<{ status: number; socket: Socket; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    let text = '';
    const done = () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), socket, text });
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', (err) => (text ? done() : reject(err)));
  });
}

const streamHead = (ticket: string) => `GET /v1/events?ticket=${ticket} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`;

async function ticketFor(g: TestGateway): Promise<string> {
  const { trackingId, accessToken } = await g.create();
  const r = await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
  assert.equal(r.status, 201, r.text);
  return r.json.ticket;
}

describe('event streams are capped', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ streams: { total: 100_000 } })));
  after(() => g.close());

  it(`400 streams from one client: ${DEFAULT_STREAMS.perClient} open, the rest 429 + Retry-After, /healthz answers in < 1 s`, async () => {
    const ticket = await ticketFor(g);
    const open: Socket[] = [];
    const statuses: Record<number, number> = {};
    try {
      // In waves, as a flood arrives; refused sockets are closed by the gateway.
      for (let wave = 0; wave < 8; wave++) {
        const results = await Promise.all(Array.from({ length: 50 }, () => rawRequest(g.url, streamHead(ticket))));
        for (const r of results) {
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status === 200) open.push(r.socket);
          else {
            assert.match(r.text, /\r\nretry-after: \d+\r\n/i);
            r.socket.destroy();
          }
        }
      }
      assert.deepEqual(statuses, { 200: DEFAULT_STREAMS.perClient, 429: 400 - DEFAULT_STREAMS.perClient });
      const t0 = performance.now();
      const health = await g.api('/healthz', { siteKey: null });
      const elapsed = performance.now() - t0;
      assert.equal(health.status, 200);
      assert.equal(health.json.streams, DEFAULT_STREAMS.perClient);
      assert.ok(elapsed < 1000, `/healthz took ${elapsed.toFixed(0)} ms`);
    } finally {
      for (const s of open) s.destroy();
    }
    // Closed streams give their places back.
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await g.api('/healthz', { siteKey: null })).json.streams, 0);
    const again = await rawRequest(g.url, streamHead(ticket));
    assert.equal(again.status, 200);
    again.socket.destroy();
  });

  it('the default total stays under the descriptor limit (read from /proc/self/limits)', () => {
    const limits = 'Max stack size            8388608              unlimited            bytes\nMax open files            1024                 1048576              files\n';
    assert.equal(descriptorLimit(() => limits), 1024);
    assert.equal(descriptorLimit(() => { throw new Error('no /proc'); }), undefined);
  });

  it('the total cap holds across clients', async () => {
    const small = await startGateway({ streams: { perClient: 100, total: 3 } });
    const open: Socket[] = [];
    try {
      const ticket = await ticketFor(small);
      for (let i = 0; i < 3; i++) {
        const r = await rawRequest(small.url, streamHead(ticket));
        assert.equal(r.status, 200);
        open.push(r.socket);
      }
      const refused = await rawRequest(small.url, streamHead(ticket));
      assert.equal(refused.status, 429);
      refused.socket.destroy();
    } finally {
      for (const s of open) s.destroy();
      await small.close();
    }
  });

  it("the admin console's stream takes the same per-client slots (an admin token is no way around the cap)", async () => {
    const small = await startGateway({ streams: { perClient: 2, total: 100 } });
    const open: Socket[] = [];
    try {
      const ticket = await ticketFor(small);
      const admin = await small.api('/v1/admin/watch', { method: 'POST', siteKey: null, token: ADMIN });
      assert.equal(admin.status, 201, admin.text);
      const adminHead = `GET /v1/admin/events?ticket=${admin.json.ticket} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`;
      for (const head of [streamHead(ticket), adminHead]) {
        const r = await rawRequest(small.url, head);
        assert.equal(r.status, 200, r.text);
        open.push(r.socket);
      }
      const refused = await rawRequest(small.url, adminHead);
      assert.equal(refused.status, 429);
      assert.match(refused.text, /\r\nretry-after: \d+\r\n/i);
      refused.socket.destroy();
      // A closed admin stream gives its slot back.
      open.pop()!.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const again = await rawRequest(small.url, adminHead);
      assert.equal(again.status, 200);
      open.push(again.socket);
    } finally {
      for (const s of open) s.destroy();
      await small.close();
    }
  });
});

describe('slow and idle connections are cut', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ timeouts: { headersMs: 300, requestMs: 600, idleMs: 400, connectionsPerAddress: 8 } })));
  after(() => g.close());

  /** Trickle `chunks` one every `everyMs`; resolve with ms until the gateway closed the socket. */
  function trickle(chunks: string[], everyMs: number): Promise<{ ms: number; text: string }> {
    const { hostname, port } = new URL(g.url);
    return new Promise((resolve) => {
      const t0 = performance.now();
      let text = '';
      let i = 0;
      const socket = connect(Number(port), hostname);
      const timer = setInterval(() => {
        if (i < chunks.length && !socket.destroyed) socket.write(chunks[i++]!);
      }, everyMs);
      socket.on('data', (c) => (text += c.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ ms: performance.now() - t0, text });
      });
      // Fails the test instead of hanging if nothing cuts it.
      setTimeout(() => socket.destroy(), 5000).unref();
    });
  }

  it('a head trickled in (slowloris) is cut after headersTimeout', async () => {
    const head = ['GET /healthz HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 40 }, (_, i) => `X-${i}: a\r\n`)];
    const { ms, text } = await trickle(head, 50);
    assert.ok(ms < 2000, `cut after ${ms.toFixed(0)} ms`);
    assert.match(text, /^HTTP\/1\.1 408/);
  });

  it('a body trickled in is cut after requestTimeout', async () => {
    const head = 'POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const { ms } = await trickle([head, ...Array.from({ length: 60 }, () => ' ')], 50);
    assert.ok(ms < 2500, `cut after ${ms.toFixed(0)} ms`);
  });

  it('a silent connection is closed; one address may hold only so many', async () => {
    const { ms } = await trickle([], 1000);
    assert.ok(ms < 2500, `idle socket closed after ${ms.toFixed(0)} ms`);
    const { hostname, port } = new URL(g.url);
    const sockets = await Promise.all(
      Array.from({ length: 12 }, () => new Promise<Socket>((r) => {
        const s = connect(Number(port), hostname, () => r(s));
        s.on('error', () => undefined);
      })),
    );
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sockets.filter((s) => !s.destroyed && s.readyState === 'open').length, 8);
    for (const s of sockets) s.destroy();
  });
});
