/**
 * The throwaway PostgreSQL the gateway-pg step and the multi-process suite run on:
 * it starts with production's durability settings and room for many pooled gateways,
 * testDatabase() hands out isolated databases on it, and stop() leaves nothing behind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { postgresMissing, startPostgres, type PostgresServer } from './postgres-server.js';
import { testDatabase } from './test-database.js';

async function query<T extends pg.QueryResultRow = any>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('throwaway PostgreSQL server', { skip: postgresMissing() }, () => {
  let server: PostgresServer;
  const saved = process.env.LAPOR_TEST_DATABASE_URL;
  before(async () => {
    server = await startPostgres();
    process.env.LAPOR_TEST_DATABASE_URL = server.url;
  });
  after(async () => {
    if (saved === undefined) delete process.env.LAPOR_TEST_DATABASE_URL;
    else process.env.LAPOR_TEST_DATABASE_URL = saved;
    await server?.stop();
  });

  it('runs with fsync and synchronous commit on, and ≥ 200 connections', async () => {
    const [row] = await query(server.url, "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, current_setting('max_connections')::int AS max, current_user AS who");
    assert.deepEqual(row, { fsync: 'on', sc: 'on', max: 300, who: 'postgres' });
    assert.ok(server.version >= 13, 'DROP DATABASE … WITH (FORCE) needs PostgreSQL 13');
  });

  it('testDatabase() gives each caller its own database, and drop() removes it even while connected', async () => {
    const a = await testDatabase();
    const b = await testDatabase();
    assert.ok(a.url && b.url);
    assert.notEqual(a.url, b.url);
    await query(a.url, 'CREATE TABLE t (x INTEGER)');
    await query(a.url, 'INSERT INTO t VALUES (1)');
    const [{ n }] = await query(b.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'");
    assert.equal(n, 0, 'b does not see a’s table');

    const held = new pg.Client({ connectionString: a.url });
    await held.connect();
    held.on('error', () => {}); // FORCE terminates this session
    await a.drop();
    await a.drop(); // twice is harmless
    const names = (await query<{ datname: string }>(server.url, 'SELECT datname FROM pg_database')).map((r) => r.datname);
    assert.ok(!names.includes(new URL(a.url).pathname.slice(1)));
    assert.ok(names.includes(new URL(b.url).pathname.slice(1)));
    await b.drop();
    await held.end().catch(() => {});
  });

  it('testDatabase() without LAPOR_TEST_DATABASE_URL means SQLite', async () => {
    delete process.env.LAPOR_TEST_DATABASE_URL;
    try {
      const none = await testDatabase();
      assert.equal(none.url, undefined);
      await none.drop();
    } finally {
      process.env.LAPOR_TEST_DATABASE_URL = server.url;
    }
  });

  it('stop() ends the server and removes its directory', async () => {
    const other = await startPostgres();
    assert.notEqual(other.port, server.port);
    await query(other.url, 'SELECT 1');
    await other.stop();
    assert.equal(existsSync(other.dir), false);
    await assert.rejects(query(other.url, 'SELECT 1'), /ECONNREFUSED/);
    await other.stop(); // twice is harmless
  });
});
