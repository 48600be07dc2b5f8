/**
 * Brings a database's schema up to date with gateway/migrations, on either dialect.
 * Several processes may start at once on one PostgreSQL: a session advisory lock makes
 * one of them migrate while the others wait and then find nothing left to do.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { MIGRATIONS, type Migration } from '../migrations/index.js';

/**
 * SQLite DDL → PostgreSQL DDL. Our migrations use only these SQLite-specific spellings:
 * rowid aliases with AUTOINCREMENT (→ BIGSERIAL), INTEGER (64-bit in SQLite → BIGINT:
 * times are stored in ms), REAL (→ DOUBLE PRECISION) and BLOB (→ BYTEA).
 */
export function postgresDdl(sql: string): string {
  return sql
    .replace(/\bINTEGER PRIMARY KEY AUTOINCREMENT\b/g, 'BIGSERIAL PRIMARY KEY')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/\bREAL\b/g, 'DOUBLE PRECISION')
    .replace(/\bBLOB\b/g, 'BYTEA');
}

export function migrateSqlite(raw: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = raw.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    raw.transaction(() => {
      raw.exec(m.sql);
      raw.pragma(`user_version = ${m.version}`);
    })();
  }
  return raw.pragma('user_version', { simple: true }) as number;
}

/** Any fixed 64-bit number: the key of the "migrating" advisory lock. */
const MIGRATION_LOCK = 7_203_118_001;

export async function migratePostgres(client: pg.ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(postgresDdl(m.sql));
        if (m.postgresAfter) await client.query(m.postgresAfter);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed on PostgreSQL: ${(error as Error).message}`);
      }
    }
    const after = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(after.rows[0]?.v ?? 0);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
