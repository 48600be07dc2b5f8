import type { Migration } from './index.js';

/**
 * Issue 22 (LAPOR! in production): what an operator needs to link a create whose answer
 * was lost, LAPOR!'s refusals counted apart from network failures, a follow-up cursor for
 * polls that take the rest next time, and the forwarder's state shared by every process.
 */
export const m005: Migration = {
  version: 5,
  name: 'upstream-production',
  sql: /* sql */ `
-- What we sent for the create, when, and what came back (JSON): shown with a lost_answer hold.
ALTER TABLE outbox ADD COLUMN evidence_json TEXT;
-- Answers {success: false} in a row: retried a few times, then held with LAPOR!'s message.
ALTER TABLE outbox ADD COLUMN declines INTEGER NOT NULL DEFAULT 0;
ALTER TABLE upstream_ops ADD COLUMN declines INTEGER NOT NULL DEFAULT 0;
-- The follow-ups page a poll starts from while a report has more than one poll takes.
ALTER TABLE upstream_poll ADD COLUMN followup_page INTEGER NOT NULL DEFAULT 1;

-- The forwarder's state as every process shows it (written by the one that forwards, on change):
-- name 'forwarder', state ok | starting | credentials_refused | unreachable | throttled.
CREATE TABLE upstream_status (
  name TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  since INTEGER NOT NULL,
  detail_json TEXT,
  updated_at INTEGER NOT NULL
);
`,
};
