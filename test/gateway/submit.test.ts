import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ACCESS_CODE_PATTERN, TRACKING_ID_PATTERN } from '../../src/contract/index.js';
import { PNG, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

describe('POST /v1/reports', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('creates a report: 201, tracking id, access code, citizen view with clocks', async () => {
    const r = await g.submit();
    assert.equal(r.status, 201);
    assert.match(r.json.trackingId, TRACKING_ID_PATTERN);
    assert.match(r.json.accessToken, ACCESS_CODE_PATTERN, 'a short code a person can keep (10 Crockford base32 characters)');
    assert.equal(r.json.report.status, 'submitted');
    assert.equal(r.json.report.channel, 'web');
    assert.equal(r.json.report.institution.id, 'kec-genteng');
    assert.ok(r.json.report.serverTime);
    const handle = r.json.report.clocks.find((c: any) => c.id === 'local.handle');
    assert.equal(handle.limit.amount, 2, 'a kecamatan has the 2-hour policy');
    assert.equal(handle.state, 'running');
  });

  it('the site key sets the channel', async () => {
    const r = await g.submit(validReport(), randomUUID(), { siteKey: 'demo-smart-kampung' });
    assert.equal(r.json.report.channel, 'smart_kampung');
  });

  it('tracking ids are distinct and not sequential', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await g.create()).trackingId);
    assert.equal(ids.size, 20);
  });

  it('requires an Idempotency-Key (400)', async () => {
    const r = await g.api('/v1/reports', { body: validReport() });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'idempotency_key_required');
    assert.ok(r.json.error.requestId);
    assert.equal(r.headers.get('x-request-id'), r.json.error.requestId);
  });

  it('same key + same body → the original 201 body, byte for byte; one report', async () => {
    const key = randomUUID();
    const a = await g.submit(validReport(), key);
    // Same content with keys in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(validReport()).reverse());
    const b = await g.submit(reordered, key);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.text, a.text);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    const n = (await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports WHERE tracking_id = ?', [a.json.trackingId]))!;
    assert.equal(n.n, 1);
  });

  it('same key + different body → 409 idempotency_conflict', async () => {
    const key = randomUUID();
    assert.equal((await g.submit(validReport(), key)).status, 201);
    const r = await g.submit(validReport({ title: 'Judul yang lain sama sekali' }), key, { lang: 'en' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'idempotency_conflict');
    assert.match(r.json.error.message, /key/i);
  });

  it('the same key under another site key is a different key', async () => {
    const key = randomUUID();
    const a = await g.submit(validReport(), key);
    const b = await g.submit(validReport({ title: 'Laporan dari portal lain' }), key, { siteKey: 'demo-smart-kampung' });
    assert.equal(b.status, 201);
    assert.notEqual(a.json.trackingId, b.json.trackingId);
  });

  it('20 concurrent submits with the same key create ONE report', async () => {
    const key = randomUUID();
    const before = (await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))!.n;
    const results = await Promise.all(Array.from({ length: 20 }, () => g.submit(validReport({ title: 'Serentak dua puluh kali' }), key)));
    assert.ok(results.every((r) => r.status === 201));
    assert.equal(new Set(results.map((r) => r.json.trackingId)).size, 1);
    const after = (await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))!.n;
    assert.equal(after - before, 1);
  });

  it('422 with field paths and messages in Indonesian by default', async () => {
    const r = await g.submit({ classification: 'complaint', title: 'pendek', body: 'x'.repeat(40), location: { text: 'ab' } });
    assert.equal(r.status, 422);
    assert.equal(r.json.error.code, 'validation_failed');
    const byPath = Object.fromEntries(r.json.error.fields.map((f: any) => [f.path, f]));
    assert.equal(byPath.title.code, 'too_short');
    assert.equal(byPath.title.message, 'Judul laporan terlalu pendek: minimal 10 karakter.');
    assert.equal(byPath['location.text'].code, 'too_short');
    assert.equal(r.json.error.message, 'Ada isian yang perlu diperbaiki.');
  });

  it('422 messages in English with Accept-Language: en', async () => {
    const r = await g.submit(validReport({ incidentDate: undefined, title: 'short' }), randomUUID(), { lang: 'en-US,en;q=0.9' });
    assert.equal(r.status, 422);
    const title = r.json.error.fields.find((f: any) => f.path === 'title');
    assert.match(title.message, /title/i);
    assert.doesNotMatch(title.message, /Judul/);
  });

  it('422 for a complaint without incident date, a future date, a NIK in the body', async () => {
    const noDate = await g.submit(validReport({ incidentDate: undefined }));
    assert.deepEqual(noDate.json.error.fields.map((f: any) => [f.path, f.code]), [['incidentDate', 'required']]);
    const future = await g.submit(validReport({ incidentDate: '2099-01-01' }));
    assert.equal(future.json.error.fields[0].code, 'in_future');
    const nik = await g.submit(validReport({ body: 'NIK saya 3510123456789012, jalan rusak parah di depan rumah saya.' }));
    assert.deepEqual([nik.json.error.fields[0].path, nik.json.error.fields[0].code], ['body', 'contains_nik']);
  });

  it('422 for unknown institution, category, location and attachment ids (field paths)', async () => {
    const r = await g.submit(
      validReport({ institutionId: 'nope', categoryId: 'nope', location: { text: 'Pasar', locationId: 'nope' }, attachmentIds: ['att_missing'] }),
    );
    assert.equal(r.status, 422);
    assert.deepEqual(
      r.json.error.fields.map((f: any) => f.path).sort(),
      ['attachmentIds.0', 'categoryId', 'institutionId', 'location.locationId'],
    );
    assert.ok(r.json.error.fields.every((f: any) => f.code === 'unknown_value' && f.message));
  });

  it('400 for malformed JSON, 413 for a body over 64 kB', async () => {
    const bad = await g.api('/v1/reports', { body: '{nope', headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'bad_request');
    const big = await g.submit(validReport({ body: 'a'.repeat(70_000) }));
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'payload_too_large');
  });

  it('403 without a site key or with an unknown one', async () => {
    const none = await g.submit(validReport(), randomUUID(), { siteKey: null });
    assert.equal(none.status, 403);
    assert.equal(none.json.error.code, 'site_key_invalid');
    const unknown = await g.submit(validReport(), randomUUID(), { siteKey: 'nope' });
    assert.equal(unknown.json.error.code, 'site_key_invalid');
  });
});

describe('rate limits', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ rateLimit: { submit: { capacity: 3, refillPerSecond: 0.5 } } })));
  after(() => g.close());

  it('429 + Retry-After once the bucket is empty; per client, whatever site key it names', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await g.submit()).status, 201);
    const r = await g.submit(validReport(), randomUUID(), { lang: 'en' });
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'rate_limited');
    assert.equal(r.headers.get('retry-after'), '2');
    assert.match(r.json.error.message, /2 seconds/);
    // Site keys are public: naming another one must not buy a fresh bucket.
    assert.equal((await g.submit(validReport(), randomUUID(), { siteKey: 'demo-smart-kampung' })).status, 429);
  });
});

describe('group commit and key lifetime', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now })));
  after(() => g.close());

  it('one failing submit in a batch rolls back alone (savepoints)', async () => {
    const form = new FormData();
    form.append('file', new File([PNG], 'a.png'));
    const att = (await g.api('/v1/attachments', { body: form })).json.id;
    // Sent together, these land in one transaction: two claim the same attachment.
    const results = await Promise.all([
      g.submit(validReport({ attachmentIds: [att] })),
      g.submit(validReport({ attachmentIds: [att] })),
      ...Array.from({ length: 6 }, () => g.submit()),
    ]);
    const statuses = results.map((r) => r.status);
    assert.deepEqual(statuses.slice(0, 2).sort(), [201, 422]);
    assert.deepEqual(statuses.slice(2), [201, 201, 201, 201, 201, 201]);
    const loser = results.slice(0, 2).find((r) => r.status === 422)!;
    assert.equal(loser.json.error.fields[0].path, 'attachmentIds.0');
    for (const r of results.filter((x) => x.status === 201)) {
      const view = await g.api(`/v1/reports/${r.json.trackingId}`, { token: r.json.accessToken });
      assert.equal(view.status, 200, 'every acknowledged report was committed');
    }
  });

  it('service level: submits made in one turn share one transaction, failures stay isolated', async () => {
    const form = new FormData();
    form.append('file', new File([PNG], 'b.png'));
    const att = (await g.api('/v1/attachments', { body: form })).json.id;
    const db = g.gw.services.db;
    const before = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))!.n;
    const ctx = (k: string) => ({ siteKey: 'demo-opd', channel: 'web', idempotencyKey: `batch-key-${k}`, lang: 'id' });
    const settled = await Promise.allSettled([
      g.gw.services.reports.submit(validReport({ attachmentIds: [att] }), ctx('a')),
      g.gw.services.reports.submit(validReport({ attachmentIds: [att] }), ctx('b')),
      g.gw.services.reports.submit(validReport(), ctx('c')),
    ]);
    const commits = (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports'))!.n - before;
    // SQLite runs them in arrival order (the first claim wins); on PostgreSQL they race, and
    // the loser's claim finds the attachment taken: either way exactly one of a and b fails.
    if (db.dialect === 'sqlite') assert.deepEqual(settled.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(settled.slice(0, 2).map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(settled[2]!.status, 'fulfilled');
    const refused = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.status, 422, 'the attachment is already claimed: 422, not a second owner');
    assert.equal(commits, 2, 'the two good ones are stored, the bad one rolled back alone');
  });

  it('keys are kept 24 h, then purged: an old key may be used again', async () => {
    const key = randomUUID();
    assert.equal((await g.submit(validReport(), key)).status, 201);
    clock.advance(23 * 3_600_000);
    await g.gw.tick();
    assert.equal((await g.submit(validReport({ title: 'Laporan lain dengan kunci lama' }), key)).status, 409);
    clock.advance(2 * 3_600_000);
    await g.gw.tick();
    const reused = await g.submit(validReport({ title: 'Laporan lain dengan kunci lama' }), key);
    assert.equal(reused.status, 201);
  });
});
