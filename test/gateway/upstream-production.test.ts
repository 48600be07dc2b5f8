/**
 * Issue 22: LAPOR! in production, end to end through the gateway's HTTP API against the
 * simulator set up as the production SPLP stand-in (`auth: Bearer <key>` + `token` only;
 * LAPOR!'s real answers, each shaped after a cited public client in test/fixtures/lapor/).
 * Timers are off: each test drives the forwarder and moves the clock. Timeouts are the
 * production ones at a twentieth (90 s → 4.5 s, 30 s → 1.5 s, a 35 s answer → 1.75 s).
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpstreamOptions } from '../../gateway/options.js';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { parseWib } from '../../gateway/upstream/wib.js';
import { TEST_MAP_PATH, photoForm, testUpstream } from '../fixtures/lapor/index.js';
import { killGateway, spawnGateway } from './spawn-gateway.js';
import { ADMIN, SseReader, TestClock, eventually, sleep, startGateway, validReport, type TestGateway, SPAWNS_SQLITE_ONLY } from './helpers.js';

const KEY = 'api-key-production';
const GUID = '{0A1B2C3D-PROD-4444-8888-ABCDEFABCDEF}';
const KEC_GENTENG = { id: 2102, name: 'Kecamatan Genteng' };
const wib = (s: string) => parseWib(s)!;

async function production(extra: Partial<UpstreamOptions> = {}) {
  const sim = new LaporSimulator(KEY, GUID);
  sim.authHeader = 'auth';
  sim.institutions = [
    { id: 151345, name: 'Kementerian Sekretariat Negara' },
    { id: 2101, name: 'Dinas Kesehatan Kabupaten Banyuwangi' },
    KEC_GENTENG,
  ];
  const url = await sim.listen();
  const clock = new TestClock();
  const g = await startGateway({ now: clock.now, upstream: testUpstream(url, { auth: KEY, token: GUID, ...extra }) });
  return { sim, clock, g, fw: g.gw.forwarder!, url };
}

const admin = (g: TestGateway, lang = 'en') => g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null, lang }).then((r) => r.json);

/** A fresh production stand-in and gateway around each test of the suite (`t.sim`, `t.g`, …). */
function eachTest(extra: Partial<UpstreamOptions> = {}) {
  const t = {} as Awaited<ReturnType<typeof production>>;
  beforeEach(async () => void Object.assign(t, await production(extra)));
  afterEach(async () => {
    await t.g.close();
    await t.sim.close();
  });
  return t;
}

describe('production SPLP stand-in: only `auth: Bearer` + `token`', () => {
  const t = eachTest();

  it('a report with a photo is created exactly once ({results: {complaint: {id}}}) and every LAPOR! transition reaches the citizen live at LAPOR!\'s times', async () => {
    const { sim, clock, g, fw } = t;
    sim.createAnswer = 'results.complaint.id';
    const att = await g.api('/v1/attachments', { body: photoForm() });
    assert.equal(att.status, 201, att.text);
    const { trackingId, accessToken } = await g.create(validReport({ institutionId: 'opd-dinkes', attachmentIds: [att.json.id] }));
    await fw.drain();
    await fw.drain();
    assert.equal(sim.created, 1);
    assert.equal(sim.countFor(trackingId), 1);
    assert.equal(sim.uploads.length, 1);
    const c = sim.complaintFor(trackingId)!;
    assert.equal(c.payload.attachments, `[${sim.uploads[0]!.id}]`);
    assert.ok(sim.requests.length >= 2);
    assert.ok(sim.requests.every((r) => r.auth === `Bearer ${KEY}` && r.authorization === undefined && r.token === GUID), 'the key in `auth` only');
    let view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.laporId, String(c.id), 'linked from results.complaint.id, not held as a lost answer');
    assert.equal((await admin(g)).parked, 0);

    const w = await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${w.json.ticket}`);
    await sse.opened;
    const step = async (at: string) => {
      clock.t = wib(at).getTime() + 60_000;
      await fw.poll();
    };
    try {
      sim.setStatus(c.id, 'Sudah Terverifikasi', wib('07-12-2026 09:40:00'));
      await step('07-12-2026 09:40:00');
      // A disposition that carries text: a hand-over to Kecamatan Genteng, not its response.
      sim.disposeViaFollowup(c.id, KEC_GENTENG, wib('07-12-2026 10:15:00'), 'Mohon segera ditindaklanjuti, warga mengeluh sejak dua minggu.');
      await step('07-12-2026 10:15:00');
      sim.setStatus(c.id, 'Dalam Proses', wib('07-12-2026 11:00:00'));
      await step('07-12-2026 11:00:00');
      sim.setStatus(c.id, 'Tunda', wib('07-12-2026 13:00:00'), undefined, 'Menunggu hasil survei lapangan.');
      await step('07-12-2026 13:00:00');
      sim.setStatus(c.id, 'Dalam Proses', wib('08-12-2026 09:00:00'));
      await step('08-12-2026 09:00:00');
      sim.addFollowup(c.id, 'Lubang sudah kami tambal sementara.', wib('08-12-2026 14:05:09'));
      await step('08-12-2026 14:05:09');
      sim.setStatus(c.id, 'Diarsipkan', wib('09-12-2026 16:45:30'), undefined, 'Perbaikan permanen masuk anggaran 2027.');
      await step('09-12-2026 16:45:30');

      const evs = await sse.waitFor(8);
      const moves = evs.filter((e) => e.event === 'report.status_changed').map((e) => JSON.parse(e.data));
      assert.deepEqual(
        moves.map((m) => [m.from, m.to, m.at]),
        [
          ['submitted', 'verified', '2026-12-07T02:40:00.000Z'],
          ['verified', 'forwarded', '2026-12-07T03:15:00.000Z'],
          ['forwarded', 'in_progress', '2026-12-07T04:00:00.000Z'],
          ['in_progress', 'on_hold', '2026-12-07T06:00:00.000Z'],
          ['on_hold', 'in_progress', '2026-12-08T02:00:00.000Z'],
          ['in_progress', 'responded', '2026-12-08T07:05:09.000Z'],
          ['responded', 'archived', '2026-12-09T09:45:30.000Z'],
        ],
      );
      assert.equal(evs.filter((e) => e.event === 'report.response_added').length, 1);
    } finally {
      sse.close();
    }
    view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.status, 'archived');
    assert.equal(view.statusReason, 'Diarsipkan: Perbaikan permanen masuk anggaran 2027.', 'status_logs[].note, not the log template');
    assert.doesNotMatch(JSON.stringify(view), /\{\{|<b>|<a /, 'no placeholder or HTML reaches the citizen');
    assert.deepEqual(
      view.responses.map((r: { at: string; author: string; message: string }) => [r.at, r.author, r.message]),
      [['2026-12-08T07:05:09.000Z', 'agency', 'Lubang sudah kami tambal sementara.']],
      'the disposition\'s text is not shown as the institution\'s response',
    );
    const forwarded = view.timeline.find((t: { type: string; status?: string }) => t.type === 'status' && t.status === 'forwarded');
    assert.equal(forwarded.institutionName, 'Kecamatan Genteng');
    assert.equal(view.institution.id, 'kec-genteng', 'forwarded to the institution LAPOR! named');
    const held = view.timeline.find((t: { type: string; status?: string }) => t.type === 'status' && t.status === 'on_hold');
    assert.equal(held.note, 'Tunda: Menunggu hasil survei lapangan.');
    const followup = view.clocks.find((k: { id: string }) => k.id === 'lapor.followup');
    assert.equal(followup.startedAt, '2026-12-07T03:15:00.000Z', 'lapor.followup runs from LAPOR!\'s disposition');
    assert.equal(followup.stoppedAt, '2026-12-08T07:05:09.000Z', 'and stops at the institution\'s real response');
    assert.equal(sim.created, 1);
  });

});

describe('credentials refused (401/403): paused, loud, nothing lost', () => {
  const t = eachTest({ credentialsProbeMs: 60_000 });

  it('the key in the wrong header: one probe, not full-speed retries; reports stay pending; /healthz and the operator view say so; resumes when LAPOR! accepts', async () => {
    const { sim, clock, g, fw } = t;
    sim.authHeader = 'Authorization'; // a training-API key header against production: 401
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await g.create()).trackingId);
    await fw.drain();
    assert.equal(sim.requests.length, 1, 'one request found the problem');
    for (let i = 0; i < 5; i++) {
      await fw.tick();
      clock.advance(10_000);
    }
    assert.equal(sim.requests.length, 1, 'nothing more until the next probe');

    const health = (await g.api('/healthz', { siteKey: null })).json.upstream;
    assert.equal(health.state, 'credentials_refused');
    assert.equal(health.pending, 3);
    assert.equal(health.parked, 0);
    assert.doesNotMatch(JSON.stringify(health), /Unauthenticated|HTTP|complaint/, 'counts and states only');
    const ops = await admin(g);
    assert.equal(ops.alerts.length, 1);
    assert.equal(ops.alerts[0].code, 'credentials_refused');
    assert.match(ops.alerts[0].message, /^LAPOR! REFUSES THE GATEWAY'S CREDENTIALS \(POST \/complaints\/complaint: HTTP 401: "Unauthenticated\."\)/);
    assert.match(ops.alerts[0].message, /LAPOR_UPSTREAM_AUTH_HEADER \(the key is sent as "auth: Bearer …"/);
    assert.equal((await admin(g, 'id')).alerts[0].message.startsWith('LAPOR! MENOLAK KREDENSIAL GATEWAY'), true);
    assert.equal(ops.credentials.status, 401);
    for (const row of ops.outbox) assert.equal(row.state, 'pending');
    for (const id of ids) assert.equal((await g.gw.services.store.report(id))!.upstream_state, 'pending', 'not failed, not parked');

    // A restart (or another process taking the lead) remembers it and asks once, at once.
    await fw.stop();
    fw.start();
    assert.equal((await fw.firstWord(0)).state, 'credentials_refused', 'still refused before anything is asked');
    await fw.drain();
    assert.equal(sim.requests.length, 2, 'one probe at start');
    assert.equal((await g.api('/healthz', { siteKey: null })).json.upstream.state, 'credentials_refused');

    clock.advance(61_000);
    await fw.drain();
    assert.equal(sim.requests.length, 3, 'one probe after credentialsProbeMs');

    sim.authHeader = 'auth'; // fixed on LAPOR!'s side
    clock.advance(61_000);
    await fw.drain();
    for (const id of ids) assert.equal(sim.countFor(id), 1, id);
    const after = await admin(g);
    assert.deepEqual([after.state, after.alerts, after.parked, after.pending], ['ok', [], 0, 0]);
  });
});

describe('a pass ends once what it found is stored', () => {
  const t = eachTest({ credentialsProbeMs: 60_000 });

  // CI once read /healthz right after a drain and found 'starting': the refused credentials
  // the drain had met were still on their way to the database (written apart from the
  // tasks). A slow write makes that window wide: drain must wait for it.
  it('/healthz says "credentials_refused" as soon as the drain that met the 401 returns, however slow the status write', async () => {
    const { sim, g, fw } = t;
    const queue = (fw as unknown as { queue: { setStatus: (...args: unknown[]) => Promise<void> } }).queue;
    const setStatus = queue.setStatus.bind(queue);
    queue.setStatus = async (...args) => {
      await new Promise((r) => setTimeout(r, 300));
      return setStatus(...args);
    };
    sim.authHeader = 'Authorization';
    await g.create();
    await fw.drain();
    assert.equal((await g.api('/healthz', { siteKey: null })).json.upstream.state, 'credentials_refused');
  });
});

describe('time: a slow create, bounded concurrency, order per report', () => {
  // The public client's 90 s total / 30 s connect, and 30 s for anything else, at a twentieth.
  const t = eachTest({ createTimeoutMs: 4500, connectTimeoutMs: 1500, timeoutMs: 1500 });

  it('a create answered after "35 s" is linked, not parked, while other reports go to LAPOR! meanwhile', async () => {
    const { sim, g, fw } = t;
    const warm = await g.create(); // LAPOR! has answered before: the lanes are open
    await fw.drain();
    assert.equal(sim.countFor(warm.trackingId), 1);

    const slow = await g.create(validReport({ title: 'Lampu jalan padam di Jalan Gajah Mada' }));
    // Answered after "35 s" (1.75 s), and not before the others are through (however slow this machine).
    let release!: () => void;
    sim.slowCreate(1750, new Promise<void>((r) => (release = r)));
    const t0 = Date.now();
    const slowPass = fw.drain();
    await eventually(() => sim.countFor(slow.trackingId) === 1);
    const others = [await g.create(), await g.create()];
    await fw.drain();
    for (const o of others) {
      const v = (await g.api(`/v1/reports/${o.trackingId}`, { token: o.accessToken })).json;
      assert.equal(v.upstream.state, 'synced', 'another report went while the slow create hung');
    }
    assert.equal((await g.api(`/v1/reports/${slow.trackingId}`, { token: slow.accessToken })).json.laporId, null, 'the slow one was still out');
    release();
    await slowPass;
    assert.ok(Date.now() - t0 >= 1740, 'it really took longer than the old 30 s ("1.5 s")');
    const v = (await g.api(`/v1/reports/${slow.trackingId}`, { token: slow.accessToken })).json;
    assert.equal(v.upstream.state, 'synced');
    assert.equal(v.laporId, String(sim.complaintFor(slow.trackingId)!.id));
    assert.equal(sim.created, 4);
    assert.equal((await admin(g)).parked, 0);
  });

  it('at most `concurrency` requests at once; each report\'s pushes after its create and in order', async () => {
    const { sim, g, fw } = t;
    await g.create();
    await fw.drain(); // lanes open
    sim.delayMs = 60;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await g.create()).trackingId);
    // Queued before their creates: a forward (which the create then carries) and a response.
    for (const id of ids.slice(0, 3)) {
      await g.transition(id, { action: 'verify' });
      await g.transition(id, { action: 'forward', institutionId: 'opd-dinkes' });
      await g.transition(id, { action: 'start' }, ADMIN);
      assert.equal((await g.transition(id, { action: 'respond', message: `Ditangani (${id}).` })).status, 200);
    }
    sim.maxInFlight = 0;
    await fw.drain();
    assert.ok(sim.maxInFlight > 1, `several at once (${sim.maxInFlight})`);
    assert.ok(sim.maxInFlight <= 4, `never more than the 4 lanes (${sim.maxInFlight})`);
    for (const id of ids) assert.equal(sim.countFor(id), 1, id);
    for (const id of ids.slice(0, 3)) {
      const c = sim.complaintFor(id)!;
      const pushed = sim.followupsAdded.filter((f) => f.complaint_id === String(c.id)).map((f) => f.content);
      assert.deepEqual(pushed, [`Ditangani (${id}).`], 'after its create (LAPOR! 404s a follow-up to a complaint it has not got)');
    }
    assert.deepEqual(sim.rejects, [], 'forwards queued before the create went in it');
    assert.equal((await admin(g)).pushesParked, 0);
  });
});

describe('LAPOR! declining (success:false): retried, then held with its message', () => {
  const t = eachTest();

  it('a citizen\'s reply declined three times is held (with its later pushes) with LAPOR!\'s message, never "delivered"; retry sends it', async () => {
    const { sim, clock, g, fw } = t;
    const { trackingId, accessToken } = await g.create();
    await fw.drain();
    const c = sim.complaintFor(trackingId)!;
    sim.addFollowup(c.id, 'Lubang sudah kami tambal sementara.', new Date(clock.t - 1000));
    await fw.poll();
    sim.decline('/complaints/followup/add', 3, 'Laporan sudah ditutup, tindak lanjut tidak dapat ditambahkan');
    const reply = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Terima kasih, mohon segera diperbaiki permanen.' } });
    assert.ok(reply.status < 300, reply.text);
    for (let i = 0; i < 4; i++) {
      await fw.drain();
      clock.advance(1000);
    }
    assert.equal(sim.requests.filter((r) => r.path === '/complaints/followup/add').length, 3, 'tried three times');
    assert.equal(sim.followupsAdded.length, 0, 'not delivered');
    const ops = await admin(g);
    assert.equal(ops.pushesParked, 1);
    const held = ops.pushes.find((p: { kind: string }) => p.kind === 'reply');
    assert.equal(held.state, 'parked');
    assert.equal(held.lastError, 'LAPOR!: "Laporan sudah ditutup, tindak lanjut tidak dapat ditambahkan" (3×)');
    assert.equal((await g.api('/healthz', { siteKey: null })).json.upstream.pushesParked, 1);

    const retry = await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'retry' } });
    assert.equal(retry.status, 200, retry.text);
    await fw.drain();
    assert.deepEqual(sim.followupsAdded.map((f) => f.content), ['Terima kasih, mohon segera diperbaiki permanen.']);
  });

  it('a create declined three times is held as "declined" with LAPOR!\'s message; nothing was created; retry sends it once', async () => {
    const { sim, clock, g, fw } = t;
    sim.decline('/complaints/complaint', 3, 'Kategori tidak aktif untuk kanal ini');
    const { trackingId } = await g.create();
    for (let i = 0; i < 4; i++) {
      await fw.drain();
      clock.advance(1000);
    }
    assert.equal(sim.requests.filter((r) => r.path === '/complaints/complaint').length, 3);
    assert.equal(sim.created, 0);
    const row = (await admin(g)).outbox[0];
    assert.equal(row.parked.code, 'declined');
    assert.equal(row.parked.reason, 'Held: LAPOR! declined 3 times in a row: "Kategori tidak aktif untuk kanal ini". Fix it, then send it again.');
    await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'retry' } });
    await fw.drain();
    assert.equal(sim.countFor(trackingId), 1);
  });

  it('a forward declined once is retried and then done (process/{id}/reject)', async () => {
    const { sim, clock, g, fw } = t;
    const { trackingId } = await g.create();
    await fw.drain();
    await g.transition(trackingId, { action: 'verify' });
    await g.transition(trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    sim.decline(`/complaints/process/${sim.complaintFor(trackingId)!.id}/reject`, 1, 'Coba lagi nanti');
    await fw.drain();
    assert.equal(sim.rejects.length, 0);
    clock.advance(1000);
    await fw.drain();
    assert.equal(sim.rejects.length, 1);
    assert.equal((await admin(g)).pushesPending, 0);
  });
});

describe('an upstream we do not trust', () => {
  const t = eachTest();

  it('a 307 to another origin sends nothing there (no key, no token, no report), and no id from it is adopted', async () => {
    const { sim, g, fw } = t;
    const hits: string[] = [];
    const other = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ success: true, complaint_id: 666, results: { data: [] } }));
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const synced = await g.create();
      await fw.drain();
      sim.redirectTo(`${otherUrl}/lapor/3.0.0/complaints/complaint`);
      const { trackingId, accessToken } = await g.create();
      await fw.drain();
      await fw.poll();
      await g.transition(synced.trackingId, { action: 'verify' });
      await g.transition(synced.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
      await fw.drain();
      assert.deepEqual(hits, [], 'the other origin heard nothing');
      const view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
      assert.equal(view.laporId, null);
      const row = (await admin(g)).outbox.find((r: { trackingId: string }) => r.trackingId === trackingId);
      assert.equal(row.parked.code, 'lost_answer', 'it may have passed it on: held, never resent');
      assert.equal(row.evidence.answer.status, 307);
      assert.match(row.evidence.answer.what, new RegExp(`redirect to ${otherUrl}, not followed`));
    } finally {
      other.closeAllConnections();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('the public /healthz shows counts and states only; the error, its report and LAPOR!\'s id are in the operator view', async () => {
    const { sim, g, fw } = t;
    const { trackingId } = await g.create();
    await fw.drain();
    const laporId = String(sim.complaintFor(trackingId)!.id);
    sim.mode = 'fail';
    await fw.poll();
    const health = (await g.api('/healthz', { siteKey: null })).json.upstream;
    assert.deepEqual(Object.keys(health).sort(), ['institutions', 'lagMs', 'parked', 'pending', 'polled', 'pushesParked', 'pushesPending', 'requestsSent', 'state']);
    const text = JSON.stringify(health);
    for (const secret of [trackingId, laporId, 'HTTP', 'complaints']) assert.ok(!text.includes(secret), secret);
    const ops = await admin(g);
    assert.equal(ops.lastError.trackingId, trackingId);
    assert.match(ops.lastError.message, new RegExp(`GET /complaints/${laporId}/complaint: HTTP 500`));
  });
});

describe('follow-ups: capped per poll, nothing lost', () => {
  const t = eachTest({ followupsPerPoll: 5 });

  it('12 new follow-ups, 5 per poll: 5, 5, 2, in time order, each once; the rest is due at the next pass; later ones are still found', async () => {
    const { sim, clock, g, fw } = t;
    sim.pageSize = 4;
    const { trackingId, accessToken } = await g.create();
    await fw.drain();
    const c = sim.complaintFor(trackingId)!;
    for (let i = 1; i <= 12; i++) sim.addFollowup(c.id, `Tindak lanjut ${i}`, new Date(clock.t + i * 1000));
    clock.advance(60_000);
    const seen = async () => (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json.responses.map((r: { message: string }) => r.message);
    await fw.poll(false);
    assert.equal((await seen()).length, 5);
    await fw.poll(false); // due again at once: no waiting for the next 5-minute poll
    assert.equal((await seen()).length, 10);
    await fw.poll(false);
    assert.deepEqual(await seen(), Array.from({ length: 12 }, (_, i) => `Tindak lanjut ${i + 1}`));
    const before = sim.requests.length;
    await fw.poll(false);
    assert.equal(sim.requests.length, before, 'caught up: back to the normal schedule');
    sim.addFollowup(c.id, 'Tindak lanjut 13', new Date(clock.t));
    clock.advance(61_000);
    await fw.poll(false);
    assert.equal((await seen()).length, 13);
  });

});

describe('a flood of follow-ups', () => {
  it('1,000 follow-ups of 1 kB in one page: /healthz answers in < 1 s throughout, each shown once, one event per poll', async (t) => {
    // LAPOR! in its own process, as it is on its own machine: what is measured is the gateway.
    const child = fork(new URL('../fixtures/lapor/sim-process.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, SIM_AUTH: KEY, SIM_TOKEN: GUID },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const replies: ((m: { ok?: boolean; url?: string; error?: string }) => void)[] = [];
    child.on('message', (m: { url?: string }) => replies.shift()?.(m));
    const ask = (m: object) =>
      new Promise<{ ok?: boolean; url?: string; error?: string }>((resolve) => {
        replies.push(resolve);
        if (Object.keys(m).length) child.send(m);
      });
    const { url } = await ask({});
    const clock = new TestClock();
    const g = await startGateway({ now: clock.now, upstream: testUpstream(url!, { auth: KEY, token: GUID }) });
    const fw = g.gw.forwarder!;
    try {
      const { trackingId, accessToken } = await g.create();
      await fw.drain();
      assert.ok((await ask({ pageSize: 1000, flood: { trackingId, n: 1000, bytes: 1024, at: new Date(clock.t + 1000).toISOString() } })).ok);
      clock.advance(60_000);

      const latencies: number[] = [];
      let polling = true;
      const probe = (async () => {
        while (polling) {
          const t0 = performance.now();
          const r = await g.api('/healthz', { siteKey: null });
          latencies.push(performance.now() - t0);
          assert.equal(r.status, 200);
          await sleep(5);
        }
      })();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const t0 = performance.now();
      let polls = 0;
      try {
        for (; polls < 20; polls++) {
          await fw.poll(false);
          peak = Math.max(peak, process.memoryUsage().rss);
          const n = (await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses WHERE tracking_id = ?', [trackingId]))!.n;
          if (Number(n) === 1000) break;
        }
      } finally {
        polling = false;
        await probe;
      }
      const took = performance.now() - t0;
      const view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
      assert.equal(view.responses.length, 1000);
      assert.equal(new Set(view.responses.map((r: { message: string }) => r.message)).size, 1000, 'each once');
      const events = (await g.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE tracking_id = ? AND type = 'report.response_added'", [trackingId]))!.n;
      assert.equal(Number(events), polls + 1, 'one event per poll, not one per follow-up');
      latencies.sort((a, b) => a - b);
      const max = latencies.at(-1)!;
      const p50 = latencies[Math.floor(latencies.length / 2)]!;
      t.diagnostic(
        `1,000 follow-ups taken in ${polls + 1} polls, ${took.toFixed(0)} ms; /healthz ${latencies.length} answers meanwhile, p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; RSS ${(rss0 / 2 ** 20).toFixed(0)} → peak ${(peak / 2 ** 20).toFixed(0)} MB`,
      );
      assert.ok(latencies.length >= 2, 'health was asked during the polls');
      assert.ok(max < 1000, `/healthz took ${max.toFixed(0)} ms`);
    } finally {
      await g.close();
      child.disconnect();
      await new Promise((r) => child.once('exit', r));
    }
  });
});

describe('the start banner', { skip: SPAWNS_SQLITE_ONLY }, () => {
  it('says loudly when LAPOR! refuses the credentials at start, and how the key is sent', async () => {
    const sim = new LaporSimulator(KEY, GUID);
    sim.authHeader = 'Authorization'; // the gateway sends `auth` (the default): refused
    const simUrl = await sim.listen();
    const dir = mkdtempSync(join(tmpdir(), 'lapor-banner-'));
    const lines: string[] = [];
    const env = { LAPOR_UPSTREAM_URL: simUrl, LAPOR_UPSTREAM_AUTH: KEY, LAPOR_UPSTREAM_TOKEN: GUID, LAPOR_UPSTREAM_MAP: TEST_MAP_PATH };
    const { child } = await spawnGateway(dir, env, 'ignore', 'demo/start.ts', (l) => lines.push(l));
    try {
      const upstream = lines.find((l) => l.startsWith('  upstream  '))!;
      assert.match(upstream, new RegExp(`${simUrl.replace(/[.]/g, '\\.')}  \\(key as "auth: Bearer …", GUID as "token"\\)`));
      const loud = lines.find((l) => l.startsWith('  !!! '));
      assert.ok(loud, lines.join('\n'));
      assert.match(loud!, /LAPOR! REFUSES THE GATEWAY'S CREDENTIALS \(GET \/masters\/institutions\/external: HTTP 401: "Unauthenticated\."\)/);
      assert.ok(!lines.join('\n').includes(KEY), 'the key itself is never printed');
    } finally {
      await killGateway(child);
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
