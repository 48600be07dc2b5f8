/**
 * The notification outbox: which messages an event causes, written in the SAME transaction
 * as the event (ReportService.logEvent and submit call in here), so a change that commits
 * always has its messages queued and one that rolls back has none. The unique key
 * (report, event, channel) makes a second write of the same event a no-op: each message
 * is queued once, and the worker (worker.ts) sends each queued row once.
 */
import type { NotifyChannel, ReportEventType, ReportStatus } from '../../src/contract/index.js';
import type { Db } from '../db/index.js';
import type { EventExtra } from '../services/events.js';
import type { ReportRow } from '../services/store.js';
import type { MessageKind, MessageParams } from './messages.js';

/** Statuses a citizen hears about (in_progress and on_hold are the agency's own business). */
const TOLD: Partial<Record<ReportStatus, MessageKind>> = {
  verified: 'verified',
  forwarded: 'forwarded',
  responded: 'responded',
  completed: 'completed',
  archived: 'archived',
};
const CLOSED: readonly string[] = ['completed', 'archived'];

interface Contact {
  phone?: string;
  email?: string;
  name?: string;
}

/** A second write of the same event (same report, event key, channel) is a no-op. */
const INSERT = `INSERT INTO notifications (tracking_id, event, channel, params_json, state, attempts, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (tracking_id, event, channel) DO NOTHING`;
/** The agency's latest answer; `seq` (per report, in insertion order) breaks a tie on `at`. */
const LAST_RESPONSE = `SELECT message, institution_name FROM responses WHERE tracking_id = ? AND author = 'agency' ORDER BY at DESC, seq DESC LIMIT 1`;

/** Rung (PostgreSQL NOTIFY) when a message is queued, so the sending process sends it at once. */
export const NOTIFY_CHANNEL = 'lapor_notify';

export class NotifyOutbox {
  /** Called after a transaction that queued a row has committed (the worker's kick). */
  onQueued: () => void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    /** Contact details are erased this long after a report closes. */
    private readonly retentionMs: number,
    /** The channels configured on this gateway (nothing is queued for the others). */
    readonly channels: ReadonlySet<NotifyChannel>,
    private readonly institutionName: (id: string) => string | undefined,
  ) {}

  /** The channels this report may be messaged on now: consented, not opted out, contact kept. */
  static channelsOf(row: Pick<ReportRow, 'notify_json' | 'reporter_json'>): NotifyChannel[] {
    if (!row.notify_json || !row.reporter_json) return [];
    const contact = JSON.parse(row.reporter_json) as Contact;
    return (JSON.parse(row.notify_json) as NotifyChannel[]).filter((ch) => (ch === 'email' ? !!contact.email : !!contact.phone));
  }

  /** At submit, inside its transaction: remember consent, queue the confirmation. */
  async onSubmit(trackingId: string, notify: readonly NotifyChannel[] | undefined, code: string): Promise<void> {
    if (!notify?.length) return;
    // RETURNING: the stored contact comes back with the write (one round trip per submit, not two).
    const row = await this.db.get<Pick<ReportRow, 'notify_json' | 'reporter_json'>>(
      'UPDATE reports SET notify_json = ? WHERE tracking_id = ? RETURNING notify_json, reporter_json',
      [JSON.stringify([...new Set(notify)]), trackingId],
    );
    await this.queue(trackingId, row ? NotifyOutbox.channelsOf(row) : [], 'confirmation', 'confirmation', { code });
  }

  /** After any logged event, inside its transaction (row = the report as it now is). */
  async onEvent(row: ReportRow, type: ReportEventType, extra: EventExtra | undefined): Promise<void> {
    if (type === 'report.status_changed' && extra?.to && CLOSED.includes(extra.to)) {
      await this.db.run('UPDATE reports SET contact_erase_at = ? WHERE tracking_id = ? AND contact_erase_at IS NULL', [
        new Date(this.now().getTime() + this.retentionMs).toISOString(),
        row.tracking_id,
      ]);
    }
    // Most events (created, updated, replies) tell the citizen nothing: skip parsing the contact.
    const news = type === 'sla.breached' || (type === 'report.status_changed' && !!extra?.to && !!TOLD[extra.to]);
    if (!news) return;
    const channels = NotifyOutbox.channelsOf(row).filter((ch) => this.channels.has(ch));
    if (!channels.length) return;
    if (type === 'sla.breached') {
      // Once per report: a second late clock is the same news to the citizen.
      await this.queue(row.tracking_id, channels, 'sla_breached', 'sla_breached', {});
      return;
    }
    if (type !== 'report.status_changed' || !extra?.to) return;
    const kind = TOLD[extra.to];
    if (!kind) return;
    const params: MessageParams = {};
    let event: string = kind;
    if (kind === 'forwarded') {
      params.institution = (row.institution_id && this.institutionName(row.institution_id)) || '';
      // Forwarded again to another agency is news again; to the same one it is not.
      event = `forwarded:${row.institution_id ?? ''}`;
    }
    if (kind === 'responded') {
      const r = await this.db.get<{ message: string; institution_name: string | null }>(LAST_RESPONSE, [row.tracking_id]);
      params.response = r?.message ?? '';
      params.institution = r?.institution_name ?? '';
    }
    if (kind === 'archived') params.reason = row.status_reason ?? '';
    await this.queue(row.tracking_id, channels, event, kind, params);
  }

  /** A new access code ("Lupa kode akses?"): only on the channel whose contact was matched. */
  async onNewCode(trackingId: string, channel: NotifyChannel, code: string): Promise<void> {
    if (!this.channels.has(channel)) return;
    // Each rotation is its own message (event key per time), unlike status news.
    await this.queue(trackingId, [channel], `code:${this.now().getTime()}`, 'code', { code });
  }

  private async queue(trackingId: string, channels: readonly NotifyChannel[], event: string, kind: MessageKind, params: MessageParams): Promise<void> {
    const t = this.now().getTime();
    const json = JSON.stringify({ kind, ...params });
    let queued = false;
    for (const ch of channels) {
      if (this.channels.has(ch) && (await this.db.run(INSERT, [trackingId, event, ch, json, t, t])).changes) queued = true;
    }
    if (queued) await this.ring();
  }

  /**
   * Issue 28: a message to a staff member (an escalation step), not to the citizen: the
   * address travels in the row (`recipient`), consent and opt-out do not apply, and the
   * same unique key (report, event, channel) makes it once.
   */
  async queueStaff(trackingId: string, event: string, channel: NotifyChannel, recipient: string, params: Record<string, string>): Promise<void> {
    if (!this.channels.has(channel)) return;
    const t = this.now().getTime();
    const { changes } = await this.db.run(
      `INSERT INTO notifications (tracking_id, event, channel, params_json, state, attempts, next_attempt_at, created_at, recipient)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT (tracking_id, event, channel) DO NOTHING`,
      [trackingId, event, channel, JSON.stringify(params), t, t, recipient],
    );
    if (changes) await this.ring();
  }

  /**
   * Only once the row is committed can the worker see it; nothing is woken on a rollback.
   * On PostgreSQL the sender may be another process: NOTIFY rings every process at commit.
   */
  private async ring(): Promise<void> {
    if (this.db.dialect === 'postgres') await this.db.notify(NOTIFY_CHANNEL);
    else this.db.afterCommit(() => this.onQueued());
  }
}
