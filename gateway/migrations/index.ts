/**
 * Versioned schema migrations, applied in order at start inside one transaction each.
 * Never edit a shipped migration: add the next number. Each is written once, in the DDL
 * subset both databases share; db/migrate.ts translates the few type names for
 * PostgreSQL. SQLite records the last applied version in `PRAGMA user_version`,
 * PostgreSQL in `schema_migrations`, so a restart on the same database is a no-op.
 */
import { m001 } from './001-init.js';
import { m002 } from './002-upstream.js';
import { m003 } from './003-notify.js';
import { m004 } from './004-shared.js';
import { m005 } from './005-upstream-production.js';
import { m006 } from './006-hardening.js';
import { m007 } from './007-whatsapp.js';
import { m008 } from './008-escalation.js';
import { m009 } from './009-routing.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Statements PostgreSQL runs after `sql` (translated), for what SQLite has no words for. */
  postgresAfter?: string;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009];
