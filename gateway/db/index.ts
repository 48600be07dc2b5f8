/**
 * Opens the gateway's database: PostgreSQL when a URL is given (LAPOR_DATABASE_URL),
 * else the SQLite file (LAPOR_DB). Either way the schema is brought up to date first.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateSqlite } from './migrate.js';
import { PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import { withoutPassword } from './url.js';
import type { Db } from './types.js';

export type { Db, Dialect, Leadership, Queryable, Row, RunResult } from './types.js';

export type DatabaseTarget = { path: string; url?: undefined } | { url: string; path?: string };

export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.url) {
    try {
      return await PostgresDb.open(target.url);
    } catch (error) {
      // Say which database could not be reached (without its password).
      throw new Error(`PostgreSQL at ${withoutPassword(target.url)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const path = target.path!;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = SqliteDb.open(path);
  migrateSqlite(db.raw);
  await db.flushToDisk();
  return db;
}
