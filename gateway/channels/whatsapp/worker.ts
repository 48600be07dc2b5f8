/**
 * The leader's loop (gateway.ts runs `start`/`stop` under `db.leader('whatsapp')`): take
 * the inbox's settled messages, number by number in WhatsApp's order, through the
 * conversation; send the chat outbox; drop drafts left too long; purge old inbox rows.
 *
 * One message is one transaction: load the number's state (locked), run the turn
 * (which may file the report through the submit path, inside the same transaction),
 * store the state, queue the answers, mark the inbox row done. A SIGKILL anywhere leaves
 * either all of it or none, and the message is simply handled again. Only a photo's
 * download happens before that transaction (no network inside one): a kill after it
 * leaves an unclaimed upload, purged after a day.
 */
import type { Db } from '../../db/index.js';
import { rateLimiter, type Limiter } from '../../http/rate-limit.js';
import { ApiError } from '../../http/errors.js';
import type { BucketOptions } from '../../options.js';
import type { Conversation, MediaOutcome, Outgoing } from './conversation.js';
import type { Conversations } from './conversations.js';
import { TransientError } from './graph.js';
import type { Inbox, InboxRow } from './inbox.js';
import type { MediaFetcher } from './media.js';
import type { ChatOutbox } from './outbox.js';
import type { InboundMessage } from './payload.js';
import type { ConversationState } from './state.js';

type Turn = { state: ConversationState; out: Outgoing[] };

export interface WorkerOptions {
  intervalMs: number;
  backoffMs: number;
  idleMinutes: number;
  inbound: BucketOptions | false;
  /** A closed report's link to the number that filed it goes with its contact details (LAPOR_CONTACT_RETENTION_DAYS). */
  retentionDays: number;
}

/** A message whose handling keeps failing is answered with an apology after this many tries. */
const MAX_ATTEMPTS = 8;

/** Another process handled this message first: the turn rolls back. */
class AlreadyHandled extends Error {}

export class WhatsAppWorker {
  private active = false;
  private term = 0;
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** The pass after the running one, shared by every kick and drain made meanwhile. */
  private following: Promise<void> | undefined;
  private lastPurge = 0;
  private readonly inboundLimit: Limiter;

  constructor(
    private readonly db: Db,
    private readonly inbox: Inbox,
    private readonly conversations: Conversations,
    private readonly conversation: Conversation,
    private readonly outbox: ChatOutbox,
    private readonly media: MediaFetcher,
    private readonly now: () => number,
    private readonly opts: WorkerOptions,
    private readonly logErrors: boolean,
  ) {
    this.inboundLimit = rateLimiter(db, 'whatsapp-inbound', opts.inbound, now);
  }

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.term++;
    const term = this.term;
    // Sends the previous holder left in flight go again (the at-least-once window).
    void this.outbox
      .resume()
      .catch((error: unknown) => this.log('resume', error))
      .finally(() => term === this.term && this.kick());
    if (this.opts.intervalMs > 0) {
      this.timer = setInterval(() => this.kick(), this.opts.intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.active = false;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.timer = this.wake = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Something arrived or was queued: look now. */
  kick(): void {
    if (this.active) this.drain().catch((error: unknown) => this.log('pass', error));
  }

  /** A full pass (inbox, outbox, expiry, purge); passes never overlap: one more follows a busy one. Tests await it. */
  drain(): Promise<void> {
    if (!this.active) return Promise.resolve();
    if (this.running) {
      this.following ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.following = undefined;
          return this.drain();
        });
      return this.following;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const term = this.term;
    const current = () => this.active && this.term === term;
    const { numbers, nextAt } = await this.inbox.ready();
    for (const waId of numbers) {
      if (!current()) return;
      await this.number(waId);
    }
    await this.outbox.drain(current);
    if (!current()) return;
    await this.expire();
    await this.outbox.drain(current);
    if (this.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = this.now();
      await this.inbox.purge();
      await this.db.run(
        `DELETE FROM whatsapp_reports WHERE tracking_id IN (SELECT tracking_id FROM reports WHERE status IN ('completed', 'archived') AND updated_at < ?)`,
        [new Date(this.now() - this.opts.retentionDays * 86_400_000).toISOString()],
      );
    }
    // Messages still settling: come back when the first of them is due.
    if (nextAt !== undefined && current()) {
      clearTimeout(this.wake);
      this.wake = setTimeout(() => this.kick(), Math.max(10, nextAt - this.now()));
      this.wake.unref();
    }
  }

  /** A number's pending messages, in order; a failure stops the number here (its later messages wait). */
  private async number(waId: string): Promise<void> {
    for (const row of await this.inbox.pending(waId)) {
      if (Number(row.next_attempt_at) > this.now()) return;
      try {
        await this.handle(row);
      } catch (error) {
        if (error instanceof AlreadyHandled) continue;
        if (row.attempts + 1 >= MAX_ATTEMPTS) {
          this.log(`message ${row.id} given up`, error);
          await this.answerWith(row, (state) => this.conversation.apologize(state));
          continue;
        }
        await this.inbox.retry(row.id, Math.min(600_000, this.opts.backoffMs * 2 ** row.attempts), (error as Error).message);
        if (!(error instanceof TransientError)) this.log(`message ${row.id}`, error);
        return;
      }
    }
  }

  private async handle(row: InboxRow): Promise<void> {
    const m = JSON.parse(row.payload_json) as InboundMessage;
    if (await this.flooding(m.from)) {
      await this.answerWith(row, (state) => this.conversation.throttled(state, this.now()));
      return;
    }
    // The download, before the transaction: only when the draft would keep it.
    let media: MediaOutcome | undefined;
    if (m.body.kind === 'media') {
      const state = await this.conversations.load(m.from);
      media = this.conversation.acceptsMedia(state) ? await this.media.fetch(m.body, m.from, m.at, state.lang) : { ok: false, full: true };
    }
    await this.answerWith(row, (state) => this.conversation.handle(state, m, media));
  }

  /** One step: state in, turn, state and answers stored, the message marked done: one transaction. */
  private async answerWith(row: InboxRow, turnOf: (state: ConversationState) => Turn | Promise<Turn>): Promise<void> {
    const m = JSON.parse(row.payload_json) as InboundMessage;
    await this.db.transaction(async () => {
      const turn = await turnOf(await this.conversations.load(m.from));
      await this.conversations.save(m.from, turn.state, m.at);
      await this.outbox.queue(m.from, turn.out);
      if (!(await this.inbox.done(row.id))) throw new AlreadyHandled();
    });
  }

  /** Over the number's message budget (a flood is dropped, with one notice per burst). */
  private async flooding(waId: string): Promise<boolean> {
    try {
      await this.inboundLimit.take(waId);
      return false;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return true;
      throw error;
    }
  }

  private async expire(): Promise<void> {
    for (const waId of await this.conversations.expired()) {
      await this.db.transaction(async () => {
        const turn = this.conversation.expire(await this.conversations.load(waId), this.opts.idleMinutes);
        await this.conversations.save(waId, turn.state);
        await this.outbox.queue(waId, turn.out);
      });
    }
  }

  private log(what: string, error: unknown): void {
    if (this.logErrors) console.error(`[whatsapp] ${what}:`, error);
  }
}
