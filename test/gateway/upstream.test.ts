/**
 * The whole gateway against the LAPOR! simulator (real envelopes, paging, WIB times,
 * 429s, slow answers, a listing that ignores its filter). Timers are off: each test drives
 * the forwarder (drain = creates + pushes, poll = status + follow-ups) and moves the clock.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import type { UpstreamOptions } from '../../gateway/options.js';
import { parseWib } from '../../gateway/upstream/wib.js';
import { photoForm, testUpstream } from '../fixtures/lapor/index.js';
import { ADMIN, SseReader, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

const KEC_GENTENG = { id: 2102, name: 'Kecamatan Genteng' };
const HOUR = 3_600_000;
const wib = (s: string) => parseWib(s)!;

async function setup(extra: Partial<UpstreamOptions> = {}) {
  const sim = new LaporSimulator('api-key-test', '{GUID-TEST}');
  sim.institutions = [
    { id: 151345, name: 'Kementerian Sekretariat Negara' },
    { id: 2101, name: 'Dinas Kesehatan Kabupaten Banyuwangi' },
    KEC_GENTENG,
    { id: 2201, name: 'Dinas Pendidikan Kabupaten Banyuwangi' },
  ];
  const url = await sim.listen();
  const clock = new TestClock();
  const g = await startGateway({
    now: clock.now,
    upstream: testUpstream(url, extra),
  });
  return { sim, clock, g, fw: g.gw.forwarder!, simUrl: url };
}

describe('LAPOR! round trip (simulator)', () => {
  let sim: LaporSimulator;
  let clock: TestClock;
  let g: TestGateway;
  let fw: NonNullable<TestGateway['gw']['forwarder']>;
  beforeEach(async () => ({ sim, clock, g, fw } = await setup()));
  afterEach(async () => {
    await g.close();
    await sim.close();
  });

  it('photo uploaded, created with mapped numeric ids and attachments "[id]"; Dalam Proses and two pages of follow-ups reach the citizen live at LAPOR!\'s WIB times; reply and rating go to followup/add; Selesai → completed', async () => {
    const att = await g.api('/v1/attachments', { body: photoForm() });
    assert.equal(att.status, 201, att.text);
    const { trackingId, accessToken } = await g.create(validReport({ attachmentIds: [att.json.id], reporter: { name: 'Siti Aminah', phone: '081234567890' } }));
    await fw.drain();

    assert.equal(sim.created, 1);
    assert.equal(sim.uploads.length, 1);
    assert.equal(sim.uploads[0]!.type, 'image/png');
    const c = sim.complaintFor(trackingId)!;
    assert.deepEqual(
      { ch: c.payload.channel, cl: c.payload.classification_id, cat: c.payload.category_id, loc: c.payload.location_id, disp: c.payload.disposition_id, att: c.payload.attachments },
      { ch: 13, cl: 6, cat: 436, loc: 3510, disp: 2102, att: `[${sim.uploads[0]!.id}]` },
    );
    assert.ok(c.content.startsWith(`Nomor pelacak: ${trackingId}\n`));
    assert.ok(sim.requests.every((r) => r.auth === 'Bearer api-key-test' && r.authorization === undefined && r.token === '{GUID-TEST}'));

    const w = await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${w.json.ticket}`);
    await sse.opened;

    // LAPOR! disposes to Kecamatan Genteng and starts work at 10:15 WIB; the kecamatan
    // writes at 11:20 WIB on Monday and 14:05:09 WIB on Tuesday (one follow-up per page).
    sim.dispose(c.id, KEC_GENTENG, wib('07-12-2026 10:15:00'));
    sim.setStatus(c.id, 'Dalam Proses', wib('07-12-2026 10:15:00'));
    sim.addFollowup(c.id, 'Laporan Anda sudah kami terima dan sedang ditinjau.', wib('07-12-2026 11:20:00'));
    sim.addFollowup(c.id, 'Lubang sudah kami tambal sementara.', wib('08-12-2026 14:05:09'));
    clock.t = Date.parse('2026-12-08T08:00:00Z');
    await fw.poll();
    assert.ok(sim.requests.some((r) => r.path === `/complaints/${c.id}/followups?page=2`), 'second page read');

    const evs = await sse.waitFor(4);
    const changes = evs.filter((e) => e.event === 'report.status_changed').map((e) => JSON.parse(e.data).to);
    assert.deepEqual(changes, ['forwarded', 'in_progress', 'responded']);
    // One event for the poll's new responses (carrying both), not one per follow-up.
    const added = evs.filter((e) => e.event === 'report.response_added');
    assert.equal(added.length, 1);
    assert.equal(JSON.parse(added[0]!.data).report.responses.length, 2);
    sse.close();

    let view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.status, 'responded');
    assert.deepEqual(
      view.responses.map((r: { at: string; author: string; institutionName: string }) => [r.at, r.author, r.institutionName]),
      [
        ['2026-12-07T04:20:00.000Z', 'agency', 'Kecamatan Genteng'],
        ['2026-12-08T07:05:09.000Z', 'agency', 'Kecamatan Genteng'],
      ],
    );
    const statusAt = (s: string) => view.timeline.find((t: { type: string; status?: string }) => t.type === 'status' && t.status === s)?.at;
    assert.equal(statusAt('forwarded'), '2026-12-07T03:15:00.000Z');
    assert.equal(statusAt('in_progress'), '2026-12-07T03:15:00.000Z');
    assert.equal(statusAt('responded'), '2026-12-07T04:20:00.000Z');
    // The SLA clocks run on LAPOR!'s times: verification stopped at its disposition.
    const verify = view.clocks.find((k: { id: string }) => k.id === 'lapor.verify');
    if (verify) assert.equal(verify.stoppedAt, '2026-12-07T03:15:00.000Z');

    const reply = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Terima kasih, mohon segera diperbaiki permanen.' } });
    assert.ok(reply.status < 300, reply.text);
    await fw.drain();
    assert.deepEqual(sim.followupsAdded[0], { complaint_id: String(c.id), content: 'Terima kasih, mohon segera diperbaiki permanen.', rating: '0', is_secret: '0' });
    await fw.poll();
    view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.responses.length, 3, 'our own reply, listed back by LAPOR!, is not shown twice');

    sim.setStatus(c.id, 'Selesai', wib('09-12-2026 16:45:30'));
    clock.t = Date.parse('2026-12-10T02:00:00Z');
    await fw.poll();
    view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.status, 'completed');
    assert.equal(statusAt('completed'), '2026-12-09T09:45:30.000Z');

    const rate = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'rating', score: 4 } });
    assert.ok(rate.status < 300, rate.text);
    await fw.drain();
    assert.equal(sim.followupsAdded[1]!.rating, '4');
    assert.equal(sim.followupsAdded[1]!.content, 'Penilaian pelapor: 4 dari 5');

    const health = (await g.api('/healthz', { siteKey: null })).json;
    assert.deepEqual([health.upstream.pending, health.upstream.parked, health.upstream.pushesPending, health.upstream.polled], [0, 0, 0, 0]);
  });

  it('an anonymous report tells LAPOR! is_anonymous and carries no reporter in its content', async () => {
    const { trackingId } = await g.create(validReport({ anonymous: true, reporter: { name: 'Siti Aminah', phone: '081234567890' } }));
    await fw.drain();
    const c = sim.complaintFor(trackingId)!;
    assert.equal(c.payload.is_anonymous, true);
    assert.doesNotMatch(c.content, /Siti|0812/);
  });

  it('Ditolak → archived with LAPOR!\'s reason; polling stops', async () => {
    const { trackingId, accessToken } = await g.create();
    await fw.drain();
    const c = sim.complaintFor(trackingId)!;
    sim.setStatus(c.id, 'Ditolak', wib('07-12-2026 13:00:00'), 'Bukan kewenangan instansi mana pun.');
    clock.advance(6 * HOUR);
    await fw.poll();
    const view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.status, 'archived');
    assert.equal(view.statusReason, 'Ditolak: Bukan kewenangan instansi mana pun.');
    const before = sim.requests.length;
    await fw.poll();
    assert.equal(sim.requests.length, before, 'an archived report is not polled again');
  });

  it('a local forward goes to LAPOR! as process/{id}/reject; an admin response as a follow-up', async () => {
    const { trackingId } = await g.create();
    await fw.drain();
    const c = sim.complaintFor(trackingId)!;
    assert.equal((await g.transition(trackingId, { action: 'verify' })).status, 200);
    assert.equal((await g.transition(trackingId, { action: 'forward', institutionId: 'opd-dinkes' })).status, 200);
    assert.equal((await g.transition(trackingId, { action: 'start' }, ADMIN)).status, 200);
    assert.equal((await g.transition(trackingId, { action: 'respond', message: 'Tim puskesmas sudah kami kirim ke lokasi.' })).status, 200);
    await fw.drain();
    assert.deepEqual(sim.rejects, [{ complaintId: c.id, body: { is_request: 1, reason: '2101', reason_description: 'Diteruskan ke Dinas Kesehatan', not_authority: 1 } }]);
    assert.equal(sim.followupsAdded.length, 1);
    assert.equal(sim.followupsAdded[0]!.content, 'Tim puskesmas sudah kami kirim ke lokasi.');
  });

  it('a forward made before the complaint existed is already in the create (no reject sent)', async () => {
    const { trackingId } = await g.create();
    await g.transition(trackingId, { action: 'verify' });
    await g.transition(trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    await fw.drain();
    await fw.drain();
    assert.equal(sim.complaintFor(trackingId)!.payload.disposition_id, 2101);
    assert.deepEqual(sim.rejects, []);
  });
});

describe('LAPOR! exactly once and never someone else\'s complaint', () => {
  let sim: LaporSimulator;
  let clock: TestClock;
  let g: TestGateway;
  let fw: NonNullable<TestGateway['gw']['forwarder']>;
  beforeEach(async () => ({ sim, clock, g, fw } = await setup()));
  afterEach(async () => {
    await g.close();
    await sim.close();
  });

  it('created, answer lost (500): held with the evidence, no lookup made, never sent twice; the operator links it from LAPOR!\'s screen', async () => {
    sim.addForeign('Nomor pelacak: LPR-ZZZZ-ZZZZ\nlaporan orang lain');
    sim.mode = 'create-then-fail';
    const { trackingId, accessToken } = await g.create(validReport({ title: 'Lampu jalan padam di Jalan Gajah Mada' }));
    await fw.drain();
    assert.equal(sim.countFor(trackingId), 1, 'created once, answer lost');
    sim.mode = 'ok';
    clock.advance(60_000);
    await fw.drain();
    await fw.tick();
    assert.equal(sim.countFor(trackingId), 1, 'not created again');
    assert.ok(!sim.requests.some((r) => r.method === 'GET' && r.path.startsWith('/complaints/complaint')), 'no search: no public client shows one');

    const ops = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null, lang: 'en' })).json;
    const row = ops.outbox.find((r: { trackingId: string }) => r.trackingId === trackingId);
    assert.equal(row.parked.code, 'lost_answer');
    assert.match(row.parked.reason, /Find it on LAPOR!'s screen/);
    // What an operator needs to find it: what we sent, when, and what came back.
    assert.equal(row.evidence.request.path, '/complaints/complaint');
    assert.equal(row.evidence.request.title, 'Lampu jalan padam di Jalan Gajah Mada');
    assert.equal(row.evidence.request.firstLine, `Nomor pelacak: ${trackingId}`);
    assert.equal(row.evidence.request.ids.classification_id, 6);
    assert.equal(row.evidence.sentAt, new Date(clock.t - 60_000).toISOString());
    assert.equal(row.evidence.answer.status, 500);
    assert.match(row.evidence.answer.what, /HTTP 500/);
    assert.doesNotMatch(JSON.stringify(row.evidence), /Siti|0812|Lokasi:/, 'no personal data or body text in the evidence');

    const link = await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'link', laporId: String(sim.complaintFor(trackingId)!.id) } });
    assert.equal(link.status, 200, link.text);
    const view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.upstream.state, 'synced');
    assert.equal(view.laporId, String(sim.complaintFor(trackingId)!.id));
    assert.equal(sim.created, 1);
  });

  it('a create that times out is held, not guessed: no stranger\'s complaint is linked, not even by the operator', async () => {
    const { trackingId, accessToken } = await g.create();
    // Other people's complaints, one naming a LONGER tracking number that contains ours.
    const foreign = [sim.addForeign(`Nomor pelacak: ${trackingId}X\nbukan milik kita`), sim.addForeign('Nomor pelacak: LPR-AAAA-BBBB\norang lain')];
    for (const id of foreign) sim.addFollowup(id, 'Balasan untuk orang lain, jangan ditampilkan.');
    sim.mode = 'hang'; // the create times out: did it arrive? We cannot know.
    await fw.drain();
    sim.mode = 'ok';
    clock.advance(1000);
    await fw.drain();
    await fw.poll();
    assert.equal(sim.created, 0);
    let view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.laporId, null);
    assert.equal(view.responses.length, 0, 'no stranger\'s reply shown');

    const ops = await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null });
    assert.equal(ops.status, 200, ops.text);
    const row = ops.json.outbox.find((r: { trackingId: string }) => r.trackingId === trackingId);
    assert.equal(row.state, 'parked');
    assert.equal(row.parked.code, 'lost_answer');
    assert.match(row.parked.reason, /nomor pelacak/);
    assert.match(row.evidence.answer.what, /ETIMEDOUT/);
    assert.equal((await g.api('/healthz', { siteKey: null })).json.upstream.parked, 1);

    // The operator cannot link a stranger's complaint either…
    const wrong = await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'link', laporId: String(foreign[0]) } });
    assert.equal(wrong.status, 409);
    // …and after checking LAPOR!, sends it again: created exactly once.
    const retry = await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'retry' } });
    assert.equal(retry.status, 200, retry.text);
    await fw.drain();
    assert.equal(sim.countFor(trackingId), 2, 'ours plus the foreign one that merely contains it');
    assert.equal(sim.created, 1);
    view = (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json;
    assert.equal(view.upstream.state, 'synced');
    assert.equal(view.laporId, String([...sim.complaints.values()].find((c) => !c.payload.foreign)!.id));
  });

  it('a create LAPOR! refuses (422) is parked as refused, not retried forever; retry sends it once it is fixed', async () => {
    sim.mode = 'refuse-create';
    const { trackingId } = await g.create();
    await fw.drain();
    clock.advance(1000);
    await fw.drain();
    const creates = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/complaints/complaint').length;
    assert.equal(creates(), 1, 'asked once');
    const row = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null, lang: 'en' })).json.outbox[0];
    assert.equal(row.parked.code, 'refused');
    assert.match(row.parked.reason, /The given data was invalid\./, 'LAPOR!\'s own message');
    sim.mode = 'ok';
    await g.api(`/v1/admin/upstream/reports/${trackingId}`, { token: ADMIN, siteKey: null, body: { action: 'retry' } });
    await fw.drain();
    assert.equal(sim.countFor(trackingId), 1);
  });

  it('the operator view is for the super admin only', async () => {
    const scoped = await g.api('/v1/admin/upstream', { token: 'nope', siteKey: null });
    assert.equal(scoped.status, 401);
  });
});

describe('LAPOR! mapping and institutions', () => {
  let sim: LaporSimulator;
  let g: TestGateway;
  let fw: NonNullable<TestGateway['gw']['forwarder']>;
  beforeEach(async () => ({ sim, g, fw } = await setup()));
  afterEach(async () => {
    await g.close();
    await sim.close();
  });

  it('a report whose institution has no LAPOR! id is held with a clear reason, then sent once the masters sync finds it', async () => {
    const { trackingId, accessToken } = await g.create(validReport({ institutionId: 'opd-dispendik' }));
    await fw.drain();
    assert.equal(sim.created, 0, 'not sent wrong');
    const ops = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null, lang: 'en' })).json;
    assert.equal(ops.outbox[0].parked.code, 'mapping');
    assert.match(ops.outbox[0].parked.reason, /institution "opd-dispendik"/);
    assert.equal((await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json.upstream.state, 'failed');

    const synced = await g.api('/v1/admin/upstream/institutions/sync', { token: ADMIN, siteKey: null, body: {} });
    assert.equal(synced.status, 200, synced.text);
    assert.ok(synced.json.unmatchedInstitutions.some((u: { id: string }) => u.id === 'opd-dishub'), 'what did not match is reported');
    await fw.drain();
    assert.equal(sim.complaintFor(trackingId)!.payload.disposition_id, 2201);
  });
});

describe('LAPOR! politeness', () => {
  let sim: LaporSimulator;
  let clock: TestClock;
  let g: TestGateway;
  let fw: NonNullable<TestGateway['gw']['forwarder']>;
  afterEach(async () => {
    await g.close();
    await sim.close();
  });

  it('429 + Retry-After pauses every request until then; slow answers are waited for', async () => {
    ({ sim, clock, g, fw } = await setup());
    sim.delayMs = 150;
    sim.throttle(1, 30);
    const { trackingId } = await g.create();
    await fw.drain();
    assert.equal(sim.created, 0);
    const health = (await g.api('/healthz', { siteKey: null })).json;
    assert.equal(health.upstream.state, 'throttled');
    assert.ok(!JSON.stringify(health).includes(trackingId), 'the public /healthz names no report');
    const ops = (await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null })).json;
    assert.ok(ops.pausedUntil, 'the operator sees the pause');
    assert.match(ops.lastError.message, /HTTP 429/);
    assert.equal(ops.lastError.trackingId, trackingId);
    const before = sim.requests.length;
    await fw.drain();
    assert.equal(sim.requests.length, before, 'nothing sent while paused');
    clock.advance(31_000);
    await fw.drain();
    assert.equal(sim.countFor(trackingId), 1);
  });

  it('LAPOR! unreachable: one request per pass, not one per report; each created once when it is back', async () => {
    let simUrl: string;
    ({ sim, clock, g, fw, simUrl } = await setup());
    await sim.close();
    for (let i = 0; i < 5; i++) await g.create();
    const before = fw.budget.sent;
    await fw.drain();
    assert.equal(fw.budget.sent - before, 1);
    await sim.listen(Number(new URL(simUrl).port));
    clock.advance(10_000);
    await fw.drain();
    assert.equal(sim.created, 5);
  });

  it('a global request budget caps a pass; the rest go out as it refills', async () => {
    ({ sim, clock, g, fw } = await setup({ budget: { capacity: 3, perMinute: 2 } }));
    for (let i = 0; i < 5; i++) await g.create();
    await fw.drain();
    assert.equal(sim.requests.length, 3);
    assert.equal(sim.created, 3);
    clock.advance(60_000);
    await fw.drain();
    assert.equal(sim.created, 5);
  });

  it('polls a young report every pollIntervalMs, an older one hourly', async () => {
    ({ sim, clock, g, fw } = await setup());
    await g.create();
    await fw.drain();
    const count = () => sim.requests.filter((r) => r.method === 'GET').length;
    await fw.tick();
    assert.equal(count(), 0, 'not due yet');
    clock.advance(61_000);
    await fw.tick();
    assert.equal(count(), 2, 'detail + one page of follow-ups');
    clock.advance(2 * 24 * HOUR);
    await fw.tick();
    assert.equal(count(), 4);
    clock.advance(30 * 60_000);
    await fw.tick();
    assert.equal(count(), 4, 'two days old: not again within the hour');
    clock.advance(31 * 60_000);
    await fw.tick();
    assert.equal(count(), 6);
  });
});

describe('standalone (no LAPOR_UPSTREAM_URL)', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());
  it('reports show upstream.state = disabled; /healthz upstream is null; the operator view is 404', async () => {
    const { report } = await g.create();
    assert.equal(report.upstream.state, 'disabled');
    assert.equal(g.gw.forwarder, undefined);
    assert.equal((await g.api('/healthz', { siteKey: null })).json.upstream, null);
    assert.equal((await g.api('/v1/admin/upstream', { token: ADMIN, siteKey: null })).status, 404);
  });
});
