/**
 * Sends what the outbox holds, outside any request. Each row is CLAIMED (state `sending`,
 * committed) before the provider is called and marked `sent` right after it accepts, so:
 * - a row marked sent is never sent again, whatever happens to the process;
 * - the at-least-once window is the time between the provider's acceptance and the
 *   `sent` commit (one fsync, ~ms): a SIGKILL exactly there leaves the row `sending`, and
 *   the next start sends it once more. That is the only duplicate possible.
 * Failures retry with exponential backoff; a refusal that cannot change (SMTP 5xx, a 4xx
 * from Meta) or the last attempt gives up (`failed`). Once a message is done, any secret
 * it carried (an access code) is wiped from the row.
 * The same pass erases contact details whose retention ran out.
 */
import type { NotifyChannel } from '../../src/contract/index.js';
import type { Db } from '../db.js';
import { NotifyOutbox } from './outbox.js';
import { render, type MessageKind, type MessageParams } from './messages.js';
import { SendError, waNumber, type Sender } from './senders.js';
import { redact } from '../upstream/redact.js';
import type { OptOutTokens } from './tokens.js';

interface DueRow {
  id: number;
  tracking_id: string;
  channel: NotifyChannel;
  params_json: string;
  attempts: number;
  reporter_json: string | null;
  notify_json: string | null;
  lang: string;
}

export interface WorkerOptions {
  intervalMs: number;
  maxAttempts: number;
  backoffMs: number;
  leaseMs: number;
}

const MAX_BACKOFF_MS = 3_600_000;

export class NotifyWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private kicked = false;
  private stopped = false;
  private readonly due;
  private readonly claim;
  private readonly done;
  private readonly retry;
  private readonly erasable;

  constructor(
    private readonly db: Db,
    private readonly senders: Partial<Record<NotifyChannel, Sender>>,
    private readonly tokens: OptOutTokens,
    private readonly publicUrl: () => string,
    private readonly now: () => Date,
    private readonly opts: WorkerOptions,
    private readonly logErrors: boolean,
  ) {
    this.due = db.prepare<[number], DueRow>(
      `SELECT n.id, n.tracking_id, n.channel, n.params_json, n.attempts, r.reporter_json, r.notify_json, r.lang
       FROM notifications n JOIN reports r ON r.tracking_id = n.tracking_id
       WHERE n.state = 'pending' AND n.next_attempt_at <= ? ORDER BY n.id LIMIT 50`,
    );
    this.claim = db.prepare<[number, number]>(
      `UPDATE notifications SET state = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'`,
    );
    this.done = db.prepare<[string, number | null, string | null, string, number]>(
      `UPDATE notifications SET state = ?, sent_at = ?, last_error = ?, params_json = ? WHERE id = ?`,
    );
    this.retry = db.prepare<[number, string, number]>(
      `UPDATE notifications SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`,
    );
    this.erasable = db.prepare<[string], { tracking_id: string; reporter_json: string | null }>(
      'SELECT tracking_id, reporter_json FROM reports WHERE contact_erase_at <= ? LIMIT 500',
    );
    // Rows left `sending` by a process that died mid-send: the only ones that may go twice.
    db.prepare(`UPDATE notifications SET state = 'pending' WHERE state = 'sending'`).run();
  }

  start(): void {
    if (this.opts.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.drain(), this.opts.intervalMs);
      this.timer.unref();
    }
    this.kick();
  }

  /** Something was queued: send it soon, not at the next tick. */
  kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    // setImmediate: the transaction that queued the row has committed (or rolled back) by then.
    setImmediate(() => {
      this.kicked = false;
      void this.drain();
    });
  }

  /** Send everything due now (one pass at a time); resolves with the number sent. */
  drain(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    for (const s of Object.values(this.senders)) s?.close?.();
  }

  private async pass(): Promise<number> {
    this.eraseExpiredContacts();
    // Claimed but never finished within the lease (a send that hung): back to pending.
    this.db
      .prepare(`UPDATE notifications SET state = 'pending' WHERE state = 'sending' AND claimed_at < ?`)
      .run(this.now().getTime() - this.opts.leaseMs);
    let sent = 0;
    for (;;) {
      const rows = this.due.all(this.now().getTime());
      if (!rows.length) return sent;
      for (const row of rows) if (await this.one(row)) sent++;
    }
  }

  private async one(row: DueRow): Promise<boolean> {
    const sender = this.senders[row.channel];
    const { kind, ...params } = JSON.parse(row.params_json) as MessageParams & { kind: MessageKind };
    const contact = (row.reporter_json ? JSON.parse(row.reporter_json) : {}) as { email?: string; phone?: string };
    const to = row.channel === 'email' ? contact.email : contact.phone;
    // A new code was asked for on this contact just now: that request is its consent.
    const allowed = kind === 'code' ? !!to : NotifyOutbox.channelsOf(row).includes(row.channel);
    if (!sender || !allowed || !to) {
      // Opted out, or the contact was erased, since it was queued: never sent.
      this.done.run('cancelled', null, null, wipe(row.params_json), row.id);
      return false;
    }
    if (this.claim.run(this.now().getTime(), row.id).changes === 0) return false;
    const base = this.publicUrl();
    const optOut = `${base}/notify/stop/${this.tokens.sign(row.tracking_id, row.channel)}`;
    const follow = `${base}/r/${row.tracking_id}${params.code ? `#${params.code}` : ''}`;
    const message = render(kind, row.tracking_id, params, row.lang, { follow, optOut });
    try {
      await sender.send(to, message, row.lang, optOut);
    } catch (error) {
      const permanent = error instanceof SendError && error.permanent;
      // Providers echo what they refused (nodemailer: the address; Meta: parameters), and
      // this text goes to the row and the log: never the access code or the contact.
      const text = redact((error as Error).message, [params.code ?? '', to, row.channel === 'whatsapp' ? waNumber(to) : '']).slice(0, 500);
      if (permanent || row.attempts + 1 >= this.opts.maxAttempts) {
        this.done.run('failed', null, text, wipe(row.params_json), row.id);
        if (this.logErrors) console.error(`[notify] ${row.tracking_id} ${row.channel} ${kind} given up: ${text}`);
      } else {
        const delay = Math.min(MAX_BACKOFF_MS, this.opts.backoffMs * 2 ** row.attempts);
        this.retry.run(this.now().getTime() + delay, text, row.id);
      }
      return false;
    }
    this.done.run('sent', this.now().getTime(), null, wipe(row.params_json), row.id);
    return true;
  }

  /** Closed + retention passed: drop phone and email (a public name stays), and consent with them. */
  private eraseExpiredContacts(): void {
    const rows = this.erasable.all(this.now().toISOString());
    if (!rows.length) return;
    this.db.transaction(() => {
      for (const r of rows) {
        const { name } = (r.reporter_json ? JSON.parse(r.reporter_json) : {}) as { name?: string };
        this.db
          .prepare('UPDATE reports SET reporter_json = ?, notify_json = NULL, contact_erase_at = NULL WHERE tracking_id = ?')
          .run(name ? JSON.stringify({ name }) : null, r.tracking_id);
        this.db.prepare(`UPDATE notifications SET state = 'cancelled', params_json = '{}' WHERE tracking_id = ? AND state = 'pending'`).run(r.tracking_id);
      }
    })();
  }
}

/** The row keeps what kind of message it was, never the access code it carried. */
function wipe(paramsJson: string): string {
  const { code: _code, ...rest } = JSON.parse(paramsJson) as Record<string, string>;
  return JSON.stringify(rest);
}
