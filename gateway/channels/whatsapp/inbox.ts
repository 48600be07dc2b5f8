/**
 * The durable inbox between Meta's webhook and the conversation. The webhook stores what
 * arrived (one transaction, then 200: Meta stops retrying only once it has our 200, and
 * what we answered 200 for is on disk); the leader handles it afterwards.
 * - Duplicates: the message id is unique, so a redelivery inserts nothing.
 * - Order: a number's messages are handled once the number has been quiet for `settleMs`
 *   (or its oldest waited `maxHoldMs`), in WhatsApp's own timestamp order, so a message
 *   delivered before an earlier one is still read after it.
 * - Statuses of our messages update the chat outbox row Meta's id names.
 */
import type { Db } from '../../db/index.js';
import type { DeliveryStatus, InboundMessage } from './payload.js';

/** Rung (PostgreSQL NOTIFY; in process on SQLite) when something arrived, so the leader looks at once. */
export const INBOX_CHANNEL = 'lapor_whatsapp';

export interface InboxRow {
  id: number;
  message_id: string;
  wa_id: string;
  sent_at: number;
  payload_json: string;
  attempts: number;
  next_attempt_at: number;
}

/** Delivery states in the order they happen: a late "sent" never overwrites "read". */
const DELIVERY_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

const INSERT = `INSERT INTO whatsapp_inbox (message_id, wa_id, sent_at, received_at, payload_json, state, attempts, next_attempt_at)
  VALUES (?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT (message_id) DO NOTHING`;
const READY = `SELECT wa_id, MAX(received_at) AS last_at, MIN(received_at) AS first_at, MAX(next_attempt_at) AS due_at
  FROM whatsapp_inbox WHERE state = 'pending' GROUP BY wa_id`;
const PENDING = `SELECT id, message_id, wa_id, sent_at, payload_json, attempts, next_attempt_at FROM whatsapp_inbox
  WHERE state = 'pending' AND wa_id = ? ORDER BY sent_at, id`;

export class Inbox {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly settleMs: number,
    private readonly maxHoldMs: number,
    /** Called after an accept committed (the leader's wake-up on SQLite). */
    private readonly onArrived: () => void,
  ) {}

  /** Store a webhook's messages and statuses in one transaction; resolves once durable. Returns how many messages were new. */
  async accept(messages: readonly InboundMessage[], statuses: readonly DeliveryStatus[]): Promise<number> {
    if (!messages.length && !statuses.length) return 0;
    const t = this.now();
    return this.db.transaction(async () => {
      let fresh = 0;
      for (const m of messages) fresh += (await this.db.run(INSERT, [m.id, m.from, m.at, t, JSON.stringify(m), t])).changes;
      for (const s of statuses) {
        const rank = DELIVERY_RANK[s.status];
        if (!rank) continue;
        await this.db.run(
          `UPDATE whatsapp_outbox SET delivery = ?, last_error = COALESCE(?, last_error) WHERE wamid = ?
             AND (delivery IS NULL OR ${caseRank('delivery')} < ?)`,
          [s.status, s.errorCode !== undefined ? `status ${s.status}: error ${s.errorCode}` : null, s.id, rank],
        );
      }
      if (fresh) {
        if (this.db.dialect === 'postgres') await this.db.notify(INBOX_CHANNEL);
        else this.db.afterCommit(this.onArrived);
      }
      return fresh;
    });
  }

  /**
   * Numbers whose messages may be handled now (a message waiting to be tried again holds
   * the number's later ones behind it: MAX of next_attempt_at), and the time at which the next one will be
   * (undefined when nothing waits).
   */
  async ready(): Promise<{ numbers: string[]; nextAt: number | undefined }> {
    const t = this.now();
    const rows = await this.db.all<{ wa_id: string; last_at: number; first_at: number; due_at: number }>(READY);
    const numbers: string[] = [];
    let nextAt: number | undefined;
    for (const r of rows) {
      const at = Math.max(Number(r.due_at), Math.min(Number(r.last_at) + this.settleMs, Number(r.first_at) + this.maxHoldMs));
      if (at <= t) numbers.push(r.wa_id);
      else nextAt = Math.min(nextAt ?? at, at);
    }
    return { numbers, nextAt };
  }

  /** A number's pending messages in WhatsApp's order. */
  pending(waId: string): Promise<InboxRow[]> {
    return this.db.all<InboxRow>(PENDING, [waId]);
  }

  /** Inside the turn's transaction: false when another process handled it first (the turn then rolls back). */
  async done(id: number): Promise<boolean> {
    const { changes } = await this.db.run(`UPDATE whatsapp_inbox SET state = 'done', payload_json = '{}', done_at = ? WHERE id = ? AND state = 'pending'`, [
      this.now(),
      id,
    ]);
    return changes === 1;
  }

  /** Try again after `delayMs` (the number's later messages wait behind it, keeping the order). */
  async retry(id: number, delayMs: number, error: string): Promise<void> {
    await this.db.run('UPDATE whatsapp_inbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?', [
      this.now() + delayMs,
      error.slice(0, 500),
      id,
    ]);
  }

  /** Handled rows are kept a week (Meta's retry horizon: a later redelivery must still be known), then dropped. */
  async purge(): Promise<number> {
    return (await this.db.run(`DELETE FROM whatsapp_inbox WHERE state = 'done' AND done_at < ?`, [this.now() - 8 * 86_400_000])).changes;
  }
}

/** SQL giving a delivery state its rank (same numbers as DELIVERY_RANK). */
function caseRank(column: string): string {
  return `CASE ${column} ${Object.entries(DELIVERY_RANK)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(' ')} ELSE 0 END`;
}
