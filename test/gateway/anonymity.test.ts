/**
 * Issue 11, "anonymous is not anonymous": a scoped token listed a secret, anonymous
 * report with the reporter's phone number. LAPOR!'s anonim: the institution reported on
 * never learns who reported.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv } from '../../gateway/config.js';
import { publicReporter } from '../../gateway/services/views.js';
import { ADMIN, SseReader, startGateway, validReport, type TestGateway } from './helpers.js';

const REPORTER = { name: 'Siti Aminah', phone: '081234567890', email: 'siti@example.id' };
const WHO = /Siti|081234567890|siti@example/;
const TOKEN = 'genteng-camat-token-0123456789abcdef';

describe('anonymous reports', () => {
  let g: TestGateway;
  before(async () => {
    // Configured exactly as an operator would: LAPOR_ADMIN_TOKENS.
    const { adminTokens } = configFromEnv({ LAPOR_ADMIN_TOKENS: JSON.stringify({ [TOKEN]: { institution: 'kec-genteng' } }) });
    g = await startGateway({ adminTokens });
  });
  after(() => g.close());

  it('a scoped token from LAPOR_ADMIN_TOKENS sees its anonymous, secret report without the reporter: detail, queue, stream', async () => {
    const anon = await g.create(validReport({ anonymous: true, secret: true, reporter: REPORTER }));
    const named = await g.create(validReport({ reporter: REPORTER }));

    const detail = await g.api(`/v1/admin/reports/${anon.trackingId}`, { token: TOKEN, siteKey: null });
    assert.equal(detail.status, 200);
    assert.equal(detail.json.anonymous, true);
    assert.equal(detail.json.reporter, null);
    assert.doesNotMatch(detail.text, WHO);

    const queue = await g.api('/v1/admin/reports?sort=created', { token: TOKEN, siteKey: null });
    const inQueue = queue.json.items.find((i: any) => i.trackingId === anon.trackingId);
    assert.ok(inQueue, 'the report is in its institution\'s queue');
    assert.equal(inQueue.reporter, null);
    assert.doesNotMatch(JSON.stringify(inQueue), WHO);
    // Not anonymous: the institution sees who reported (LAPOR!'s rule, not a leak).
    assert.equal(queue.json.items.find((i: any) => i.trackingId === named.trackingId).reporter.name, 'Siti Aminah');

    // Nor the super admin, nor the transition answer, nor the event stream.
    assert.equal((await g.api(`/v1/admin/reports/${anon.trackingId}`, { token: ADMIN, siteKey: null })).json.reporter, null);
    const { ticket } = (await g.api('/v1/watch', { body: { reports: [{ trackingId: anon.trackingId, accessToken: anon.accessToken }] } })).json;
    const sse = new SseReader(`${g.url}/v1/events?ticket=${ticket}`);
    await sse.opened;
    const moved = await g.transition(anon.trackingId, { action: 'verify' }, TOKEN);
    assert.equal(moved.status, 200);
    assert.doesNotMatch(moved.text, WHO);
    const [ev] = await sse.waitFor(1);
    assert.doesNotMatch(ev!.data, WHO);
    sse.close();
  });

  it('keeps only what notifications can use: no name is stored for an anonymous report', async () => {
    const anon = await g.create(validReport({ anonymous: true, reporter: REPORTER }));
    const row = (await g.gw.services.store.report(anon.trackingId))!;
    assert.deepEqual(JSON.parse(row.reporter_json!), { phone: REPORTER.phone, email: REPORTER.email });
    const nameOnly = await g.create(validReport({ anonymous: true, reporter: { name: 'Budi' } }));
    assert.equal((await g.gw.services.store.report(nameOnly.trackingId))!.reporter_json, null);
  });

  it('upstream gets no reporter for an anonymous report (publicReporter)', () => {
    assert.equal(publicReporter({ anonymous: 1, reporter_json: JSON.stringify(REPORTER) }), null);
    assert.deepEqual(publicReporter({ anonymous: 0, reporter_json: JSON.stringify(REPORTER) }), REPORTER);
    assert.equal(publicReporter({ anonymous: 0, reporter_json: null }), null);
  });
});
