import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SseReader, startGateway, validReport, type TestGateway, SPAWNS_SQLITE_ONLY } from './helpers.js';
import { spawnGateway } from './spawn-gateway.js';

describe('restart on the same database', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('reports, timeline, idempotency records and the event log survive close + reopen', async () => {
    const key = randomUUID();
    const first = await g.submit(validReport(), key);
    const { trackingId, accessToken } = first.json;
    await g.transition(trackingId, { action: 'verify' });
    const lastSeq = await g.gw.services.events.lastSeq();
    await g.restart();
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.status, 200);
    assert.equal(view.json.status, 'verified');
    const replay = await g.submit(validReport(), key);
    assert.equal(replay.text, first.text, 'idempotent replay after restart');
    // A watcher that saw nothing can still resume from the log after the restart.
    const w = await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
    const sse = new SseReader(`${g.url}/v1/events?ticket=${w.json.ticket}&lastEventId=${lastSeq - 1}`);
    const [ev] = await sse.waitFor(1);
    assert.equal(JSON.parse(ev!.data).to, 'verified');
    sse.close();
  });
});

describe('kill -9 right after acknowledged submits', { skip: SPAWNS_SQLITE_ONLY }, () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'lapor-kill-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every report acknowledged with 201 is there after SIGKILL + restart', async () => {
    const first = await spawnGateway(dir, {}, 'inherit');
    const acked: { trackingId: string; accessToken: string }[] = [];
    // Fire a burst; kill the process the moment the last acknowledgement arrives.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(`${first.url}/v1/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify(validReport({ title: `Laporan nomor ${i} yang harus tersimpan` })),
        });
        if (res.status === 201) acked.push((await res.json()) as { trackingId: string; accessToken: string });
      }),
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    assert.equal(acked.length, 40);

    const second = await spawnGateway(dir, {}, 'inherit');
    try {
      for (const { trackingId, accessToken } of acked) {
        const res = await fetch(`${second.url}/v1/reports/${trackingId}`, {
          headers: { 'X-Lapor-Site-Key': 'demo-opd', Authorization: `Bearer ${accessToken}` },
        });
        assert.equal(res.status, 200, trackingId);
        await res.body?.cancel();
      }
    } finally {
      second.child.kill('SIGKILL');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
