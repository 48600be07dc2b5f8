/**
 * The admin console's gateway side: the institution-wide live stream (scoped, resumable,
 * new reports included, a forward heard by the institution it leaves) and the
 * compliance figures against a seeded history with a controlled clock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { AdminWatchTicket, ComplianceReport, ReportEvent } from '../../src/contract/index.js';
import { ADMIN, SseReader, TestClock, sleep, startGateway, validReport, type TestGateway } from './helpers.js';

const GENTENG = 'tok-admin-genteng-0123456789';
const DINKES = 'tok-admin-dinkes-0123456789';
const HOUR = 3_600_000;

describe('admin console: live stream', () => {
  let g: TestGateway;
  before(async () => {
    g = await startGateway();
    g.gw.services.admin.add(GENTENG, 'Kecamatan Genteng', ['kec-genteng']);
    g.gw.services.admin.add(DINKES, 'Dinas Kesehatan', ['opd-dinkes']);
  });
  after(() => g.close());

  async function open(token: string, lastEventId?: string): Promise<SseReader> {
    const t = await g.api('/v1/admin/watch', { method: 'POST', token, siteKey: null });
    assert.equal(t.status, 201, t.text);
    const ticket = z.parse(AdminWatchTicket, t.json);
    const reader = new SseReader(`${g.url}/v1/admin/events?ticket=${ticket.ticket}`, lastEventId ? { 'Last-Event-ID': lastEventId } : {});
    await reader.opened;
    assert.equal(reader.status, 200);
    return reader;
  }

  it('needs an admin token for a ticket, and a valid ticket for the stream', async () => {
    assert.equal((await g.api('/v1/admin/watch', { method: 'POST', siteKey: null })).status, 401);
    assert.equal((await g.api('/v1/admin/watch', { method: 'POST', token: 'nope-nope-nope', siteKey: null })).status, 401);
    const r = await g.api('/v1/admin/events?ticket=forged-ticket-value-123', { siteKey: null });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'ticket_expired');
    const t = await g.api('/v1/admin/watch', { method: 'POST', token: GENTENG, siteKey: null });
    assert.deepEqual(t.json.institutions, ['kec-genteng']);
  });

  it('delivers a new report of the institution, never another institution’s; a forward reaches the one it leaves', async () => {
    const genteng = await open(GENTENG);
    const dinkes = await open(DINKES);
    const superAdmin = await open(ADMIN);
    const mine = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const theirs = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    const [first] = await genteng.waitFor(1);
    const ev = z.parse(ReportEvent, JSON.parse(first!.data));
    assert.equal(ev.trackingId, mine.trackingId);
    assert.equal(ev.report.institution?.id, 'kec-genteng');
    assert.equal(first!.id, ev.id);
    await superAdmin.waitFor(2);
    await dinkes.waitFor(1);
    assert.equal(JSON.parse(dinkes.events[0]!.data).trackingId, theirs.trackingId);

    // Genteng verifies and forwards its report to Dinkes: Genteng hears both, Dinkes the forward.
    assert.equal((await g.transition(mine.trackingId, { action: 'verify' }, GENTENG)).status, 200);
    // Heard while Genteng still holds it (recipients are who may see the report when it is delivered).
    await genteng.waitFor(2);
    assert.equal((await g.transition(mine.trackingId, { action: 'forward', institutionId: 'opd-dinkes' }, GENTENG)).status, 200);
    const events = await genteng.waitFor(3);
    const forward = JSON.parse(events[2]!.data);
    assert.equal(forward.to, 'forwarded');
    assert.equal(forward.report.institution.id, 'opd-dinkes');
    await dinkes.waitFor(2);
    assert.equal(JSON.parse(dinkes.events[1]!.data).trackingId, mine.trackingId);

    // After that, Genteng no longer hears about it.
    assert.equal((await g.transition(mine.trackingId, { action: 'start' }, DINKES)).status, 200);
    await dinkes.waitFor(3);
    await sleep(600);
    assert.equal(genteng.events.length, 3, 'the report left Genteng');
    assert.ok(genteng.events.every((e) => JSON.parse(e.data).trackingId === mine.trackingId));
    assert.ok(!genteng.events.some((e) => e.data.includes('"reporter"')), 'the stream never carries the reporter');
    for (const r of [genteng, dinkes, superAdmin]) r.close();
  });

  it('resumes after Last-Event-ID with only what was missed, in scope', async () => {
    const first = await open(GENTENG);
    const a = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const [seen] = await first.waitFor(1);
    first.close();
    await sleep(50);
    await g.create(validReport({ institutionId: 'opd-dinkes' }));
    const b = await g.create(validReport({ institutionId: 'kec-genteng' }));
    await g.transition(a.trackingId, { action: 'verify' }, GENTENG);
    const again = await open(GENTENG, seen!.id);
    const events = await again.waitFor(2);
    assert.deepEqual(events.map((e) => JSON.parse(e.data).trackingId), [b.trackingId, a.trackingId]);
    assert.equal(events[1]!.event, 'report.status_changed');
    // ids are "<event seq>-<report rowid>": the new report comes after the one seen.
    assert.ok(Number(events[0]!.id!.split('-')[1]) > Number(seen!.id!.split('-')[1]));
    assert.match(events[1]!.id!, /^\d+-\d+$/);
    await sleep(400);
    assert.equal(again.events.length, 2, 'no duplicate from the live tail');
    again.close();
  });
});

describe('admin console: a stream seen open misses nothing filed after', () => {
  let g: TestGateway;
  before(async () => {
    g = await startGateway();
  });
  after(() => g.close());

  // CI (stop 30) lost a report filed on process A right after a console's stream on B
  // answered: B sent the head first and read where the log ends afterwards, so under load
  // the report fell before the starting point and counted as already there. A slow read
  // of the log's end reproduces that order on one process.
  it('a report filed the moment the stream answers is delivered, however slow the stream is to start', async () => {
    const db = g.gw.services.store.db;
    const get = db.get.bind(db);
    let slowed = 0;
    db.get = (async (sql: string, params?: unknown[]) => {
      // Where the log ends, as the stream reads it on start (admin-stream.ts ends()).
      if (/^SELECT MAX\(seq\) AS n FROM events$/.test(sql) && slowed++ === 0) await sleep(400);
      return get(sql, params as never);
    }) as typeof db.get;
    try {
      const t = await g.api('/v1/admin/watch', { method: 'POST', token: ADMIN, siteKey: null });
      const admin = new SseReader(`${g.url}/v1/admin/events?ticket=${t.json.ticket}`);
      await admin.opened;
      assert.equal(admin.status, 200);
      assert.equal(slowed, 1, 'the slow read was the stream’s own start');
      const { trackingId } = await g.create(validReport());
      const [ev] = await admin.waitFor(1, 5000);
      assert.equal(JSON.parse(ev!.data).trackingId, trackingId);
      admin.close();
    } finally {
      db.get = get;
    }
  });
});

describe('admin console: compliance', () => {
  let g: TestGateway;
  const clock = new TestClock(Date.parse('2026-12-07T01:00:00.000Z')); // Monday 08.00 WIB
  before(async () => {
    g = await startGateway({ now: clock.now });
    g.gw.services.admin.add(GENTENG, 'Kecamatan Genteng', ['kec-genteng']);
  });
  after(() => g.close());

  const startAfter = async (trackingId: string, ms: number) => {
    clock.advance(ms);
    for (const input of [{ action: 'verify' }, { action: 'forward', institutionId: 'kec-genteng' }, { action: 'start' }]) {
      const r = await g.transition(trackingId, input, GENTENG);
      assert.equal(r.status, 200, r.text);
    }
  };

  it('counts received, median first handling, share within 2 h (kecamatan) and overdue now', async () => {
    const from = clock.now().toISOString();
    const t0 = clock.t;
    // Four reports at 08.00: handled after 1 h, handled after 3 h (late), open and late, open in time.
    const a = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const b = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const c = await g.create(validReport({ institutionId: 'kec-genteng' }));
    await startAfter(a.trackingId, HOUR);
    await startAfter(b.trackingId, 2 * HOUR);
    clock.t = t0 + 4 * HOUR;
    const d = await g.create(validReport({ institutionId: 'kec-genteng' }));
    void c;
    void d;
    // Another institution's report is not in Genteng's figures.
    await g.create(validReport({ institutionId: 'opd-dinkes' }));
    clock.t = t0 + 5 * HOUR;
    const to = new Date(t0 + 24 * HOUR).toISOString();

    const r = await g.api(`/v1/admin/compliance?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { token: GENTENG, siteKey: null });
    assert.equal(r.status, 200, r.text);
    const body = z.parse(ComplianceReport, r.json);
    assert.equal(body.items.length, 1);
    const row = body.items[0]!;
    assert.equal(row.institutionId, 'kec-genteng');
    assert.equal(row.limitHours, 2);
    assert.equal(row.received, 4);
    assert.equal(row.handled, 2);
    assert.equal(row.withinLimit, 1);
    assert.equal(row.openLate, 1);
    // Judged: two handled + one still open past 2 h (c); d has 1 h left.
    assert.equal(row.shareWithinLimit, 1 / 3);
    assert.equal(row.medianFirstHandlingMs, 2 * HOUR); // (1 h + 3 h) / 2
    assert.equal(row.overdueNow, 1);
  });

  it('an institution outside the token is 403; a bad period is 422', async () => {
    const q = (s: string) => g.api(`/v1/admin/compliance?${s}`, { token: GENTENG, siteKey: null });
    const from = '2026-12-01T00:00:00.000Z';
    const to = '2026-12-31T00:00:00.000Z';
    assert.equal((await q(`from=${from}&to=${to}&institution=opd-dinkes`)).status, 403);
    assert.equal((await q(`from=${to}&to=${from}`)).status, 422);
    assert.equal((await q(`from=yesterday&to=${to}`)).status, 422);
    assert.equal((await g.api(`/v1/admin/compliance?from=${from}&to=${to}`, { siteKey: null })).status, 401);
  });
});

describe('admin queue: open reports only, up to 1,000', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('state=open leaves out completed and archived reports', async () => {
    const a = await g.create();
    const b = await g.create();
    await g.transition(b.trackingId, { action: 'archive', reason: 'Laporan ganda' });
    const r = await g.api('/v1/admin/reports?sort=due&state=open&limit=1000', { token: ADMIN, siteKey: null });
    assert.equal(r.status, 200, r.text);
    const ids = r.json.items.map((i: { trackingId: string }) => i.trackingId);
    assert.ok(ids.includes(a.trackingId));
    assert.ok(!ids.includes(b.trackingId));
    assert.equal((await g.api('/v1/admin/reports?limit=1001', { token: ADMIN, siteKey: null })).status, 422);
  });
});
