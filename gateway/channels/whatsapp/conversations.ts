/**
 * `whatsapp_conversations`: each number's stored state (state.ts), when it last wrote to
 * us (WhatsApp's 24-hour window) and when an unfinished draft expires. Read and written
 * inside the turn's transaction; on PostgreSQL the row is locked, so two processes can
 * never both take a step of one chat.
 */
import type { Db } from '../../db/index.js';
import { freshState, type ConversationState } from './state.js';

const UPSERT = `INSERT INTO whatsapp_conversations (wa_id, state_json, last_inbound_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (wa_id) DO UPDATE SET state_json = excluded.state_json,
    last_inbound_at = CASE WHEN excluded.last_inbound_at > whatsapp_conversations.last_inbound_at THEN excluded.last_inbound_at ELSE whatsapp_conversations.last_inbound_at END,
    updated_at = excluded.updated_at, expires_at = excluded.expires_at`;

/** Drafts past their time, whose number has nothing waiting in the inbox (a message on its way is no silence). */
const EXPIRED = `SELECT c.wa_id FROM whatsapp_conversations c WHERE c.expires_at <= ?
  AND NOT EXISTS (SELECT 1 FROM whatsapp_inbox i WHERE i.wa_id = c.wa_id AND i.state = 'pending') LIMIT 100`;

/** WhatsApp's customer-service window, less a margin for the clocks and the send itself. */
const WINDOW_MS = 24 * 3_600_000 - 15 * 60_000;

export class Conversations {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly idleMs: number,
  ) {}

  /** The number's state (fresh if it never wrote); locked to the transaction's end on PostgreSQL. */
  async load(waId: string): Promise<ConversationState> {
    const lock = this.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const row = await this.db.get<{ state_json: string }>(`SELECT state_json FROM whatsapp_conversations WHERE wa_id = ?${lock}`, [waId]);
    return row ? { ...freshState(), ...(JSON.parse(row.state_json) as ConversationState) } : freshState();
  }

  /** Store the state; `inboundAt` (WhatsApp's time of the message answered) moves the 24-hour window on. */
  async save(waId: string, state: ConversationState, inboundAt = 0): Promise<void> {
    const t = this.now();
    const expires = state.step === 'idle' ? null : t + this.idleMs;
    await this.db.run(UPSERT, [waId, JSON.stringify(state), inboundAt, t, expires]);
  }

  async expired(): Promise<string[]> {
    return (await this.db.all<{ wa_id: string }>(EXPIRED, [this.now()])).map((r) => r.wa_id);
  }

  /** Did this number write to us recently enough for a free-text message (no template)? */
  async windowOpen(waId: string): Promise<boolean> {
    const row = await this.db.get<{ last_inbound_at: number }>('SELECT last_inbound_at FROM whatsapp_conversations WHERE wa_id = ?', [waId]);
    return !!row && this.now() - Number(row.last_inbound_at) < WINDOW_MS;
  }
}
