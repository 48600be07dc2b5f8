/**
 * The storage interface (gateway/db) on both drivers: the same test body runs on SQLite
 * and, when LAPOR_TEST_DATABASE_URL names a PostgreSQL server (npm test starts one), on
 * PostgreSQL. What the services rely on: ambient transactions, savepoint isolation,
 * after-commit hooks, transactional notify, advisory locks, one leader at a time.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Db } from '../../gateway/db/index.js';
import { postgresDdl } from '../../gateway/db/migrate.js';
import { testDatabase } from './test-database.js';

const until = async (ok: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function targets(): Promise<{ name: string; open(): Promise<Db>; cleanup(): Promise<void> }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-db-'));
  const list = [{ name: 'SQLite', open: () => openDatabase({ path: join(dir, 'x.db') }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }];
  const pg = await testDatabase();
  if (pg.url) list.push({ name: 'PostgreSQL', open: () => openDatabase({ url: pg.url! }), cleanup: () => pg.drop() });
  return list;
}

for (const target of await targets()) {
  describe(`storage interface on ${target.name}`, () => {
    let db: Db;
    before(async () => {
      db = await target.open();
      await db.run('CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    });
    after(async () => {
      await db.close();
      await target.cleanup();
    });

    it('migrates to the latest version; reads give numbers and Buffers as SQLite does', async () => {
      const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM institutions');
      assert.equal(n?.n, 0);
      await db.run(
        `INSERT INTO reports (tracking_id, access_hash, status, classification, title, body, location_json, anonymous, secret,
         channel, site_key, transitions_json, clocks_json, upstream_state, created_at, updated_at) VALUES (?, ?, 'submitted', 'complaint', 't', 'b', '{}', ?, 0, 'web', 's', '[]', '[]', 'disabled', 'x', 'x')`,
        ['LPR-DB000001', Buffer.from([1, 2, 255]), true],
      );
      const row = await db.get<{ access_hash: Buffer; anonymous: number }>('SELECT access_hash, anonymous FROM reports WHERE tracking_id = ?', ['LPR-DB000001']);
      assert.deepEqual([...row!.access_hash], [1, 2, 255]);
      assert.equal(row!.anonymous, 1);
      if (db.dialect === 'postgres') {
        // Migration 004's PostgreSQL-only step: no WAL flush for every limited request.
        const t = await db.get<{ p: string }>("SELECT relpersistence AS p FROM pg_class WHERE relname = 'rate_buckets'");
        assert.equal(t?.p, 'u');
      }
      const seq = await db.get<{ seq: number }>("INSERT INTO events (tracking_id, type, at, data_json) VALUES ('LPR-DB000001', 'x', 'x', '{}') RETURNING seq");
      assert.equal(typeof seq!.seq, 'number');
    });

    it('transactions started together commit together, each rolled back alone on failure', async () => {
      const outcomes = await Promise.allSettled(
        [1, 2, 3, 4].map((i) =>
          db.transaction(async () => {
            await db.run('INSERT INTO t (k, n) VALUES (?, ?)', [`g${i}`, i]);
            if (i === 3) throw new Error('job 3 fails');
            return i;
          }),
        ),
      );
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const rows = await db.all<{ k: string }>("SELECT k FROM t WHERE k LIKE 'g%' ORDER BY k");
      assert.deepEqual(rows.map((r) => r.k), ['g1', 'g2', 'g4']);
    });

    it('a nested transaction is a savepoint; after-commit hooks run only for what committed', async () => {
      const ran: string[] = [];
      await db.transaction(async () => {
        await db.run('INSERT INTO t (k, n) VALUES (?, ?)', ['outer', 1]);
        db.afterCommit(() => ran.push('outer'));
        await assert.rejects(
          db.transaction(async () => {
            await db.run('INSERT INTO t (k, n) VALUES (?, ?)', ['inner', 1]);
            db.afterCommit(() => ran.push('inner'));
            throw new Error('inner fails');
          }),
        );
        assert.equal(ran.length, 0, 'nothing announced before commit');
      });
      assert.deepEqual(ran, ['outer']);
      assert.ok(await db.get('SELECT 1 AS x FROM t WHERE k = ?', ['outer']));
      assert.equal(await db.get('SELECT 1 AS x FROM t WHERE k = ?', ['inner']), undefined);
    });

    it('nobody outside a transaction reads its uncommitted change', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tx = db.transaction(async () => {
        await db.run('INSERT INTO t (k, n) VALUES (?, ?)', ['pending', 1]);
        await gate;
        throw new Error('rolled back');
      });
      await new Promise((r) => setTimeout(r, 30));
      const read = db.get('SELECT 1 AS x FROM t WHERE k = ?', ['pending']);
      release();
      await assert.rejects(tx);
      assert.equal(await read, undefined);
    });

    it('notify reaches listeners after commit, never on rollback', async () => {
      const got: string[] = [];
      const stop = await db.listen('lapor_test', (p) => got.push(p));
      await db.transaction(async () => {
        await db.notify('lapor_test', 'committed');
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(got, []);
      });
      await assert.rejects(
        db.transaction(async () => {
          await db.notify('lapor_test', 'rolled-back');
          throw new Error('no');
        }),
      );
      await until(() => got.length >= 1);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(got, ['committed']);
      await stop();
    });

    it('lock(key) serializes transactions on the same key: what follows it sees the holder\'s commit', async () => {
      await db.run("INSERT INTO t (k, n) VALUES ('counter', 0)");
      const other = target.name === 'PostgreSQL' ? await target.open() : db;
      const read = async (d: Db) => (await d.get<{ n: number }>("SELECT n FROM t WHERE k = 'counter'"))!.n;
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      let letGo!: () => void;
      const gate = new Promise<void>((r) => (letGo = r));
      // A read-modify-write in each: without the lock the second reads 0 while the first
      // still holds it, and one increment is lost.
      const one = db.transaction(async () => {
        await db.lock('k1');
        const n = await read(db);
        holding();
        await gate;
        await db.run("UPDATE t SET n = ? WHERE k = 'counter'", [n + 1]);
      });
      await held;
      const two = other.transaction(async () => {
        await other.lock('k1');
        await other.run("UPDATE t SET n = ? WHERE k = 'counter'", [(await read(other)) + 1]);
      });
      if (target.name === 'PostgreSQL') {
        // The second is waiting for the lock before the first lets go.
        const waiting = async () => (await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))!.n;
        for (let i = 0; i < 500 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
        assert.equal(await waiting(), 1, 'the second transaction waits for the lock');
      }
      letGo();
      await Promise.all([one, two]);
      assert.equal(await read(db), 2, 'no increment lost');
      if (other !== db) await other.close();
    });

    it('a column added by a newer process (rolling deploy) does not break prepared reads', async () => {
      await db.run('CREATE TABLE IF NOT EXISTS wide (k TEXT PRIMARY KEY)');
      await db.run("INSERT INTO wide (k) VALUES ('a') ON CONFLICT (k) DO NOTHING");
      const read = () => Promise.all(Array.from({ length: 12 }, () => db.get<Record<string, unknown>>('SELECT * FROM wide WHERE k = ?', ['a'])));
      await read(); // prepared on every pooled connection
      const other = target.name === 'PostgreSQL' ? await target.open() : db;
      await other.run('ALTER TABLE wide ADD COLUMN extra INTEGER');
      if (other !== db) await other.close();
      for (const row of await read()) assert.deepEqual({ ...row }, { k: 'a', extra: null });
    });

    it('one leader at a time; another takes over when it goes', async () => {
      const second = target.name === 'PostgreSQL' ? await target.open() : undefined;
      const events: string[] = [];
      const a = db.leader('test-job', () => events.push('a-start'), () => events.push('a-stop'), 50);
      await until(() => a.held);
      if (second) {
        const b = second.leader('test-job', () => events.push('b-start'), () => events.push('b-stop'), 50);
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(b.held, false, 'a second process does not lead while the first does');
        await a.close();
        await until(() => b.held);
        assert.deepEqual(events, ['a-start', 'a-stop', 'b-start']);
        await second.close();
        assert.deepEqual(events, ['a-start', 'a-stop', 'b-start', 'b-stop']);
      } else {
        await a.close();
        assert.deepEqual(events, ['a-start', 'a-stop']);
      }
    });
  });
}

describe('migrations for PostgreSQL', () => {
  it('translate the SQLite spellings and nothing else', () => {
    assert.equal(
      postgresDdl('CREATE TABLE x (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL, f REAL, b BLOB, t TEXT)'),
      'CREATE TABLE x (id BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL, f DOUBLE PRECISION, b BYTEA, t TEXT)',
    );
  });
});
