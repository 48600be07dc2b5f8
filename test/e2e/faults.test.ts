/**
 * Fault runs against the real gateway process: what a citizen sent is stored exactly once
 * and forwarded to LAPOR! exactly once, whatever breaks in between.
 *  1. SIGKILL of the gateway in the middle of a burst of 200 submits from 20 SDK clients.
 *  2. The LAPOR! upstream down (port closed), then up again.
 *  3. A proxy that delays some responses past the SDK timeout and hangs others.
 * Counts come from the SQLite file itself and from the simulator, never from responses.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createLaporClient } from '../../src/sdk/index.js';
import type { ReportInput, SubmitResult } from '../../src/contract/index.js';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { TEST_MAP_PATH } from '../fixtures/lapor/index.js';
import { eventually, freePort, GatewayProcess, sleep, validReport } from './helpers.js';

const CLIENTS = 20;
const PER_CLIENT = 10;

interface Sent {
  key: string;
  marker: string;
  result?: SubmitResult;
  error?: unknown;
}

/**
 * The report rows carrying each submit's unique title (the key is stored only hashed, so
 * the title is what ties a row to a submit): exactly one row, with the client's tracking id.
 */
function stored(gw: GatewayProcess, sent: Sent[]) {
  return gw.db((db) => {
    const byMarker = db.prepare('SELECT tracking_id FROM reports WHERE title = ?');
    return sent.map((s) => {
      const trackingIds = (byMarker.all(s.marker) as { tracking_id: string }[]).map((r) => r.tracking_id);
      return { trackingIds, rows: trackingIds.length };
    });
  });
}

function report(marker: string): ReportInput {
  return validReport({ title: marker }) as unknown as ReportInput;
}

describe('gateway killed with SIGKILL during a burst of 200 submits', () => {
  const gw = new GatewayProcess();
  before(() => gw.start());
  after(() => gw.stop());

  test('every report is stored exactly once, and each client holds the stored tracking id', async () => {
    const run = randomUUID().slice(0, 8);
    const sent: Sent[] = [];
    let accepted = 0;
    const clients = Array.from({ length: CLIENTS }, (_, c) => {
      // Generous retries: the gateway is down for ~1-3 s (process start + migrations).
      const client = createLaporClient({
        api: gw.url,
        siteKey: 'demo-opd',
        timeoutMs: 5000,
        retry: { limit: 30, backoffMs: 100, maxBackoffMs: 800 },
      });
      return (async () => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const s: Sent = { key: randomUUID(), marker: `crash ${run} c${c} r${i}` };
          sent.push(s);
          try {
            s.result = await client.submitReport(report(s.marker), { idempotencyKey: s.key });
            accepted++;
          } catch (error) {
            s.error = error;
          }
        }
      })();
    });
    const burst = Promise.all(clients);
    // Kill once the burst is well under way, so requests are in flight at the moment of death.
    await eventually(() => accepted >= 40, 30_000, '40 accepted submits before the kill', 5);
    await gw.kill('SIGKILL');
    const acceptedAtKill = accepted;
    await sleep(300);
    await gw.start();
    await burst;

    assert.ok(acceptedAtKill < CLIENTS * PER_CLIENT, 'the kill happened mid-burst');
    const failed = sent.filter((s) => s.error);
    assert.deepEqual(failed.map((s) => String(s.error)), [], 'no submit gave up');
    assert.equal(sent.length, CLIENTS * PER_CLIENT);
    const rows = stored(gw, sent);
    rows.forEach((r, i) => {
      assert.equal(r.rows, 1, `${sent[i]!.marker}: ${r.rows} rows`);
      assert.deepEqual(r.trackingIds, [sent[i]!.result!.trackingId], `${sent[i]!.marker}: key → the tracking id the client got`);
    });
    const total = gw.db((db) => (db.prepare('SELECT count(*) AS n FROM reports WHERE title LIKE ?').get(`crash ${run} %`) as { n: number }).n);
    assert.equal(total, CLIENTS * PER_CLIENT);
    assert.equal(new Set(sent.map((s) => s.result!.trackingId)).size, CLIENTS * PER_CLIENT, 'tracking ids are distinct');
  });
});

describe('LAPOR! upstream down, then up', () => {
  const sim = new LaporSimulator('e2e-sim-auth', '{E2E-SIM-GUID}');
  let simPort = 0;
  let gw: GatewayProcess;
  before(async () => {
    simPort = await freePort();
    gw = new GatewayProcess({
      env: {
        LAPOR_UPSTREAM_URL: `http://127.0.0.1:${simPort}`,
        LAPOR_UPSTREAM_AUTH: sim.auth,
        LAPOR_UPSTREAM_TOKEN: sim.token,
        LAPOR_UPSTREAM_MAP: TEST_MAP_PATH,
        LAPOR_UPSTREAM_INTERVAL_MS: '200',
        LAPOR_UPSTREAM_BACKOFF_MS: '100',
      },
    });
    await gw.start(); // the simulator is NOT listening: LAPOR! is down
  });
  after(async () => {
    await gw.stop();
    await sim.close();
  });

  test('reports sent while LAPOR! is unreachable are forwarded exactly once when it returns', async () => {
    const client = createLaporClient({ api: gw.url, siteKey: 'demo-opd' });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await client.submitReport(report(`upstream ${i} ${randomUUID()}`))).trackingId);
    // Several forwarder rounds fail on a closed port; nothing is lost meanwhile.
    await sleep(1000);
    const pending = gw.db((db) => db.prepare(`SELECT upstream_state AS s, count(*) AS n FROM reports GROUP BY upstream_state`).all());
    assert.ok(!(pending as { s: string }[]).some((p) => p.s === 'synced'), `nothing synced while down: ${JSON.stringify(pending)}`);

    await sim.listen(simPort);
    await eventually(() => ids.every((id) => sim.countFor(id) >= 1), 20_000, 'all 30 forwarded', 100);
    // A few more forwarder rounds: a duplicate would show up now.
    await sleep(800);
    for (const id of ids) assert.equal(sim.countFor(id), 1, `${id} forwarded ${sim.countFor(id)} times`);
    assert.equal(sim.created, 30);
    const laporIds = await eventually(
      () => {
        const rows = gw.db((db) => db.prepare('SELECT lapor_id FROM reports WHERE lapor_id IS NOT NULL').all()) as unknown[];
        return rows.length === 30 ? rows : undefined;
      },
      10_000,
      'laporId stored for all 30',
    );
    assert.equal(laporIds!.length, 30);
  });
});

/**
 * In front of the gateway: by attempt number per Idempotency-Key, the first attempt of
 * every third submit is forwarded but its answer held past the SDK timeout (the gateway
 * stored it; the client never hears), the first attempt of the next third hangs without
 * being forwarded, and the rest go through.
 */
class FaultProxy {
  private server: Server | undefined;
  private readonly attempts = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  delayed = 0;
  hung = 0;
  /** Requests forwarded and not answered yet (the hung ones are never forwarded). */
  inFlight = 0;
  constructor(readonly target: string, readonly delayMs: number) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const key = String(req.headers['idempotency-key'] ?? '');
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    const group = key ? Number.parseInt(key.slice(0, 8), 16) % 3 : 2;
    if (key && n === 1 && group === 1) {
      this.hung++;
      this.held.add(res);
      return; // never forwarded, never answered
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
    this.inFlight++;
    try {
      const upstream = await fetch(this.target + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (key && n === 1 && group === 0) {
        this.delayed++;
        await sleep(this.delayMs);
      }
      if (res.destroyed) return;
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    for (const r of this.held) r.destroy();
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }
}

describe('slow and hanging responses', () => {
  const gw = new GatewayProcess();
  let proxy: FaultProxy;
  /** The SDK's timeout: 700 ms, or 4× a normal submit where the machine is slower than that allows. */
  let timeoutMs = 700;
  before(async () => {
    await gw.start();
    let slowest = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${gw.url}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(report(`warm-up ${i}`)),
      });
      await res.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - t0);
    }
    timeoutMs = Math.max(700, Math.ceil(4 * slowest));
    // Delayed answers arrive well after the client gave up on them.
    proxy = new FaultProxy(gw.url, 2 * timeoutMs);
  });
  after(async () => {
    await proxy.close();
    await gw.stop();
  });

  test('SDK timeouts and retries still give exactly one report per submit', async () => {
    const api = await proxy.listen();
    const sent: Sent[] = Array.from({ length: 30 }, (_, i) => ({ key: randomUUID(), marker: `slow ${i} ${randomUUID()}` }));
    await Promise.all(
      Array.from({ length: 5 }, async (_, c) => {
        const client = createLaporClient({ api, siteKey: 'demo-opd', timeoutMs, retry: { limit: 5, backoffMs: 50, maxBackoffMs: 200 } });
        for (const s of sent.filter((_, i) => i % 5 === c)) {
          try {
            s.result = await client.submitReport(report(s.marker), { idempotencyKey: s.key });
          } catch (error) {
            s.error = error;
          }
        }
      }),
    );
    assert.ok(proxy.delayed > 0 && proxy.hung > 0, `faults injected (delayed ${proxy.delayed}, hung ${proxy.hung})`);
    assert.deepEqual(sent.filter((s) => s.error).map((s) => String(s.error)), []);
    // Delayed answers are still on their way through the proxy: wait for the last one.
    await eventually(() => proxy.inFlight === 0, 4 * timeoutMs, 'the delayed answers');
    const rows = stored(gw, sent);
    rows.forEach((r, i) => {
      assert.equal(r.rows, 1, `${sent[i]!.marker}: ${r.rows} rows`);
      assert.deepEqual(r.trackingIds, [sent[i]!.result!.trackingId]);
    });
  });
});
