/**
 * Our chat answers: queued in the same transaction as the step they answer (so a step and
 * its answer are never apart), then sent by the leader, in order per number: a number's
 * next message waits until the one before it went (or was given up).
 *
 * Exactly as the notification worker (notify/worker.ts): a row is claimed (`sending`,
 * committed) before the Cloud API is called and marked `sent`, with Meta's message id,
 * right after; only a claim this process made is finished by it. A process that dies
 * between Meta's acceptance and that commit leaves the row `sending`, and the next holder
 * sends it again: the one duplicate possible. A message carrying an access code is wiped
 * once done.
 */
import type { Db } from '../../db/index.js';
import { SendError } from '../../notify/senders.js';
import { redact } from '../../upstream/redact.js';
import type { Outgoing } from './conversation.js';
import type { GraphApi } from './graph.js';
import type { CloudMessage } from './outgoing.js';

const INSERT = `INSERT INTO whatsapp_outbox (wa_id, payload_json, secret, state, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)`;
const QUEUE = `SELECT id, wa_id, payload_json, secret, state, attempts, next_attempt_at FROM whatsapp_outbox
  WHERE state IN ('pending', 'sending') ORDER BY id LIMIT 200`;
const CLAIM = `UPDATE whatsapp_outbox SET state = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'`;
const SENT = `UPDATE whatsapp_outbox SET state = 'sent', sent_at = ?, wamid = ?, payload_json = ?, last_error = NULL WHERE id = ? AND state = 'sending' AND attempts = ?`;
const FAILED = `UPDATE whatsapp_outbox SET state = 'failed', last_error = ?, payload_json = ? WHERE id = ? AND state = 'sending' AND attempts = ?`;
const RETRY = `UPDATE whatsapp_outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending' AND attempts = ?`;

interface Row {
  id: number;
  wa_id: string;
  payload_json: string;
  secret: number;
  state: string;
  attempts: number;
  next_attempt_at: number;
}

const WIPED = JSON.stringify({ type: 'text', wiped: true });
const MAX_BACKOFF_MS = 10 * 60_000;

export class ChatOutbox {
  constructor(
    private readonly db: Db,
    private readonly graph: GraphApi,
    private readonly now: () => number,
    private readonly opts: { backoffMs: number; maxAttempts: number; leaseMs: number },
    private readonly logErrors: boolean,
  ) {}

  /** Inside the turn's transaction. */
  async queue(waId: string, out: readonly Outgoing[]): Promise<void> {
    const t = this.now();
    for (const o of out) await this.db.run(INSERT, [waId, JSON.stringify(o.message), o.secret ? 1 : 0, t, t]);
  }

  /** This process just became the sender: sends the last holder left in flight go again (at most one each). */
  async resume(): Promise<void> {
    await this.db.run(`UPDATE whatsapp_outbox SET state = 'pending' WHERE state = 'sending'`);
  }

  /** Send what is due, in order per number; resolves with how many went. `keepGoing` stops it when the lead is lost. */
  async drain(keepGoing: () => boolean): Promise<number> {
    const t = this.now();
    // A send that hung past the lease: its answer is not coming.
    await this.db.run(`UPDATE whatsapp_outbox SET state = 'pending' WHERE state = 'sending' AND claimed_at < ?`, [t - this.opts.leaseMs]);
    const blocked = new Set<string>();
    let sent = 0;
    for (const row of await this.db.all<Row>(QUEUE)) {
      if (!keepGoing()) break;
      if (blocked.has(row.wa_id)) continue;
      if (row.state !== 'pending' || Number(row.next_attempt_at) > t || !(await this.one(row))) {
        blocked.add(row.wa_id);
        continue;
      }
      sent++;
    }
    return sent;
  }

  private async one(row: Row): Promise<boolean> {
    if ((await this.db.run(CLAIM, [this.now(), row.id])).changes === 0) return false;
    const claim = row.attempts + 1;
    const message = JSON.parse(row.payload_json) as CloudMessage;
    try {
      const wamid = await this.graph.send(row.wa_id, message);
      await this.db.run(SENT, [this.now(), wamid ?? null, row.secret ? WIPED : row.payload_json, row.id, claim]);
      return true;
    } catch (error) {
      const permanent = error instanceof SendError && error.permanent;
      // Meta echoes what it refused: never the number into our log.
      const text = redact((error as Error).message, [row.wa_id]).slice(0, 500);
      if (permanent || claim >= this.opts.maxAttempts) {
        await this.db.run(FAILED, [text, row.secret ? WIPED : row.payload_json, row.id, claim]);
        if (this.logErrors) console.error(`[whatsapp] message ${row.id} given up: ${text}`);
        // Given up: the number's next message may go (it is still worth more than silence).
        return true;
      }
      await this.db.run(RETRY, [this.now() + Math.min(MAX_BACKOFF_MS, this.opts.backoffMs * 2 ** row.attempts), text, row.id, claim]);
      return false;
    }
  }
}
