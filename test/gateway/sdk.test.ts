/**
 * Interop: the package's own SDK (src/sdk) against the real gateway, so the two halves of
 * the wire contract are checked against each other, not only against mocks.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LaporHttpError, LaporValidationError, createLaporClient, type LaporClient } from '../../src/sdk/index.js';
import { MiniEventSource, PNG, eventually, startGateway, validReport, type TestGateway } from './helpers.js';

describe('SDK ↔ gateway', () => {
  let g: TestGateway;
  let client: LaporClient;
  before(async () => {
    g = await startGateway();
    client = createLaporClient({ api: g.url, siteKey: 'demo-opd', retry: 0 });
  });
  after(() => g.close());

  it('config, search, upload, submit (idempotent), read, follow-up', async () => {
    const config = await client.getConfig();
    assert.equal(config.institutions.filter((i) => i.kind === 'kecamatan').length, 25);
    assert.ok(Math.abs(client.clockOffsetMs) < 5000);
    assert.equal((await client.searchInstitutions('puskesmas kabat'))[0]?.id, 'pkm-kabat');
    assert.ok((await client.searchLocations('genteng')).length > 0);
    const att = await client.uploadAttachment(new Blob([PNG], { type: 'image/png' }));
    assert.equal(att.mime, 'image/png');
    const input = validReport({ attachmentIds: [att.id] }) as any;
    const first = await client.submitReport(input, { idempotencyKey: 'sdk-test-key-0001' });
    const again = await client.submitReport(input, { idempotencyKey: 'sdk-test-key-0001' });
    assert.equal(again.trackingId, first.trackingId);
    const report = await client.getReport(first.trackingId, first.accessToken);
    assert.equal(report.attachments[0]?.id, att.id);
    const cached = await client.getReport(first.trackingId, first.accessToken); // ETag revalidation
    assert.equal(cached.trackingId, first.trackingId);
    await g.transition(first.trackingId, { action: 'verify' });
    await g.transition(first.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    await g.transition(first.trackingId, { action: 'start' });
    await g.transition(first.trackingId, { action: 'respond', message: 'Sudah ditangani.' });
    assert.equal((await client.getReport(first.trackingId, first.accessToken)).status, 'responded');
    const replied = await client.addFollowUp(first.trackingId, first.accessToken, { kind: 'reply', message: 'Terima kasih.' });
    assert.equal(replied.responses.at(-1)?.author, 'citizen');
  });

  it('gateway errors arrive as the SDK\'s typed errors', async () => {
    const en = createLaporClient({ api: g.url, siteKey: 'demo-opd', lang: 'en', retry: 0 });
    await assert.rejects(en.getReport('LPR-2222-2222', 'a'.repeat(43)), (e: unknown) => e instanceof LaporHttpError && e.status === 404);
    // Server-side checks the device cannot make (unknown ids) come back as a 422 with fields.
    await assert.rejects(
      en.submitReport(validReport({ institutionId: 'no-such-agency' }) as any),
      (e: unknown) => e instanceof LaporValidationError && e.fields[0]?.path === 'institutionId' && /office/i.test(e.fields[0].message),
    );
  });
});

describe('SDK watch() ↔ gateway SSE', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('live events, then a gateway restart: the SDK resumes and misses nothing', async () => {
    const client = createLaporClient({
      api: g.url,
      siteKey: 'demo-opd',
      retry: { limit: 0, backoffMs: 20, maxBackoffMs: 50 },
      watch: { EventSource: MiniEventSource as unknown as typeof EventSource, failuresBeforePolling: 100 },
    });
    const { trackingId, accessToken } = await g.create();
    const seen: string[] = [];
    const states: string[] = [];
    const stop = client.watch([{ trackingId, accessToken }], (e) => seen.push(`${e.type}:${e.type === 'report.status_changed' ? e.to : ''}`), {
      onState: (s) => states.push(s),
    });
    try {
      await eventually(() => states.at(-1) === 'live');
      await g.transition(trackingId, { action: 'verify' });
      await eventually(() => seen.length === 1);

      // Restart on the same port: the stream drops, the in-memory ticket is gone; meanwhile
      // (before the SDK is back) the report moves twice.
      await g.restart({}, true);
      await g.transition(trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
      await g.transition(trackingId, { action: 'start' });
      await eventually(() => seen.length === 3, 5000);
      await g.transition(trackingId, { action: 'respond', message: 'Sudah kami perbaiki.' });
      await eventually(() => seen.length === 5, 5000);
      assert.deepEqual(seen, [
        'report.status_changed:verified',
        'report.status_changed:forwarded',
        'report.status_changed:in_progress',
        'report.status_changed:responded',
        'report.response_added:',
      ]);
    } finally {
      stop();
    }
  });
});
