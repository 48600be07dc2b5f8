import type { Migration } from './index.js';

/**
 * Issue 23 ("the owner is never locked out by a stranger"): a new access code sent by
 * "Lupa kode akses?" no longer ends the code the citizen saved. The saved code's hash
 * waits here and keeps opening the report until the new code is first used (anyone who
 * knows the citizen's phone number can ask for a new code; only the citizen receives
 * it). NULL: no new code is pending.
 */
export const m006: Migration = {
  version: 6,
  name: 'hardening',
  sql: /* sql */ `
ALTER TABLE reports ADD COLUMN previous_access_hash BLOB;
`,
};
