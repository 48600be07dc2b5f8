import type { Migration } from './index.js';

/** Issue 16: messages to citizens (email, WhatsApp) from a durable outbox. */
export const m003: Migration = {
  version: 3,
  name: 'notify',
  sql: /* sql */ `
-- The channels the citizen consented to (JSON array; an opt-out removes one), the language
-- messages are written in, and when the contact details are to be erased (closed + retention).
ALTER TABLE reports ADD COLUMN notify_json TEXT;
ALTER TABLE reports ADD COLUMN lang TEXT NOT NULL DEFAULT 'id';
ALTER TABLE reports ADD COLUMN contact_erase_at TEXT;
CREATE INDEX reports_contact_erase ON reports (contact_erase_at) WHERE contact_erase_at IS NOT NULL;

-- One row per message: written in the same transaction as the event that causes it; the
-- unique key makes a second write of the same event a no-op, so each is sent once.
-- state: pending -> sending (claimed, committed before the send) -> sent | failed | cancelled
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_id TEXT NOT NULL REFERENCES reports(tracking_id),
  event TEXT NOT NULL,
  channel TEXT NOT NULL,
  -- what the message says; a secret (an access code) is wiped once the message is sent
  params_json TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_at INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  UNIQUE (tracking_id, event, channel)
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
`,
};
