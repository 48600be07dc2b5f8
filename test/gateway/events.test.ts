import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReportEvent } from '../../src/contract/index.js';
import * as z from 'zod/mini';
import { SseReader, TestClock, eventually, sleep, startGateway, validReport, type TestGateway } from './helpers.js';

describe('watch + SSE events', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now, heartbeatMs: 100 })));
  after(() => g.close());

  async function ticketFor(...reports: { trackingId: string; accessToken: string }[]) {
    const r = await g.api('/v1/watch', { body: { reports: reports.map(({ trackingId, accessToken }) => ({ trackingId, accessToken })) } });
    assert.equal(r.status, 201, r.text);
    return r.json.ticket as string;
  }

  it('POST /v1/watch needs every code; one wrong code → 404', async () => {
    const a = await g.create();
    const b = await g.create();
    const ok = await g.api('/v1/watch', { body: { reports: [a, b].map(({ trackingId, accessToken }) => ({ trackingId, accessToken })) } });
    assert.equal(ok.status, 201);
    assert.ok(ok.json.ticket.length >= 16);
    assert.ok(Date.parse(ok.json.expiresAt) > clock.t);
    const bad = await g.api('/v1/watch', { body: { reports: [{ trackingId: a.trackingId, accessToken: a.accessToken }, { trackingId: b.trackingId, accessToken: 'x'.repeat(43) }] } });
    assert.equal(bad.status, 404);
    const invalid = await g.api('/v1/watch', { body: { reports: [] } });
    assert.equal(invalid.status, 422);
  });

  it('streams id/event/data for watched reports only, with retry hint and heartbeats', async () => {
    const a = await g.create();
    const other = await g.create();
    const sse = new SseReader(`${g.url}/v1/events?ticket=${await ticketFor(a)}`);
    await sse.opened;
    assert.equal(sse.status, 200);
    assert.match(sse.headers!.get('content-type')!, /^text\/event-stream/);
    assert.ok(sse.headers!.get('x-request-id'));
    await eventually(() => sse.retry !== undefined);
    await g.transition(other.trackingId, { action: 'verify' });
    await g.transition(a.trackingId, { action: 'verify' });
    const [ev] = await sse.waitFor(1);
    assert.equal(ev!.event, 'report.status_changed');
    const data = JSON.parse(ev!.data);
    assert.ok(z.safeParse(ReportEvent, data).success, 'data is a contract ReportEvent');
    assert.equal(data.id, ev!.id);
    assert.equal(data.trackingId, a.trackingId);
    assert.deepEqual([data.from, data.to, data.report.status], ['submitted', 'verified', 'verified']);
    await eventually(() => sse.comments >= 2, 2000);
    await sleep(50);
    assert.equal(sse.events.length, 1, 'nothing about the other report');
    sse.close();
  });

  it('resume after a disconnect with Last-Event-ID: exactly the missed events, in order', async () => {
    const a = await g.create();
    const b = await g.create();
    const ticket = await ticketFor(a, b);
    const first = new SseReader(`${g.url}/v1/events?ticket=${ticket}`);
    await first.opened;
    await g.transition(a.trackingId, { action: 'verify' });
    const [seen] = await first.waitFor(1);
    first.close();
    await first.done;
    await eventually(() => g.gw.services.hub.size === 0, 2000);

    // While disconnected: 5 events over both reports (respond makes two).
    await g.transition(b.trackingId, { action: 'verify' });
    await g.transition(a.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    await g.transition(a.trackingId, { action: 'start' });
    await g.transition(a.trackingId, { action: 'respond', message: 'Sedang ditangani petugas.' });

    const second = new SseReader(`${g.url}/v1/events?ticket=${ticket}`, { 'Last-Event-ID': seen!.id! });
    const missed = await second.waitFor(5);
    assert.deepEqual(
      missed.map((e) => [JSON.parse(e.data).trackingId === a.trackingId ? 'a' : 'b', e.event]),
      [
        ['b', 'report.status_changed'],
        ['a', 'report.status_changed'],
        ['a', 'report.status_changed'],
        ['a', 'report.status_changed'],
        ['a', 'report.response_added'],
      ],
    );
    const ids = missed.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
    assert.ok(ids[0]! > Number(seen!.id));
    // Then live, without duplicates.
    await g.transition(a.trackingId, { action: 'complete' });
    await second.waitFor(6);
    await sleep(50);
    assert.equal(second.events.length, 6);
    assert.equal(new Set(second.events.map((e) => e.id)).size, 6);
    second.close();
  });

  it('resume with the lastEventId query parameter too (a fresh EventSource from the SDK)', async () => {
    const a = await g.create();
    const ticket = await ticketFor(a);
    const lastSeq = await g.gw.services.events.lastSeq();
    await g.transition(a.trackingId, { action: 'verify' });
    await g.transition(a.trackingId, { action: 'hold', reason: 'Menunggu dokumen' });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${ticket}&lastEventId=${lastSeq}`);
    const evs = await sse.waitFor(2);
    assert.deepEqual(evs.map((e) => JSON.parse(e.data).to), ['verified', 'on_hold']);
    sse.close();
  });

  it('a Last-Event-ID from the future (database reset) does not hide new events', async () => {
    const a = await g.create();
    const ticket = await ticketFor(a);
    const sse = new SseReader(`${g.url}/v1/events?ticket=${ticket}`, { 'Last-Event-ID': '999999999' });
    await sse.opened;
    await g.transition(a.trackingId, { action: 'verify' });
    const [ev] = await sse.waitFor(1);
    assert.equal(JSON.parse(ev!.data).to, 'verified');
    sse.close();
  });

  it('401 ticket_expired for an unknown or expired ticket', async () => {
    const unknown = await fetch(`${g.url}/v1/events?ticket=nope`);
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as any).error.code, 'ticket_expired');
    const ticket = await ticketFor(await g.create());
    clock.advance(11 * 60_000);
    const expired = await fetch(`${g.url}/v1/events?ticket=${ticket}`);
    assert.equal(expired.status, 401);
    await expired.body?.cancel();
  });

  it('client disconnects leave no subscriber behind', async () => {
    const a = await g.create();
    const ticket = await ticketFor(a);
    const readers = Array.from({ length: 20 }, () => new SseReader(`${g.url}/v1/events?ticket=${ticket}`));
    await Promise.all(readers.map((r) => r.opened));
    await eventually(() => g.gw.services.hub.size === 20, 2000);
    for (const r of readers) r.close();
    await eventually(() => g.gw.services.hub.size === 0, 2000);
  });
});

describe('SLA breach scheduler', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now })));
  after(() => g.close());

  it('marks a running clock past due as breached and emits sla.breached once per clock', async () => {
    const a = await g.create(validReport({ institutionId: 'kec-genteng' })); // local.handle: 2 h
    const r = await g.api('/v1/watch', { body: { reports: [{ trackingId: a.trackingId, accessToken: a.accessToken }] } });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${r.json.ticket}`);
    await sse.opened;
    clock.advance(60 * 60_000);
    assert.equal(await g.gw.tick(), 0, 'nothing due after 1 h');
    clock.advance(61 * 60_000);
    assert.equal(await g.gw.tick(), 1);
    assert.equal(await g.gw.tick(), 0, 'announced once');
    const [ev] = await sse.waitFor(1);
    assert.equal(ev!.event, 'sla.breached');
    const data = JSON.parse(ev!.data);
    assert.equal(data.clockId, 'local.handle');
    assert.equal(data.report.clocks.find((c: any) => c.id === 'local.handle').state, 'breached');
    const view = await g.api(`/v1/reports/${a.trackingId}`, { token: a.accessToken });
    assert.equal(view.json.clocks.find((c: any) => c.id === 'local.handle').state, 'breached');
    assert.ok(view.json.timeline.some((t: any) => t.type === 'sla' && t.note === 'local.handle'));
    // After a restart on the same database it is still announced only once.
    sse.close();
    await g.restart();
    assert.equal(await g.gw.tick(), 0);
    // Days later lapor.verify (3 working days) breaches too: its own single event.
    clock.advance(7 * 86_400_000);
    assert.equal(await g.gw.tick(), 1);
    assert.equal(await g.gw.tick(), 0);
  });
});

describe('watch tickets are stateless: any gateway sharing the secret accepts them', () => {
  const clock = new TestClock();
  const shared = { secret: 'ticket-test-secret-shared-by-both', now: clock.now, ticketTtlMs: 60_000 };
  let a: TestGateway;
  let b: TestGateway;
  let stranger: TestGateway;
  before(async () => {
    [a, b, stranger] = await Promise.all([startGateway(shared), startGateway(shared), startGateway({ now: clock.now })]);
  });
  after(() => Promise.all([a.close(), b.close(), stranger.close()]));

  const open = async (gw: TestGateway, ticket: string) => {
    const res = await fetch(`${gw.url}/v1/events?ticket=${encodeURIComponent(ticket)}`, { headers: { 'X-Lapor-Site-Key': 'demo-opd' } });
    if (res.status === 200) {
      await res.body?.cancel();
      return { status: 200, code: '' };
    }
    return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
  };

  it('a ticket issued by one gateway opens the stream on another until it expires; a wrong secret or a changed byte is 401', async () => {
    const made = await a.create();
    const w = await a.api('/v1/watch', { body: { reports: [{ trackingId: made.trackingId, accessToken: made.accessToken }] } });
    assert.equal(w.status, 201, w.text);
    const ticket = w.json.ticket as string;
    assert.ok(!ticket.includes(made.trackingId), 'the tracking id is sealed, not readable in the URL');
    assert.equal((await open(b, ticket)).status, 200, 'the second gateway accepts it');
    assert.equal((await open(a, ticket)).status, 200);
    assert.deepEqual(await open(stranger, ticket), { status: 401, code: 'ticket_expired' }, 'another secret: refused');
    const flipped = ticket.slice(0, 20) + (ticket[20] === 'A' ? 'B' : 'A') + ticket.slice(21);
    assert.deepEqual(await open(b, flipped), { status: 401, code: 'ticket_expired' }, 'tampered: refused');
    clock.advance(61_000);
    assert.deepEqual(await open(b, ticket), { status: 401, code: 'ticket_expired' }, 'expired on the second gateway');
    assert.deepEqual(await open(a, ticket), { status: 401, code: 'ticket_expired' }, 'and on the first');
  });

  it('a citizen ticket never opens the admin stream (each purpose has its own key)', async () => {
    const made = await a.create();
    const w = await a.api('/v1/watch', { body: { reports: [{ trackingId: made.trackingId, accessToken: made.accessToken }] } });
    const res = await fetch(`${b.url}/v1/admin/events?ticket=${encodeURIComponent(w.json.ticket)}`);
    assert.equal(res.status, 401);
    await res.body?.cancel();
  });
});
