/**
 * Exactly once across a lost answer AND a crash: the real gateway process (npm start's
 * main.ts, as persistence.test.ts spawns it) sends the create, LAPOR! makes the complaint
 * but its answer never comes, and the gateway is killed with SIGKILL while waiting. The
 * restarted gateway finds the row in `creating` once that request must have ended, and,
 * with no lookup any public client shows, holds it with the evidence of what was sent;
 * the operator links the complaint from LAPOR!'s own screen (only one that carries our
 * tracking number is accepted). Never a second complaint.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { eventually, validReport } from './helpers.js';
import { TEST_MAP_PATH } from '../fixtures/lapor/index.js';
import { killGateway as kill, spawnGateway } from './spawn-gateway.js';

/** LAPOR! is the simulator; polling fast, the create's answer waited for as long as the test needs. */
const upstream = (simUrl: string) => ({
  LAPOR_UPSTREAM_URL: simUrl,
  LAPOR_UPSTREAM_AUTH: 'kill-auth',
  LAPOR_UPSTREAM_TOKEN: '{KILL-GUID}',
  LAPOR_UPSTREAM_MAP: TEST_MAP_PATH,
  LAPOR_UPSTREAM_INTERVAL_MS: '50',
  LAPOR_UPSTREAM_BACKOFF_MS: '10',
  LAPOR_UPSTREAM_TIMEOUT_MS: '60000',
  // The first process's create waits "forever"; the restarted one may call it lost after this.
  LAPOR_UPSTREAM_CREATE_TIMEOUT_MS: '1500',
  LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS: '500',
});

describe('LAPOR! create: lost answer + SIGKILL', () => {
  let dir: string;
  let sim: LaporSimulator;
  let simUrl: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-upkill-'));
    sim = new LaporSimulator('kill-auth', '{KILL-GUID}');
    simUrl = await sim.listen();
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the complaint is created exactly once; after the restart it is held with its evidence, and linked by the operator; a foreign one is not', async () => {
    sim.addForeign('Nomor pelacak: LPR-ZZZZ-ZZZZ\nlaporan orang lain');
    sim.mode = 'create-then-hang';
    const first = await spawnGateway(dir, upstream(simUrl));
    let trackingId = '';
    let accessToken = '';
    try {
      const res = await fetch(`${first.url}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(validReport()),
      });
      assert.equal(res.status, 201);
      ({ trackingId, accessToken } = (await res.json()) as { trackingId: string; accessToken: string });
      await eventually(() => sim.countFor(trackingId) === 1, 10_000);
    } finally {
      await kill(first.child); // while LAPOR!'s answer is still pending
    }
    sim.mode = 'ok';
    // Someone else's complaint is now the newest: nothing may adopt it.
    const stranger = sim.addForeign('Nomor pelacak: LPR-YYYY-YYYY\nlaporan orang lain yang lebih baru');
    const second = await spawnGateway(dir, upstream(simUrl));
    const admin = (path: string, body?: unknown) =>
      fetch(`${second.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { Authorization: 'Bearer kill-test-admin-0123456789abcdef', 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
    try {
      const held = await eventually(async () => {
        const ops = (await (await admin('/v1/admin/upstream')).json()) as { outbox: { trackingId: string; state: string; parked: { code: string } | null; evidence: { request: { firstLine: string }; answer: { what: string } } | null }[] };
        return ops.outbox.find((o) => o.trackingId === trackingId && o.state === 'parked');
      }, 15_000);
      assert.equal(held!.parked!.code, 'lost_answer');
      assert.equal(held!.evidence!.request.firstLine, `Nomor pelacak: ${trackingId}`);
      // Killed while waiting (or, on a very slow machine, timed out just before the kill).
      assert.match(held!.evidence!.answer.what, /no answer recorded|ETIMEDOUT/);
      assert.equal(sim.countFor(trackingId), 1, 'not created a second time');

      assert.equal((await admin(`/v1/admin/upstream/reports/${trackingId}`, { action: 'link', laporId: String(stranger) })).status, 409);
      const link = await admin(`/v1/admin/upstream/reports/${trackingId}`, { action: 'link', laporId: String(sim.complaintFor(trackingId)!.id) });
      assert.equal(link.status, 200, await link.text());
      const r = await fetch(`${second.url}/v1/reports/${trackingId}`, { headers: { 'X-Lapor-Site-Key': 'demo-opd', Authorization: `Bearer ${accessToken}` } });
      const view = (await r.json()) as { upstream: { state: string }; laporId: string | null };
      assert.equal(view.upstream.state, 'synced');
      assert.equal(sim.created, 1);
      assert.equal(view.laporId, String(sim.complaintFor(trackingId)!.id));
    } finally {
      await kill(second.child);
    }
  });
});
