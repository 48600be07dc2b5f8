import type { Migration } from './index.js';

/**
 * Issue 18 (several processes on one database): reference data keeps its file order
 * without SQLite's rowid; rate-limit buckets can be shared between processes
 * (PostgreSQL; SQLite keeps them in memory, it has one process); and reports get an
 * insertion order `ord` that the admin stream tails instead of SQLite's rowid.
 *
 * `ord` is where the dialects differ. SQLite: the rowid, copied by a trigger (one writer,
 * so insertion order is commit order). PostgreSQL: a sequence, plus the inserting
 * transaction's id `tx`: sequence values are handed out at insert, not at commit, so a
 * tail must only pass rows whose transaction is older than every running one
 * (`tx < pg_snapshot_xmin(pg_current_snapshot())`) and order by (tx, ord); rows that
 * become visible later can then never sort before what was already delivered.
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

ALTER TABLE reports ADD COLUMN ord INTEGER;
UPDATE reports SET ord = rowid;
CREATE TRIGGER reports_ord AFTER INSERT ON reports WHEN NEW.ord IS NULL
BEGIN
  UPDATE reports SET ord = NEW.rowid WHERE rowid = NEW.rowid;
END;
CREATE INDEX reports_ord ON reports (ord);
`,
  postgres: /* sql */ `
ALTER TABLE institutions ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE locations ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rate_buckets (
  key TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);

ALTER TABLE reports ADD COLUMN ord BIGSERIAL;
ALTER TABLE reports ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX reports_tail ON reports (tx, ord);
`,
};
