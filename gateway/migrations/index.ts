/**
 * Versioned schema migrations, applied in order at start inside one transaction each.
 * Never edit a shipped migration: add the next number. `PRAGMA user_version` records
 * the last applied version so a restart on the same file is a no-op.
 */
import { m001 } from './001-init.js';
import { m002 } from './002-upstream.js';
import { m003 } from './003-notify.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003];
