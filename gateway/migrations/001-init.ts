import type { Migration } from './index.js';

export const m001: Migration = {
  version: 1,
  name: 'init',
  sql: /* sql */ `
CREATE TABLE institutions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  parent_id TEXT,
  search TEXT NOT NULL
);
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  search TEXT NOT NULL
);
CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_id TEXT,
  position INTEGER NOT NULL
);

CREATE TABLE reports (
  tracking_id TEXT PRIMARY KEY,
  access_hash BLOB NOT NULL,
  status TEXT NOT NULL,
  -- status to go back to on "resume" while on_hold
  held_from TEXT,
  status_reason TEXT,
  classification TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  incident_date TEXT,
  location_json TEXT NOT NULL,
  -- the institution that currently owns the report (chosen at submit, or forwarded to)
  institution_id TEXT,
  category_id TEXT,
  anonymous INTEGER NOT NULL,
  secret INTEGER NOT NULL,
  channel TEXT NOT NULL,
  site_key TEXT NOT NULL,
  reporter_json TEXT,
  -- [{status, at}] in order: the SLA engine's input
  transitions_json TEXT NOT NULL,
  clocks_json TEXT NOT NULL,
  -- nearest dueAt among clocks not yet stopped (queue order)
  next_due_at TEXT,
  -- nearest dueAt among running clocks not yet reported breached (scheduler)
  next_check_at TEXT,
  rating_json TEXT,
  lapor_id TEXT,
  upstream_state TEXT NOT NULL,
  upstream_synced_at TEXT,
  upstream_status TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX reports_queue ON reports (institution_id, status, next_due_at);
CREATE INDEX reports_check ON reports (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE timeline (
  id TEXT PRIMARY KEY,
  tracking_id TEXT NOT NULL REFERENCES reports(tracking_id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT,
  from_status TEXT,
  institution_name TEXT,
  note TEXT
);
CREATE INDEX timeline_report ON timeline (tracking_id, seq);

CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  tracking_id TEXT NOT NULL REFERENCES reports(tracking_id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  institution_name TEXT,
  message TEXT NOT NULL,
  upstream_ref TEXT
);
CREATE INDEX responses_report ON responses (tracking_id, seq);
CREATE UNIQUE INDEX responses_upstream ON responses (tracking_id, upstream_ref) WHERE upstream_ref IS NOT NULL;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  file TEXT NOT NULL,
  site_key TEXT NOT NULL,
  tracking_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_report ON attachments (tracking_id);

CREATE TABLE idempotency (
  site_key TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  tracking_id TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_key, key)
);
CREATE INDEX idempotency_age ON idempotency (created_at);

-- The event log: seq is the SSE id, global and monotonic, so a client resumes with one number.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  data_json TEXT NOT NULL
);
CREATE INDEX events_report ON events (tracking_id, seq);

-- One row per clock that was announced as breached: makes "once per clock" survive restarts.
CREATE TABLE breaches (
  tracking_id TEXT NOT NULL,
  clock_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (tracking_id, clock_id)
);

CREATE TABLE admin_tokens (
  token_hash TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  -- JSON array of institution ids, or null for every institution (super admin)
  institutions_json TEXT
);

-- Work for the upstream forwarder. One row per report; survives restarts.
CREATE TABLE outbox (
  tracking_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,            -- pending | creating | done | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  document_ids_json TEXT,
  upstream_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
`,
};
