import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Report } from '../../src/contract/index.js';
import * as z from 'zod/mini';
import { ADMIN, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

describe('GET /v1/reports/{trackingId}', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('answers the citizen view (valid against the contract) with the code', async () => {
    const { trackingId, accessToken } = await g.create();
    const r = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(r.status, 200);
    assert.ok(z.safeParse(Report, r.json).success, 'matches the contract Report schema');
    assert.equal(r.json.trackingId, trackingId);
    assert.equal(r.headers.get('cache-control'), 'private, no-cache');
    const typed = await g.api(`/v1/reports/${trackingId.toLowerCase()}`, { token: accessToken });
    assert.equal(typed.json.trackingId, trackingId, 'a tracking id typed in lower case still finds the report');
    assert.ok(r.headers.get('date'));
  });

  it('ETag: 304 while nothing changed, 200 after a change', async () => {
    const { trackingId, accessToken } = await g.create();
    const first = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    const etag = first.headers.get('etag')!;
    assert.ok(etag);
    const same = await g.api(`/v1/reports/${trackingId}`, { token: accessToken, headers: { 'If-None-Match': etag } });
    assert.equal(same.status, 304);
    await g.transition(trackingId, { action: 'verify' });
    const changed = await g.api(`/v1/reports/${trackingId}`, { token: accessToken, headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.equal(changed.json.status, 'verified');
    assert.notEqual(changed.headers.get('etag'), etag);
    // Without the code, an ETag guess reveals nothing: still the 404.
    assert.equal((await g.api(`/v1/reports/${trackingId}`, { headers: { 'If-None-Match': etag } })).status, 404);
  });

  it('missing report, missing code, wrong code, secret without code: the same 404', async () => {
    const { trackingId } = await g.create(validReport({ secret: true }));
    const cases = [
      await g.api('/v1/reports/LPR-2222-2222', { token: 'a'.repeat(43) }),
      await g.api(`/v1/reports/${trackingId}`),
      await g.api(`/v1/reports/${trackingId}`, { token: 'b'.repeat(43) }),
    ];
    for (const r of cases) {
      assert.equal(r.status, 404);
      const { requestId, ...rest } = r.json.error;
      assert.ok(requestId);
      assert.deepEqual(rest, {
        code: 'not_found',
        message: 'Laporan tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.',
      });
    }
  });

  it('never returns the reporter on citizen routes (anonymous or not); admin sees it only when not anonymous', async () => {
    const reporter = { name: 'Siti Aminah', phone: '081234567890', email: 'siti@example.id' };
    for (const anonymous of [true, false]) {
      const created = await g.create(validReport({ anonymous, reporter }));
      assert.doesNotMatch(JSON.stringify(created), /Siti|081234567890|siti@example/);
      const read = await g.api(`/v1/reports/${created.trackingId}`, { token: created.accessToken });
      assert.doesNotMatch(read.text, /Siti|081234567890|siti@example/);
      const adminView = await g.api(`/v1/admin/reports/${created.trackingId}`, { token: ADMIN, siteKey: null });
      if (anonymous) assert.equal(adminView.json.reporter, null);
      else assert.equal(adminView.json.reporter.name, 'Siti Aminah');
    }
  });
});

describe('POST /v1/reports/{id}/followups', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now })));
  after(() => g.close());

  async function toStatus(trackingId: string, actions: unknown[]) {
    for (const a of actions) {
      const r = await g.transition(trackingId, a);
      assert.equal(r.status, 200, r.text);
    }
  }
  const toResponded = [
    { action: 'verify' },
    { action: 'forward', institutionId: 'opd-dinkes' },
    { action: 'start' },
    { action: 'respond', message: 'Sudah kami tindak lanjuti.' },
  ];

  it('a reply is accepted only while responded and before the lapor.close deadline', async () => {
    const { trackingId, accessToken } = await g.create();
    const early = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Terima kasih' } });
    assert.equal(early.status, 409);
    await toStatus(trackingId, toResponded);
    const ok = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Masih rusak, Pak.' } });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.responses.at(-1).author, 'citizen');
    assert.ok(ok.json.replyUntil);
    clock.advance(30 * 86_400_000); // well past 10 working days
    const late = await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Halo lagi' } });
    assert.equal(late.status, 409);
  });

  it('rating 1–5 once, only when completed', async () => {
    const { trackingId, accessToken } = await g.create();
    const rate = (score: number) => g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'rating', score } });
    assert.equal((await rate(5)).status, 409, 'not completed yet');
    await toStatus(trackingId, [...toResponded, { action: 'complete' }]);
    const bad = await rate(6);
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.fields[0].path, 'score');
    const ok = await rate(4);
    assert.equal(ok.status, 201);
    assert.equal(ok.json.rating.score, 4);
    assert.equal((await rate(5)).status, 409, 'only once');
  });

  it('needs the access code (404 otherwise)', async () => {
    const { trackingId } = await g.create();
    const r = await g.api(`/v1/reports/${trackingId}/followups`, { body: { kind: 'rating', score: 3 } });
    assert.equal(r.status, 404);
  });
});
