import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AdminQueue } from '../../src/contract/index.js';
import * as z from 'zod/mini';
import { ADMIN, SCOPED, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

describe('admin API', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now })));
  after(() => g.close());

  it('walks the whole happy path; each step is a timeline entry', async () => {
    const { trackingId, accessToken } = await g.create(validReport({ institutionId: undefined }));
    const steps: [unknown, string][] = [
      [{ action: 'verify' }, 'verified'],
      [{ action: 'forward', institutionId: 'opd-dinkes' }, 'forwarded'],
      [{ action: 'forward', institutionId: 'pkm-kabat' }, 'forwarded'],
      [{ action: 'start' }, 'in_progress'],
      [{ action: 'respond', message: 'Petugas sudah menambal jalan.' }, 'responded'],
      [{ action: 'complete' }, 'completed'],
    ];
    for (const [input, status] of steps) {
      clock.advance(60_000);
      const r = await g.transition(trackingId, input);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, status);
    }
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.json.institution.id, 'pkm-kabat');
    assert.deepEqual(
      view.json.timeline.filter((t: any) => t.type === 'status').map((t: any) => t.status),
      ['submitted', 'verified', 'forwarded', 'forwarded', 'in_progress', 'responded', 'completed'],
    );
    assert.equal(view.json.responses[0].author, 'agency');
    assert.equal(view.json.responses[0].institutionName, 'Puskesmas Kabat');
    const handle = view.json.clocks.find((c: any) => c.id === 'local.handle');
    assert.equal(handle.state, 'met');
    assert.ok(view.json.clocks.every((c: any) => c.state === 'met'), JSON.stringify(view.json.clocks));
  });

  it('hold pauses, resume goes back to the previous status, archive needs a reason', async () => {
    const { trackingId } = await g.create();
    await g.transition(trackingId, { action: 'verify' });
    const held = await g.transition(trackingId, { action: 'hold', reason: 'Menunggu data' });
    assert.equal(held.json.status, 'on_hold');
    assert.equal(held.json.statusReason, 'Menunggu data');
    assert.ok(held.json.clocks.some((c: any) => c.state === 'paused'));
    const resumed = await g.transition(trackingId, { action: 'resume' });
    assert.equal(resumed.json.status, 'verified');
    const noReason = await g.transition(trackingId, { action: 'archive' });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.json.error.fields[0].path, 'reason');
    const archived = await g.transition(trackingId, { action: 'archive', reason: 'Laporan ganda' });
    assert.equal(archived.json.status, 'archived');
  });

  it('an illegal transition is 409 illegal_transition, localized', async () => {
    const { trackingId } = await g.create();
    const r = await g.transition(trackingId, { action: 'complete' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'illegal_transition');
    assert.equal(r.json.error.message, 'Laporan berstatus "Belum diverifikasi" tidak dapat diselesaikan.');
    const en = await g.transition(trackingId, { action: 'resume' }, ADMIN, 'en');
    assert.equal(en.status, 409);
    assert.equal(en.json.error.message, 'A report that is "Not yet verified" cannot be resumed.');
  });

  it('401 without a valid admin token; 403 outside the token\'s institutions', async () => {
    const { trackingId } = await g.create(); // kec-genteng
    assert.equal((await g.transition(trackingId, { action: 'verify' }, 'wrong')).status, 401);
    const other = await g.transition(trackingId, { action: 'verify' }, SCOPED.dinkes);
    assert.equal(other.status, 403);
    assert.equal(other.json.error.code, 'forbidden');
    const own = await g.transition(trackingId, { action: 'verify' }, SCOPED.kecGenteng);
    assert.equal(own.status, 200);
    // Once forwarded to Dinas Kesehatan, it is theirs and no longer the camat's.
    assert.equal((await g.transition(trackingId, { action: 'forward', institutionId: 'opd-dinkes' }, SCOPED.kecGenteng)).status, 200);
    assert.equal((await g.transition(trackingId, { action: 'start' }, SCOPED.kecGenteng)).status, 403);
    assert.equal((await g.transition(trackingId, { action: 'start' }, SCOPED.dinkes)).status, 200);
    // A report without an institution is the super admin's only.
    const loose = await g.create(validReport({ institutionId: undefined }));
    assert.equal((await g.transition(loose.trackingId, { action: 'verify' }, SCOPED.dinkes)).status, 403);
  });

  it('queue: scoped, filtered, most urgent first, contract-valid', async () => {
    const a = await g.create(validReport({ institutionId: 'opd-dinkes' })); // 4 h
    clock.advance(60_000);
    const b = await g.create(validReport({ institutionId: 'opd-dinkes' })); // 4 h, later
    await g.transition(b.trackingId, { action: 'verify' }); // still due by local.handle
    const q = await g.api('/v1/admin/reports?sort=due&institution=opd-dinkes&status=submitted', { token: SCOPED.dinkes, siteKey: null });
    assert.equal(q.status, 200);
    assert.ok(z.safeParse(AdminQueue, q.json).success);
    assert.ok(q.json.items.some((i: any) => i.trackingId === a.trackingId));
    assert.ok(q.json.items.every((i: any) => i.status === 'submitted' && i.institutionId === 'opd-dinkes'));
    const all = await g.api('/v1/admin/reports?sort=due', { token: SCOPED.dinkes, siteKey: null });
    const due = all.json.items.map((i: any) => i.nextDueAt).filter(Boolean);
    assert.deepEqual(due, [...due].sort());
    assert.ok(all.json.items.every((i: any) => i.institutionId === 'opd-dinkes'));
    const forbidden = await g.api('/v1/admin/reports?institution=kec-genteng', { token: SCOPED.dinkes, siteKey: null });
    assert.equal(forbidden.status, 403);
    const bad = await g.api('/v1/admin/reports?status=nope', { token: ADMIN, siteKey: null });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.fields[0].path, 'status');
  });

  it('a kecamatan report is due in 2 hours, a puskesmas one in 4 (queue order)', async () => {
    const pkm = await g.create(validReport({ institutionId: 'pkm-kabat' }));
    const kec = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const q = await g.api('/v1/admin/reports?sort=due&status=submitted', { token: ADMIN, siteKey: null });
    const ids = q.json.items.map((i: any) => i.trackingId);
    assert.ok(ids.indexOf(kec.trackingId) < ids.indexOf(pkm.trackingId));
  });
});
