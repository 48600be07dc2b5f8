/**
 * Sends what the outbox holds, outside any request and outside any transaction. One
 * process sends: gateway.ts runs `start`/`stop` under `db.leader('notify', …)`. Each row
 * is CLAIMED (state `sending`, committed) before the provider is called and its result
 * recorded in a second statement right after, so:
 * - a row marked sent is never sent again, whatever happens to the process;
 * - the at-least-once window is the time between the provider's acceptance and the
 *   `sent` commit (one fsync, ~ms): a SIGKILL exactly there leaves the row `sending`, and
 *   the next holder sends it once more. That is the only duplicate possible: one message.
 * A result is recorded only if the row is still in the claim this process made (`state =
 * 'sending'` and the attempt number it claimed), so a holder that lost the lead while its
 * send was in flight cannot overwrite what the process that took over did since.
 * Failures retry with exponential backoff; a refusal that cannot change (SMTP 5xx, a 4xx
 * from Meta) or the last attempt gives up (`failed`). Once a message is done, any secret
 * it carried (an access code) is wiped from the row.
 * The same pass erases contact details whose retention ran out.
 */
import type { NotifyChannel } from '../../src/contract/index.js';
import type { Db } from '../db/index.js';
import { NotifyOutbox } from './outbox.js';
import { followLink, render, type MessageKind, type MessageParams } from './messages.js';
import { SendError, waNumber, type Sender } from './senders.js';
import { redact } from '../upstream/redact.js';
import type { OptOutTokens } from './tokens.js';
import { renderEscalation } from '../escalation/messages.js';
import type { EscalationParams } from '../escalation/service.js';

interface DueRow {
  id: number;
  tracking_id: string;
  channel: NotifyChannel;
  params_json: string;
  attempts: number;
  reporter_json: string | null;
  notify_json: string | null;
  lang: string;
  /** Issue 28: a staff member's address (an escalation); null: the citizen's own contact. */
  recipient: string | null;
}

export interface WorkerOptions {
  intervalMs: number;
  maxAttempts: number;
  backoffMs: number;
  leaseMs: number;
}

const MAX_BACKOFF_MS = 3_600_000;

const DUE = `SELECT n.id, n.tracking_id, n.channel, n.params_json, n.attempts, n.recipient, r.reporter_json, r.notify_json, r.lang
  FROM notifications n JOIN reports r ON r.tracking_id = n.tracking_id
  WHERE n.state = 'pending' AND n.next_attempt_at <= ? ORDER BY n.id LIMIT 50`;
/** `attempts` after the claim is the claim's token: the conditions below check it. */
const CLAIM = `UPDATE notifications SET state = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'`;
const FINISH = `UPDATE notifications SET state = ?, sent_at = ?, last_error = ?, params_json = ? WHERE id = ? AND state = 'sending' AND attempts = ?`;
const RETRY = `UPDATE notifications SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending' AND attempts = ?`;
const CANCEL = `UPDATE notifications SET state = 'cancelled', last_error = NULL, params_json = ? WHERE id = ? AND state = 'pending'`;
const ERASABLE = 'SELECT tracking_id, reporter_json FROM reports WHERE contact_erase_at <= ? LIMIT 500';

export class NotifyWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  /** The pass that follows the running one, shared by every drain() made meanwhile. */
  private following: Promise<number> | undefined;
  private kicked = false;
  /** True between start() and stop(): only then does this process send. */
  private active = false;

  /** True while this process sends (holds the 'notify' lead). */
  get isActive(): boolean {
    return this.active;
  }
  /** Bumped by every start(): a pass begun in an earlier term stops claiming rows. */
  private term = 0;
  /** The term whose first pass has taken back the rows a previous holder left `sending`. */
  private resumedTerm = 0;

  constructor(
    private readonly db: Db,
    private readonly senders: Partial<Record<NotifyChannel, Sender>>,
    private readonly tokens: OptOutTokens,
    private readonly publicUrl: () => string,
    private readonly now: () => Date,
    private readonly opts: WorkerOptions,
    private readonly logErrors: boolean,
  ) {}

  /** This process now sends (it holds the 'notify' lead). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.term++;
    if (this.opts.intervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.background(), this.opts.intervalMs);
      this.timer.unref();
    }
    this.kick();
  }

  /** Something was queued and committed: send it soon, not at the next tick. */
  kick(): void {
    if (this.kicked || !this.active) return;
    this.kicked = true;
    // setImmediate: kicks from a burst of commits share one pass.
    setImmediate(() => {
      this.kicked = false;
      this.background();
    });
  }

  /** A pass nobody awaits (timer, kick): a failure (database unreachable) is logged and the next one tries again. */
  private background(): void {
    this.drain().catch((error: unknown) => {
      if (this.logErrors) console.error('[notify] pass failed:', error);
    });
  }

  /** Send everything due now (one pass at a time); resolves with the number that pass sent. */
  drain(): Promise<number> {
    if (!this.active) return Promise.resolve(0);
    if (this.running) {
      // The pass in progress may have looked before what is due now was committed: one more after it.
      this.following ??= this.running
        .catch(() => 0)
        .then(() => {
          this.following = undefined;
          return this.drain();
        });
      return this.following;
    }
    this.running = this.pass(this.term).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** This process no longer sends (lost the lead, or shutting down); resolves once the pass in flight ended. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.following?.catch(() => undefined);
  }

  /** At shutdown: stop, then release the providers' connections (a pooled SMTP transport cannot be reused after). */
  async close(): Promise<void> {
    await this.stop();
    for (const s of Object.values(this.senders)) s?.close?.();
  }

  private current(term: number): boolean {
    return this.active && this.term === term;
  }

  private async pass(term: number): Promise<number> {
    if (this.resumedTerm !== term) {
      // This process has just become the sender: rows left `sending` are the previous
      // holder's sends in flight (it died or lost the lead mid-send). They may go twice.
      await this.db.run(`UPDATE notifications SET state = 'pending' WHERE state = 'sending'`);
      this.resumedTerm = term;
    }
    await this.eraseExpiredContacts();
    // Claimed but never finished within the lease (a send that hung): back to pending.
    await this.db.run(`UPDATE notifications SET state = 'pending' WHERE state = 'sending' AND claimed_at < ?`, [
      this.now().getTime() - this.opts.leaseMs,
    ]);
    let sent = 0;
    for (;;) {
      if (!this.current(term)) return sent;
      const rows = await this.db.all<DueRow>(DUE, [this.now().getTime()]);
      if (!rows.length) return sent;
      for (const row of rows) {
        if (!this.current(term)) return sent;
        if (await this.one(row)) sent++;
      }
    }
  }

  /**
   * One message: claim (its own autocommit statement, durable before the provider is
   * called), send with no transaction open, record the result (another statement).
   */
  private async one(row: DueRow): Promise<boolean> {
    const sender = this.senders[row.channel];
    const { kind, ...params } = JSON.parse(row.params_json) as MessageParams & { kind: MessageKind };
    const contact = (row.reporter_json ? JSON.parse(row.reporter_json) : {}) as { email?: string; phone?: string };
    // Staff (an escalation, issue 28): the address is in the row; the citizen's consent is not theirs to give.
    const to = row.recipient ?? (row.channel === 'email' ? contact.email : contact.phone);
    // A new code was asked for on this contact just now: that request is its consent.
    const allowed = row.recipient !== null || (kind === 'code' ? !!to : NotifyOutbox.channelsOf(row).includes(row.channel));
    if (!sender || !allowed || !to) {
      // Opted out, or the contact was erased, since it was queued: never sent.
      await this.db.run(CANCEL, [wipe(row.params_json), row.id]);
      return false;
    }
    if ((await this.db.run(CLAIM, [this.now().getTime(), row.id])).changes === 0) return false;
    const claim = row.attempts + 1;
    const base = this.publicUrl();
    // Staff get the report in the admin console and no citizen opt-out link (which would stop the citizen's messages).
    const optOut = row.recipient ? '' : `${base}/notify/stop/${this.tokens.sign(row.tracking_id, row.channel)}`;
    const follow = followLink(base, row.tracking_id, params.code);
    const lang = row.recipient ? (params.lang === 'en' ? 'en' : 'id') : row.lang;
    const message = row.recipient
      ? renderEscalation(row.tracking_id, params as EscalationParams, `${base}/admin.html#${row.tracking_id}`, this.now().getTime())
      : render(kind, row.tracking_id, params, row.lang, { follow, optOut });
    try {
      await sender.send(to, message, lang, optOut);
    } catch (error) {
      const permanent = error instanceof SendError && error.permanent;
      // Providers echo what they refused (nodemailer: the address; Meta: parameters), and
      // this text goes to the row and the log: never the access code or the contact.
      const text = redact((error as Error).message, [params.code ?? '', to, row.channel === 'whatsapp' ? waNumber(to) : '']).slice(0, 500);
      if (permanent || claim >= this.opts.maxAttempts) {
        await this.db.run(FINISH, ['failed', null, text, wipe(row.params_json), row.id, claim]);
        if (this.logErrors) console.error(`[notify] ${row.tracking_id} ${row.channel} ${kind} given up: ${text}`);
      } else {
        const delay = Math.min(MAX_BACKOFF_MS, this.opts.backoffMs * 2 ** row.attempts);
        await this.db.run(RETRY, [this.now().getTime() + delay, text, row.id, claim]);
      }
      return false;
    }
    await this.db.run(FINISH, ['sent', this.now().getTime(), null, wipe(row.params_json), row.id, claim]);
    return true;
  }

  /** Closed + retention passed: drop phone and email (a public name stays), and consent with them. */
  private async eraseExpiredContacts(): Promise<void> {
    const at = this.now().toISOString();
    // Most passes find nothing: look before opening a write transaction.
    if (!(await this.db.get('SELECT 1 AS due FROM reports WHERE contact_erase_at <= ? LIMIT 1', [at]))) return;
    await this.db.transaction(async () => {
      for (const r of await this.db.all<{ tracking_id: string; reporter_json: string | null }>(ERASABLE, [at])) {
        const { name } = (r.reporter_json ? JSON.parse(r.reporter_json) : {}) as { name?: string };
        await this.db.run('UPDATE reports SET reporter_json = ?, notify_json = NULL, contact_erase_at = NULL WHERE tracking_id = ?', [
          name ? JSON.stringify({ name }) : null,
          r.tracking_id,
        ]);
        await this.db.run(`UPDATE notifications SET state = 'cancelled', params_json = '{}' WHERE tracking_id = ? AND state = 'pending'`, [r.tracking_id]);
      }
    });
  }
}

/** The row keeps what kind of message it was, never the access code it carried. */
function wipe(paramsJson: string): string {
  const { code: _code, ...rest } = JSON.parse(paramsJson) as Record<string, string>;
  return JSON.stringify(rest);
}
