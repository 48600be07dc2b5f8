/**
 * The forwarder as one of several processes on one database: it runs while it holds
 * `db.leader('forwarder')`, stops when it loses it, and whoever takes over resumes from the
 * queues alone. A second Forwarder over the same database stands in for the other process
 * (the two-process suite, multi-process*.test.ts, does it with real processes): what
 * matters here is that every state change is conditional, so a process finishing a request
 * after it lost the lead never undoes its successor's work nor sends a complaint twice.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { createForwarder } from '../../gateway/upstream/index.js';
import type { Forwarder } from '../../gateway/upstream/forwarder.js';
import type { UpstreamOptions } from '../../gateway/options.js';
import { testUpstream } from '../fixtures/lapor/index.js';
import { ADMIN, TestClock, eventually, startGateway, validReport, type TestGateway } from './helpers.js';

describe('LAPOR! forwarder: one process at a time, take-over from the database', () => {
  let sim: LaporSimulator;
  let clock: TestClock;
  let g: TestGateway;
  let fw: Forwarder;
  let upstream: UpstreamOptions;
  const others: Forwarder[] = [];

  beforeEach(async () => {
    sim = new LaporSimulator('api-key-test', '{GUID-TEST}');
    sim.institutions = [
      { id: 2101, name: 'Dinas Kesehatan Kabupaten Banyuwangi' },
      { id: 2201, name: 'Dinas Pendidikan Kabupaten Banyuwangi' },
    ];
    clock = new TestClock();
    upstream = testUpstream(await sim.listen());
    g = await startGateway({ now: clock.now, upstream });
    fw = g.gw.forwarder!;
  });
  afterEach(async () => {
    for (const o of others.splice(0)) await o.stop();
    await g.close();
    await sim.close();
  });

  /**
   * The forwarder of another process on the same database, not started (it does not lead).
   * The tests drive these rather than the gateway's own, whose start/stop belong to
   * db.leader (on PostgreSQL it may take the lead at any moment).
   */
  const otherProcess = (extra: Partial<UpstreamOptions> = {}): Forwarder => {
    const { db, reports } = g.gw.services;
    const f = createForwarder(db, reports, { ...upstream, ...extra }, g.options.reference?.regency?.name ?? '', false);
    others.push(f);
    return f;
  };
  const count = async (sql: string, params: unknown[] = []) => (await g.gw.services.db.get<{ n: number }>(sql, params))!.n;
  const outboxState = async (trackingId: string) =>
    (await g.gw.services.db.get<{ state: string }>('SELECT state FROM outbox WHERE tracking_id = ?', [trackingId]))?.state;

  it('the lead is lost while a create\'s answer is out: the successor leaves it alone while it may still come, the late timeout holds it with its evidence, never a second complaint', async () => {
    sim.addForeign('Nomor pelacak: LPR-ZZZZ-ZZZZ\nlaporan orang lain');
    sim.mode = 'create-then-hang';
    const { trackingId, accessToken } = await g.create();
    // Its request times out only after the successor has looked (however slow this machine).
    const old = otherProcess({ createTimeoutMs: 2000 });
    old.start();
    const first = old.drain();
    await eventually(() => sim.countFor(trackingId) === 1);
    const stopped = old.stop(); // waits for the request out, which then times out

    sim.mode = 'ok';
    const next = otherProcess();
    next.start();
    await next.drain();
    assert.equal(await outboxState(trackingId), 'creating', 'not due before the old request must have ended');
    await stopped;
    await first;
    assert.equal(await outboxState(trackingId), 'parked', 'the old forwarder\'s timeout held it (lost answer)');

    // Past its time, the successor would hold it too; it sends nothing either way.
    clock.advance(10 * 60_000);
    await next.drain();
    assert.equal(sim.created, 1, 'not created a second time');
    const ops = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null })).json;
    const row = ops.outbox.find((r: { trackingId: string }) => r.trackingId === trackingId);
    assert.equal(row.parked.code, 'lost_answer');
    assert.match(row.evidence.answer.what, /ETIMEDOUT/);

    const link = await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'link', laporId: String(sim.complaintFor(trackingId)!.id) } });
    assert.equal(link.status, 200, link.text);
    const view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.upstream.state, 'synced');
    assert.equal(view.laporId, String(sim.complaintFor(trackingId)!.id));
    assert.equal(await count("SELECT COUNT(*) AS n FROM events WHERE tracking_id = ? AND type = 'report.upstream_synced'", [trackingId]), 1);
  });

  it('a row found `creating` after its request must have ended (its process died): held with the evidence of what was sent', async () => {
    sim.mode = 'create-then-hang';
    const { trackingId } = await g.create();
    const dead = otherProcess({ createTimeoutMs: 60_000 });
    void dead.drain();
    await eventually(() => sim.countFor(trackingId) === 1);
    // The process "dies": its request is never answered, its answer never recorded.
    sim.mode = 'ok';
    clock.advance(60_000 + 30_000 + 1);
    await fw.drain();
    assert.equal(await outboxState(trackingId), 'parked');
    const row = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null, lang: 'en' })).json.outbox[0];
    assert.equal(row.parked.code, 'lost_answer');
    assert.equal(row.evidence.request.firstLine, `Nomor pelacak: ${trackingId}`);
    assert.match(row.evidence.answer.what, /no answer recorded/);
    assert.equal(sim.created, 1);
    await sim.close(); // ends the dead process's request
  });

  it('two forwarders passing over the same rows at once (one of them stale) create each complaint once and push each response once', async () => {
    sim.delayMs = 30;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await g.create()).trackingId);
    await Promise.all([fw.drain(), otherProcess().drain()]);
    assert.equal(sim.created, 3);
    for (const id of ids) {
      assert.equal(sim.countFor(id), 1, id);
      assert.equal(await outboxState(id), 'done', id);
    }
    assert.equal(await count("SELECT COUNT(*) AS n FROM events WHERE type = 'report.upstream_synced'"), 3);

    // Pushes too: a forward and an admin's response for each go out once, not once per forwarder.
    for (const id of ids) {
      await g.transition(id, { action: 'verify' });
      await g.transition(id, { action: 'forward', institutionId: 'opd-dinkes' });
      await g.transition(id, { action: 'start' }, ADMIN);
      assert.equal((await g.transition(id, { action: 'respond', message: `Sudah ditangani (${id}).` })).status, 200);
    }
    await Promise.all([fw.drain(), otherProcess().drain()]);
    assert.deepEqual(sim.followupsAdded.map((f) => f.content).sort(), ids.map((id) => `Sudah ditangani (${id}).`).sort());
    assert.equal(sim.rejects.length, 3);
    assert.equal(await count("SELECT COUNT(*) AS n FROM upstream_ops WHERE state = 'done'"), 6);
  });

  it('stop() lets the request out finish and records its answer; no pass after it; start() resumes', async () => {
    sim.delayMs = 100;
    const f = otherProcess();
    f.start();
    const a = (await g.create()).trackingId;
    const pass = f.drain();
    await eventually(() => sim.requests.some((r) => r.path === '/complaints/complaint'));
    await f.stop();
    await pass;
    assert.equal(await outboxState(a), 'done', 'the answer that came back after stop() was recorded');

    const b = (await g.create()).trackingId;
    await f.drain();
    await f.tick();
    assert.equal(sim.created, 1, 'a stopped forwarder sends nothing');
    assert.equal(await outboxState(b), 'pending');

    f.start();
    await f.drain();
    assert.equal(sim.countFor(b), 1);
    assert.equal(await outboxState(b), 'done');
  });

  it('an operator\'s institutions sync on another process reaches the forwarding one', async () => {
    const leader = otherProcess();
    leader.start();
    const { trackingId } = await g.create(validReport({ institutionId: 'opd-dispendik' }));
    await leader.drain();
    assert.equal(sim.created, 0);
    assert.equal(await outboxState(trackingId), 'parked');

    await otherProcess().syncInstitutions();
    await eventually(() => leader.synced.has('opd-dispendik'));
    await leader.drain();
    assert.equal(sim.complaintFor(trackingId)!.payload.disposition_id, 2201, 'sent with the id the other process found');
    const ops = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null })).json;
    assert.equal(ops.parked, 0);
  });
});
