/**
 * The SQLite driver's durability contract (gateway/db/sqlite.ts): SQLite runs with
 * `synchronous = NORMAL` and the driver fsyncs the WAL itself, off the event loop, after
 * each group's COMMIT. Nothing may settle, be read outside the group, or be announced
 * before that fsync returned; a failed fsync is never acknowledged and stops further
 * writes. The fsync is replaced here by a gate the test opens.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../gateway/db/index.js';
import { SqliteDb } from '../../gateway/db/sqlite.js';

/** A WAL sync that waits until the test lets it finish (or fail). */
function gatedSync() {
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    calls: 0,
    sync(this: { calls: number }) {
      this.calls++;
      return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    pending: () => waiting.length,
    finish: () => waiting.splice(0).forEach((w) => w.resolve()),
    fail: (e: Error) => waiting.splice(0).forEach((w) => w.reject(e)),
  };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('SQLite: acknowledged only once the WAL is on disk', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'lapor-durable-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function gatedDb(name: string) {
    const raw = new Database(join(dir, name));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
    const gate = gatedSync();
    return { db: new SqliteDb(raw, { sync: () => gate.sync() }), gate };
  }

  it('a group settles, is readable and is announced only after its fsync returned', async () => {
    const { db, gate } = gatedDb('a.db');
    const settled: string[] = [];
    const announced: string[] = [];
    const txs = ['a', 'b', 'c'].map((k) =>
      db
        .transaction(async () => {
          await db.run('INSERT INTO t (k) VALUES (?)', [k]);
          db.afterCommit(() => announced.push(k));
          return k;
        })
        .then((k) => settled.push(k)),
    );
    await turns();
    assert.equal(gate.calls, 1, 'one fsync for the whole group');
    const read = db.all<{ k: string }>('SELECT k FROM t ORDER BY k');
    let readDone = false;
    void read.then(() => (readDone = true));
    await turns();
    assert.deepEqual(settled, [], 'nothing acknowledged before the fsync returned');
    assert.deepEqual(announced, [], 'nothing announced before the fsync returned');
    assert.equal(readDone, false, 'a reader outside the group waits for the fsync too');
    gate.finish();
    await Promise.all(txs);
    assert.deepEqual(settled, ['a', 'b', 'c']);
    assert.deepEqual(announced, ['a', 'b', 'c']);
    assert.deepEqual((await read).map((r) => r.k), ['a', 'b', 'c']);
    await db.close();
  });

  it('a write outside a transaction is synced before it resolves, like a transaction', async () => {
    const { db, gate } = gatedDb('b.db');
    let done = false;
    const write = db.run('INSERT INTO t (k) VALUES (?)', ['alone']).then((r) => ((done = true), r));
    await turns();
    assert.equal(gate.calls, 1);
    assert.equal(done, false);
    gate.finish();
    assert.equal((await write).changes, 1);
    await db.close();
  });

  it('a failed fsync is never acknowledged, and stops every later write', async () => {
    const { db, gate } = gatedDb('c.db');
    const tx = db.transaction(async () => db.run('INSERT INTO t (k) VALUES (?)', ['lost?']));
    await turns();
    gate.fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await assert.rejects(tx, /EIO/);
    await assert.rejects(db.transaction(async () => db.run('INSERT INTO t (k) VALUES (?)', ['later'])), /EIO/);
    await assert.rejects(db.run('INSERT INTO t (k) VALUES (?)', ['later']), /EIO/);
    assert.equal(gate.calls, 1, 'no later commit pretends to be durable');
    await db.close();
  });

  it('a database file runs WAL with synchronous = NORMAL plus the driver’s own fsync; :memory: keeps FULL', async () => {
    const file = join(dir, 'real.db');
    const db = (await openDatabase({ path: file })) as SqliteDb;
    assert.equal(db.raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.raw.pragma('synchronous', { simple: true }), 1);
    assert.ok(existsSync(`${file}-wal`), 'the WAL the driver fsyncs exists from the start');
    await db.run('CREATE TABLE t (k TEXT)');
    await db.transaction(() => db.run('INSERT INTO t (k) VALUES (?)', ['x']));
    assert.deepEqual(await db.all('SELECT k FROM t'), [{ k: 'x' }]);
    await db.close();
    const memory = SqliteDb.open(':memory:');
    assert.equal(await memory.checkpoint(), undefined);
    assert.equal(memory.raw.pragma('synchronous', { simple: true }), 2);
    await memory.close();
  });

  it('checkpoints run on a worker thread once the WAL has grown, never inside a COMMIT', async () => {
    const file = join(dir, 'busy.db');
    const db = (await openDatabase({ path: file })) as SqliteDb;
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    assert.equal(await db.checkpoint(), undefined, 'a small WAL: no thread yet, SQLite keeps checkpointing');
    assert.equal(db.raw.pragma('wal_autocheckpoint', { simple: true }), 1000);
    const page = 'x'.repeat(4000);
    await Promise.all(Array.from({ length: 400 }, (_, i) => db.transaction(() => db.run('INSERT INTO t (k, v) VALUES (?, ?)', [`k${i}`, page]))));
    const result = await db.checkpoint();
    assert.ok(result && result.log > 0, 'the thread checkpointed');
    assert.equal(result.busy, 0);
    assert.equal(result.checkpointed, result.log, 'the whole WAL is back in the database file');
    assert.equal(db.raw.pragma('wal_autocheckpoint', { simple: true }), 0, 'the main connection no longer checkpoints in COMMIT');
    await db.run('INSERT INTO t (k, v) VALUES (?, ?)', ['after', 'y']);
    assert.equal((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))!.n, 401);
    await db.close();
    const reopened = await openDatabase({ path: file });
    assert.equal((await reopened.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))!.n, 401);
    await reopened.close();
  });

  it('closing while a checkpoint is being answered waits for the thread to end', async () => {
    const db = (await openDatabase({ path: join(dir, 'closing.db') })) as SqliteDb;
    await db.run('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    const page = 'x'.repeat(4000);
    await Promise.all(Array.from({ length: 300 }, (_, i) => db.transaction(() => db.run('INSERT INTO t (k, v) VALUES (?, ?)', [`k${i}`, page]))));
    const answered = db.checkpoint();
    await db.close();
    assert.ok(await answered, 'the checkpoint asked for before close was answered');
  });
});
