import type { Migration } from './index.js';

/**
 * Issue 24: the reference file's routing rules (category + location → the institution a
 * report goes to when the citizen leaves "Kantor yang dituju" to the officers), applied
 * by the gateway at submit; and an institution's public contact, which the status view
 * names when that institution is late.
 */
export const m009: Migration = {
  version: 9,
  name: 'routing',
  sql: /* sql */ `
ALTER TABLE institutions ADD COLUMN contact_json TEXT;

-- First match wins, in file order (position). A rule without category matches every
-- category; one without location matches everywhere.
CREATE TABLE routing_rules (
  position INTEGER PRIMARY KEY,
  category_id TEXT,
  location_id TEXT,
  institution_id TEXT NOT NULL
);
`,
};
