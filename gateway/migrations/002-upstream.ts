import type { Migration } from './index.js';

/** Issue 12: parked outbox rows, pushes towards LAPOR! and per-report polling. */
export const m002: Migration = {
  version: 2,
  name: 'upstream',
  sql: /* sql */ `
-- outbox.state gains 'parked': held for an operator, with a reason code and its parameters
ALTER TABLE outbox ADD COLUMN parked_code TEXT;
ALTER TABLE outbox ADD COLUMN parked_params_json TEXT;
-- the last upstream_ops id when the create went out: forwards up to it are in the create already
ALTER TABLE outbox ADD COLUMN ops_seen INTEGER;

-- Changes made here that LAPOR! must hear about, in order per report: a forward, an
-- admin's response, a citizen's reply or rating. Written in the same transaction as the change.
CREATE TABLE upstream_ops (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_id TEXT NOT NULL REFERENCES reports(tracking_id),
  kind TEXT NOT NULL,             -- forward | response | reply | rating
  payload_json TEXT NOT NULL,
  state TEXT NOT NULL,            -- pending | done | parked
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX upstream_ops_due ON upstream_ops (state, next_attempt_at);
CREATE INDEX upstream_ops_report ON upstream_ops (tracking_id, id);

-- When each synced, unfinished report is next asked about (backs off as it ages).
CREATE TABLE upstream_poll (
  tracking_id TEXT PRIMARY KEY REFERENCES reports(tracking_id),
  next_poll_at INTEGER NOT NULL,
  last_polled_at INTEGER,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX upstream_poll_due ON upstream_poll (next_poll_at);
`,
};
