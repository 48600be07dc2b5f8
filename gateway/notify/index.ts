/**
 * Notifications to citizens, wired once by gateway.ts: the outbox (written inside the
 * transactions that cause messages), the worker that sends them, opt-out links and
 * "Lupa kode akses?" (a new access code to a contact given with the report).
 */
import type { NotifyChannel } from '../../src/contract/index.js';
import type { Db } from '../db/index.js';
import { rateLimiter, type Limiter } from '../http/rate-limit.js';
import type { BucketOptions } from '../options.js';
import { newAccessCode } from '../services/secrets.js';
import { rotateAccessCode } from '../services/access-codes.js';
import type { ReportRow, Store } from '../services/store.js';
import type { NotifyOptions } from './options.js';
import { NOTIFY_CHANNEL, NotifyOutbox } from './outbox.js';
import { emailSender, waNumber, whatsappSender, type Sender } from './senders.js';
import { OptOutTokens } from './tokens.js';
import { NotifyWorker } from './worker.js';

export type { NotifyOptions } from './options.js';

/** "Lupa kode akses?": per client and per report, matched or not (each answer costs the same). */
export const DEFAULT_RECOVERY_LIMITS: { client: BucketOptions | false; report: BucketOptions | false } = {
  client: { capacity: 5, refillPerSecond: 1 / 720 },
  report: { capacity: 3, refillPerSecond: 1 / 1200 },
};

export class Notifications {
  readonly outbox: NotifyOutbox;
  readonly worker: NotifyWorker;
  readonly tokens: OptOutTokens;
  /** Shared by every gateway process on PostgreSQL (one bucket per client, not one per process). */
  readonly recoveryByClient: Limiter;
  readonly recoveryByReport: Limiter;
  private baseUrl: string;
  /**
   * Did this WhatsApp number write to us within the last 24 hours? Then WhatsApp news go as
   * plain text, else as approved templates. Set by the WhatsApp channel when it is on.
   */
  chatWindowOpen: (waId: string) => Promise<boolean> = async () => false;

  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly db: Db,
    private readonly store: Store,
    opts: NotifyOptions & { recovery?: Partial<typeof DEFAULT_RECOVERY_LIMITS> },
    private readonly codeKey: Buffer,
    now: () => Date,
    logErrors: boolean,
  ) {
    const senders: Partial<Record<NotifyChannel, Sender>> = {};
    if (opts.smtpUrl && opts.mailFrom) senders.email = emailSender(opts.smtpUrl, opts.mailFrom);
    if (opts.whatsappUrl && opts.whatsappToken && opts.whatsappPhoneId) {
      senders.whatsapp = whatsappSender(opts.whatsappUrl, opts.whatsappToken, opts.whatsappPhoneId, undefined, (waId) => this.chatWindowOpen(waId));
    }
    this.baseUrl = opts.publicUrl?.replace(/\/+$/, '') ?? '';
    this.tokens = new OptOutTokens(codeKey);
    const channels = new Set(Object.keys(senders) as NotifyChannel[]);
    this.outbox = new NotifyOutbox(db, now, (opts.retentionDays ?? 30) * 86_400_000, channels, (id) => store.institutions.get(id)?.name);
    this.worker = new NotifyWorker(
      db,
      senders,
      this.tokens,
      () => this.baseUrl,
      now,
      { intervalMs: opts.intervalMs ?? 2000, maxAttempts: opts.maxAttempts ?? 8, backoffMs: opts.backoffMs ?? 30_000, leaseMs: opts.leaseMs ?? 300_000 },
      logErrors,
    );
    this.outbox.onQueued = () => this.worker.kick();
    const recovery = { ...DEFAULT_RECOVERY_LIMITS, ...opts.recovery };
    this.recoveryByClient = rateLimiter(db, 'recovery-client', recovery.client, () => now().getTime());
    this.recoveryByReport = rateLimiter(db, 'recovery-report', recovery.report, () => now().getTime());
  }

  /**
   * PostgreSQL: a message queued by any process wakes the sender here (a no-op unless
   * this process holds the 'notify' lead). SQLite wakes it after commit, in process.
   */
  async listen(): Promise<void> {
    if (this.db.dialect === 'postgres') this.unlisten = await this.db.listen(NOTIFY_CHANNEL, () => this.worker.kick());
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    await this.worker.close();
  }

  /** The base of links in messages (LAPOR_PUBLIC_URL, else the URL this process listens on). */
  get publicUrl(): string {
    return this.baseUrl;
  }

  /** Links in messages point here unless LAPOR_PUBLIC_URL said otherwise. */
  useListenUrl(url: string): void {
    if (!this.baseUrl) this.baseUrl = url;
  }

  /** Opt-out: this channel of this report gets nothing more; what is queued for it is dropped. */
  optOut(trackingId: string, channel: NotifyChannel): Promise<boolean> {
    return this.db.transaction(async () => {
      // Locked: two opt-outs at once (one per channel) must both count.
      const row = await this.store.reportForUpdate(trackingId);
      if (!row) return false;
      const left = (JSON.parse(row.notify_json ?? '[]') as NotifyChannel[]).filter((ch) => ch !== channel);
      await this.db.run('UPDATE reports SET notify_json = ? WHERE tracking_id = ?', [JSON.stringify(left), trackingId]);
      // recipient IS NULL: the citizen's own messages, not the staff's escalations (issue 28).
      await this.db.run(`UPDATE notifications SET state = 'cancelled', params_json = '{}' WHERE tracking_id = ? AND channel = ? AND state = 'pending' AND recipient IS NULL`, [
        trackingId,
        channel,
      ]);
      return true;
    });
  }

  /**
   * "Lupa kode akses?": when `contact` is the phone or email kept with the report and that
   * channel can send, a NEW code is made (only an HMAC of the code is stored, so the old
   * one cannot be sent again as it was) and queued to that contact, in one transaction;
   * the old code keeps working until the new one is first used.
   * Resolves with nothing either way: the caller answers the same whether or not it matched.
   */
  async recover(rawTrackingId: string, contact: string): Promise<void> {
    const trackingId = rawTrackingId.trim().toUpperCase();
    const row = await this.store.report(trackingId);
    const channel = row && matchContact(row, contact);
    if (!row || !channel || !this.outbox.channels.has(channel)) return;
    const code = newAccessCode();
    await this.db.transaction(async () => {
      // The saved code keeps working until this one is first used (services/access-codes.ts).
      await rotateAccessCode(this.db, trackingId, code, this.codeKey);
      await this.outbox.onNewCode(trackingId, channel, code);
    });
  }
}

/** Which channel `contact` names, if it is the report's own phone or email. */
function matchContact(row: ReportRow, contact: string): NotifyChannel | undefined {
  if (!row.reporter_json) return undefined;
  const kept = JSON.parse(row.reporter_json) as { email?: string; phone?: string };
  const given = contact.trim();
  if (given.includes('@')) return kept.email && kept.email.toLowerCase() === given.toLowerCase() ? 'email' : undefined;
  const digits = waNumber(given);
  return kept.phone && digits.length >= 10 && waNumber(kept.phone) === digits ? 'whatsapp' : undefined;
}
