/** Issue 11, "storage bounded": a full disk or an unwritable data dir makes /healthz say so. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageHealth, storageState } from '../../gateway/services/storage.js';
import { startGateway } from './helpers.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('/healthz and storage', () => {
  it('reports storage ok, with the free bytes', async () => {
    const g = await startGateway();
    try {
      const r = await g.api('/healthz', { siteKey: null });
      assert.equal(r.status, 200);
      assert.equal(r.json.ok, true);
      assert.equal(r.json.storage.state, 'ok');
      assert.ok(r.json.storage.freeBytes > 0);
    } finally {
      await g.close();
    }
  });

  it('low free space is a warning (200, state "low")', async () => {
    const g = await startGateway({ minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      const r = await g.api('/healthz', { siteKey: null });
      assert.equal(r.status, 200);
      assert.equal(r.json.storage.state, 'low');
    } finally {
      await g.close();
    }
  });

  it('an unwritable data dir is 503 (a real write is tried: root passes access checks)', async () => {
    const g = await startGateway();
    const attachments = join(g.dir, 'uploads');
    mkdirSync(attachments);
    const probe = await startGateway({ dataDir: attachments, dbPath: join(g.dir, 'other.db') });
    try {
      // The data dir vanishes and a file takes its place: nothing can be written there.
      rmSync(attachments, { recursive: true });
      writeFileSync(attachments, 'not a directory');
      const r = await probe.api('/healthz', { siteKey: null });
      assert.equal(r.status, 503);
      assert.equal(r.json.ok, false);
      assert.equal(r.json.storage.state, 'unwritable');
    } finally {
      await probe.close();
      await g.close();
    }
  });

  it('disk full: ENOSPC on the probe, no free bytes, or SQLITE_FULL seen while space is short', () => {
    assert.equal(storageState(10, errno('ENOSPC'), 100), 'full');
    assert.equal(storageState(0, undefined, 100), 'full');
    assert.equal(storageState(50, undefined, 100), 'low');
    assert.equal(storageState(500, undefined, 100), 'ok');
    assert.equal(storageState(500, errno('EROFS'), 100), 'unwritable');
    // Its own dir (the same file may run in two suites at once: SQLite and PostgreSQL).
    const dir = mkdtempSync(join(process.cwd(), '.data-test-storage-'));
    try {
      const h = new StorageHealth(dir, join(dir, 'x.db'), Number.MAX_SAFE_INTEGER, 0);
      assert.equal(h.check().state, 'low');
      h.noteError(errno('SQLITE_FULL'));
      assert.equal(h.check().state, 'full');
      const roomy = new StorageHealth(dir, join(dir, 'x.db'), 1, 0);
      roomy.noteError(errno('SQLITE_FULL'));
      assert.equal(roomy.check().state, 'ok', 'space came back: the flag clears');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
