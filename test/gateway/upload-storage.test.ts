/**
 * Storage bounded (issue 11): uploads no report claims are purged after the TTL, and one
 * client can store only so many files and bytes per window. Before the fix one address
 * stored 237 MB in a minute and nothing was ever deleted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { PNG, startGateway, TestClock, validReport, type TestGateway } from './helpers.js';

function form(bytes: Uint8Array, name = 'foto.png'): FormData {
  const f = new FormData();
  f.append('file', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
  return f;
}

describe('unattached uploads are purged', () => {
  let g: TestGateway;
  const clock = new TestClock();
  const HOUR = 3_600_000;
  before(async () => (g = await startGateway({ now: clock.now, uploads: { orphanTtlMs: 24 * HOUR, purgeIntervalMs: 0 } })));
  after(() => g.close());

  it('after the TTL: row and file gone; claimed and younger uploads stay', async () => {
    const up = async () => (await g.api('/v1/attachments', { body: form(PNG) })).json.id as string;
    const orphan = await up();
    const claimed = await up();
    await g.create(validReport({ attachmentIds: [claimed] }));
    clock.advance(23 * HOUR);
    const young = await up();
    const files = await Promise.all([orphan, claimed, young].map(async (id) => (await g.gw.services.attachments.pathOf(id))!));
    assert.equal(await g.gw.services.attachments.purgeOrphans(), 0, 'nothing is old enough yet');
    clock.advance(2 * HOUR);
    assert.equal(await g.gw.services.attachments.purgeOrphans(), 1);
    assert.equal(await g.gw.services.attachments.pathOf(orphan), undefined);
    assert.deepEqual(files.map((f) => existsSync(f)), [false, true, true]);
    // A draft that still names the purged upload is told which attachment is gone.
    const late = await g.submit(validReport({ attachmentIds: [orphan] }));
    assert.equal(late.status, 422);
    assert.deepEqual(late.json.error.fields.map((f: any) => f.path), ['attachmentIds.0']);
    // The young one is claimable until its own TTL.
    assert.equal((await g.submit(validReport({ attachmentIds: [young] }))).status, 201);
  });

  it('at start: also files a crash left without a row', async () => {
    const dir = join(g.dir, 'attachments');
    const stray = join(dir, 'att_stray');
    writeFileSync(stray, 'x');
    const fresh = await startGateway({ now: () => new Date(Date.now() + 48 * HOUR), dataDir: g.dir, dbPath: join(g.dir, 'other.db'), uploads: { purgeIntervalMs: 0 } });
    try {
      assert.ok(!existsSync(stray));
      assert.ok(!readdirSync(dir).includes('att_stray'));
    } finally {
      await fresh.close();
    }
  });
});

describe('per-client upload quota', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ uploads: { quota: { windowMs: 120_000, maxFiles: 3, maxBytes: 1024 * 1024 } } })));
  after(() => g.close());

  it('files per window: the next one is 429 + Retry-After with a message saying the cap; a refused file counts too', async () => {
    const send = (bytes: Uint8Array = PNG) => g.api('/v1/attachments', { body: form(bytes), lang: 'en' });
    // A refused (lying) file costs quota like an accepted one (issue 23: refusals were free,
    // so a client could send bombs without end, each costing a check).
    assert.equal((await send(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]))).status, 415);
    for (let i = 0; i < 2; i++) assert.equal((await send()).status, 201);
    const r = await send();
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'rate_limited');
    const seconds = Number(r.headers.get('retry-after'));
    assert.equal(r.json.error.message, `Too many attachments from this device (at most 3 files or 1 MB per 2 minutes). Try again in ${seconds} seconds.`);
    // Until the oldest (the refused one) leaves the window: 120 s from when it came, less the checks since.
    assert.ok(seconds >= 100 && seconds <= 120, String(seconds));
  });

  it('bytes per window count what is stored', async () => {
    const g2 = await startGateway({ uploads: { quota: { windowMs: 60_000, maxFiles: 100, maxBytes: 40_000 } } });
    try {
      // Noise does not compress: ~15 kB stored each, so the third would pass 40 kB.
      const big = await sharp(randomBytes(70 * 70 * 3), { raw: { width: 70, height: 70, channels: 3 } }).png().toBuffer();
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await g2.api('/v1/attachments', { body: form(big) })).status);
      assert.ok(codes.slice(0, 2).every((c) => c === 201) && codes.at(-1) === 429, codes.join(','));
    } finally {
      await g2.close();
    }
  });
});
