/**
 * Notifications to citizens, wired once by gateway.ts: the outbox (written inside the
 * transactions that cause messages), the worker that sends them, opt-out links and
 * "Lupa kode akses?" (a new access code to a contact given with the report).
 */
import type { NotifyChannel } from '../../src/contract/index.js';
import type { Db } from '../db.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { BucketOptions } from '../options.js';
import { accessHash, newAccessCode } from '../services/secrets.js';
import type { ReportRow, Store } from '../services/store.js';
import type { NotifyOptions } from './options.js';
import { NotifyOutbox } from './outbox.js';
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
  readonly recoveryByClient: RateLimiter;
  readonly recoveryByReport: RateLimiter;
  private baseUrl: string;

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
      senders.whatsapp = whatsappSender(opts.whatsappUrl, opts.whatsappToken, opts.whatsappPhoneId);
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
    this.recoveryByClient = new RateLimiter(recovery.client, () => now().getTime());
    this.recoveryByReport = new RateLimiter(recovery.report, () => now().getTime());
  }

  /** Links in messages point here unless LAPOR_PUBLIC_URL said otherwise. */
  useListenUrl(url: string): void {
    if (!this.baseUrl) this.baseUrl = url;
  }

  /** Opt-out: this channel of this report gets nothing more; what is queued for it is dropped. */
  optOut(trackingId: string, channel: NotifyChannel): boolean {
    return this.db.transaction(() => {
      const row = this.store.q.report.get(trackingId);
      if (!row) return false;
      const left = (JSON.parse(row.notify_json ?? '[]') as NotifyChannel[]).filter((ch) => ch !== channel);
      this.db.prepare('UPDATE reports SET notify_json = ? WHERE tracking_id = ?').run(JSON.stringify(left), trackingId);
      this.db
        .prepare(`UPDATE notifications SET state = 'cancelled', params_json = '{}' WHERE tracking_id = ? AND channel = ? AND state = 'pending'`)
        .run(trackingId, channel);
      return true;
    })();
  }

  /**
   * "Lupa kode akses?": when `contact` is the phone or email kept with the report and that
   * channel can send, a NEW code replaces the old (only an HMAC of the code is stored, so
   * it cannot be sent again as it was) and is queued to that contact, in one transaction.
   * Returns nothing either way: the caller answers the same whether or not it matched.
   */
  recover(rawTrackingId: string, contact: string): void {
    const trackingId = rawTrackingId.trim().toUpperCase();
    const row = this.store.q.report.get(trackingId);
    const channel = row && matchContact(row, contact);
    if (!row || !channel || !this.outbox.channels.has(channel)) return;
    const code = newAccessCode();
    this.db.transaction(() => {
      this.db.prepare('UPDATE reports SET access_hash = ? WHERE tracking_id = ?').run(accessHash(code, this.codeKey), trackingId);
      this.outbox.onNewCode(trackingId, channel, code);
    })();
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
