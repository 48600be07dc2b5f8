import type { Migration } from './index.js';

/**
 * Issue 28: the 4-hour SOP with teeth.
 * - An institution's service hours (jam layanan; JSON `{days, start, end, source}`), in
 *   which its hours clocks count. NULL: around the clock (the default).
 * - Escalation steps that fired: one row per (report, institution, step), written in the
 *   same transaction as the messages it queues, so a step fires once however many
 *   processes or restarts see it due.
 * - Messages to staff travel through the same notification outbox as the citizen's:
 *   `recipient` holds the staff address (NULL: the citizen's own contact).
 */
export const m008: Migration = {
  version: 8,
  name: 'escalation',
  sql: /* sql */ `
ALTER TABLE institutions ADD COLUMN service_hours_json TEXT;

CREATE TABLE escalations (
  tracking_id TEXT NOT NULL REFERENCES reports(tracking_id),
  -- the institution whose chain the step belongs to ('' for a report not yet assigned)
  institution_id TEXT NOT NULL,
  -- the step's key, e.g. "-60m:institution"
  step TEXT NOT NULL,
  -- when it was due (after any hold for the recipient's service hours) and when it fired
  due_at TEXT NOT NULL,
  fired_at TEXT NOT NULL,
  -- queued (its messages are in notifications) | no_contact | skipped (a later step for the same recipient was due too)
  state TEXT NOT NULL,
  recipients INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tracking_id, institution_id, step)
);

ALTER TABLE notifications ADD COLUMN recipient TEXT;
`,
};
