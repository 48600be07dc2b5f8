import type { Migration } from './index.js';

/**
 * Issue 26: reports filed by chatting with the regency's WhatsApp number. Three tables of
 * the channel (gateway/channels/whatsapp/): what Meta delivered (the inbox), where each
 * chat stands (the conversation), and what we answer (the chat outbox); plus which
 * reports a number filed, for "cek", replies and the per-number limits.
 */
export const m007: Migration = {
  version: 7,
  name: 'whatsapp',
  sql: /* sql */ `
-- One row per WhatsApp message id: Meta retries a delivery until it gets a 200 and may
-- deliver twice, so a second copy is a no-op (UNIQUE message_id). Handled in WhatsApp's
-- own order per number (sent_at), by the one process that holds the 'whatsapp' lead.
-- state: pending -> done; payload_json (what the citizen sent) is emptied once done.
CREATE TABLE whatsapp_inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  wa_id TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  payload_json TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  done_at INTEGER
);
CREATE INDEX whatsapp_inbox_pending ON whatsapp_inbox (state, wa_id, sent_at);
CREATE INDEX whatsapp_inbox_done ON whatsapp_inbox (done_at) WHERE done_at IS NOT NULL;

-- Where each chat stands (step, draft, language), written in the same transaction as the
-- inbox row it answers and the replies it queues: a restart continues from here.
-- last_inbound_at opens WhatsApp's 24-hour customer-service window (free text inside it,
-- approved templates outside); expires_at is when an unfinished draft is dropped politely.
CREATE TABLE whatsapp_conversations (
  wa_id TEXT PRIMARY KEY,
  state_json TEXT NOT NULL,
  last_inbound_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX whatsapp_conversations_expiry ON whatsapp_conversations (expires_at) WHERE expires_at IS NOT NULL;

-- Our answers, in order per number. Claimed (sending) before the Cloud API is called and
-- marked sent with the message id Meta returns; delivery follows the statuses webhook.
-- state: pending -> sending -> sent | failed. A message with an access code (secret = 1)
-- has its text wiped once it is done.
CREATE TABLE whatsapp_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  wa_id TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  secret INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_at INTEGER,
  wamid TEXT,
  delivery TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX whatsapp_outbox_due ON whatsapp_outbox (state, id);
CREATE INDEX whatsapp_outbox_wamid ON whatsapp_outbox (wamid) WHERE wamid IS NOT NULL;

-- Reports filed from a number: "cek" from the same number needs no code, a text to a
-- responded report can become the citizen's reply, and the per-number limits count here.
-- Dropped with the report's contact details (closed + LAPOR_CONTACT_RETENTION_DAYS).
CREATE TABLE whatsapp_reports (
  tracking_id TEXT PRIMARY KEY REFERENCES reports(tracking_id),
  wa_id TEXT NOT NULL,
  category_id TEXT,
  filed_at INTEGER NOT NULL
);
CREATE INDEX whatsapp_reports_number ON whatsapp_reports (wa_id, filed_at);
`,
};
