/**
 * Opens the gateway's database: PostgreSQL when a URL is given (LAPOR_DATABASE_URL),
 * else the SQLite file (LAPOR_DB). Either way the schema is brought up to date first.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateSqlite } from './migrate.js';
import { PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import type { Db } from './types.js';

export type { Db, Dialect, Leadership, Queryable, Row, RunResult } from './types.js';

export type DatabaseTarget = { path: string; url?: undefined } | { url: string; path?: string };

export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.url) return PostgresDb.open(target.url);
  const path = target.path!;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = SqliteDb.open(path);
  migrateSqlite(db.raw);
  return db;
}
