import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LaporSimulator } from '../../demo/server/upstream/simulator.js';
import { PNG, SseReader, eventually, startGateway, validReport, type TestGateway } from './helpers.js';

describe('upstream forwarder (against the LAPOR! simulator)', () => {
  let sim: LaporSimulator;
  let simUrl: string;
  let g: TestGateway;

  beforeEach(async () => {
    sim = new LaporSimulator('sim-secret');
    simUrl = await sim.listen();
    // Timers off: the test drives drain()/poll() itself, so nothing races the assertions.
    g = await startGateway({
      upstream: { url: simUrl, token: 'sim-secret', intervalMs: 0, pollIntervalMs: 0, timeoutMs: 300, backoffMs: 1, maxBackoffMs: 1 },
    });
  });
  afterEach(async () => {
    await g.close();
    await sim.close();
  });

  const drain = async (times = 1) => {
    for (let i = 0; i < times; i++) {
      await g.gw.forwarder!.drain();
      await new Promise((r) => setTimeout(r, 3)); // let the 1 ms backoff pass
    }
  };

  it('creates the complaint with attachments, auth headers, and shows synced + laporId', async () => {
    const att = await g.api('/v1/attachments', { body: (() => { const f = new FormData(); f.append('file', new File([PNG], 'foto.png')); return f; })() });
    const { trackingId, accessToken, report } = await g.create(validReport({ attachmentIds: [att.json.id], anonymous: true, secret: true }));
    assert.deepEqual(report.upstream, { state: 'pending', laporId: null, syncedAt: null });
    await drain();
    assert.equal(sim.created, 1);
    const c = [...sim.complaints.values()][0]!;
    assert.equal(c.reference, trackingId);
    assert.deepEqual(c.payload.attachments, ['doc-1']);
    assert.equal(c.payload.is_anonymous, true);
    assert.equal(c.payload.is_secret, true);
    assert.equal(c.payload.title, validReport().title);
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.json.upstream.state, 'synced');
    assert.equal(view.json.upstream.laporId, c.id);
    assert.equal(view.json.laporId, c.id);
  });

  it('upstream down for a while: every report forwarded exactly once after recovery', async () => {
    sim.mode = 'fail';
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await g.create()).trackingId);
    await drain(6);
    assert.equal(sim.created, 0);
    const failing = await g.api(`/v1/admin/reports/${ids[0]}`, { token: 'test-super-admin-token', siteKey: null });
    assert.equal(failing.json.upstream.state, 'failed', 'shown as failed after repeated errors; retries go on');
    sim.mode = 'ok';
    await drain(3);
    assert.equal(sim.created, 5);
    for (const id of ids) assert.equal(sim.countFor(id), 1, id);
  });

  it('a hanging upstream times out and is retried; still once', async () => {
    sim.mode = 'hang';
    const { trackingId } = await g.create();
    await drain(2);
    sim.mode = 'ok';
    await drain(2);
    assert.equal(sim.countFor(trackingId), 1);
  });

  it('created upstream but the answer was lost: looks up by reference, does not create twice', async () => {
    sim.mode = 'create-then-fail';
    const { trackingId, accessToken } = await g.create();
    await drain();
    assert.equal(sim.countFor(trackingId), 1, 'created once, answer lost');
    sim.mode = 'ok';
    await drain(2);
    assert.equal(sim.countFor(trackingId), 1, 'not created again');
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.json.upstream.state, 'synced');
  });

  it('across a restart while upstream is down: forwarded exactly once afterwards', async () => {
    sim.mode = 'fail';
    const a = await g.create();
    const b = await g.create();
    await drain(2);
    await g.restart();
    sim.mode = 'ok';
    await drain(2);
    await g.restart();
    await drain(2);
    assert.equal(sim.countFor(a.trackingId), 1);
    assert.equal(sim.countFor(b.trackingId), 1);
    assert.equal(sim.created, 2);
  });

  it('polls status and replies from LAPOR! and tells watchers', async () => {
    const { trackingId, accessToken } = await g.create();
    await drain();
    const w = await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${w.json.ticket}`);
    await sse.opened;
    const laporId = [...sim.complaints.keys()][0]!;
    sim.setStatus(laporId, 'Ditindaklanjuti');
    sim.addFollowup(laporId, 'Laporan sedang kami tangani.');
    await g.gw.forwarder!.poll();
    await g.gw.forwarder!.poll(); // a second poll adds nothing new
    const evs = await sse.waitFor(2);
    assert.deepEqual(evs.map((e) => e.event).sort(), ['report.response_added', 'report.status_changed']);
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.json.status, 'in_progress');
    assert.equal(view.json.responses.length, 1);
    assert.equal(view.json.responses[0].message, 'Laporan sedang kami tangani.');
    sse.close();
  });
});

describe('standalone (no LAPOR_UPSTREAM_URL)', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());
  it('reports show upstream.state = disabled', async () => {
    const { report } = await g.create();
    assert.equal(report.upstream.state, 'disabled');
    assert.equal(g.gw.forwarder, undefined);
    await eventually(() => true);
  });
});
