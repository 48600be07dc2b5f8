import type { Migration } from './index.js';

/**
 * Issue 18 (several processes on one database): reference data keeps its file order
 * without SQLite's rowid; rate-limit buckets can be shared between processes
 * (PostgreSQL; SQLite keeps them in memory, it has one process). On PostgreSQL the
 * buckets table is UNLOGGED: every limited request writes it, a crash may forget them
 * (everyone starts with a full bucket), and a WAL flush per GET would be the price.
 */
export const m004: Migration = {
  version: 4,
  name: 'shared',
  sql: /* sql */ `
ALTER TABLE institutions ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE locations ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);
`,
  postgresAfter: 'ALTER TABLE rate_buckets SET UNLOGGED;',
};
