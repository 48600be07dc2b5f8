/**
 * The escalation chain (issue 28): before (and after) a report's `local.handle` deadline,
 * messages go to the institution's admins, its head and the regent's office, as
 * LAPOR_ESCALATION says, until someone takes the report up.
 *
 * - Times: each step is `at` minutes from the report's current local.handle deadline
 *   (which already counts service hours where the unit declares them). A step to `head`
 *   or `regent` that falls outside the recipient's service hours waits for the next
 *   opening, unless it is `urgent`.
 * - Who: the chain and the contacts of the report's CURRENT institution, so after a
 *   forward the new institution's chain applies (its steps already due fire at once).
 * - Once: the breach scheduler (one process: `db.leader('scheduler')`) calls `fire` in
 *   the transaction that looks at the report; a step fires by inserting its
 *   `escalations` row (primary key report + institution + step, ON CONFLICT DO NOTHING)
 *   together with its messages in the notification outbox, whose worker sends each
 *   message once (notify/worker.ts). Restarts and a second process find the row.
 * - Catching up: when several steps to the same recipient are due at once (the gateway
 *   was down, or the report arrived late in the chain by a forward), only the latest
 *   goes; the others are recorded as skipped.
 * - Cancelled: once local.handle stops (start, respond, complete, archive, or the same
 *   from LAPOR!) or pauses (hold), no step fires and messages not yet sent are cancelled.
 * - Seen: steps are listed in the admin's view of the report (`view`), never the citizen's.
 */
import type { AdminReport, Clock } from '../../src/contract/index.js';
import { nextOpening, withServiceHours } from '../../src/sla/index.js';
import type { Db } from '../db/index.js';
import type { NotifyOutbox } from '../notify/outbox.js';
import { calendarFor } from '../services/sla.js';
import type { ReportRow, Store } from '../services/store.js';
import { chainFor, contactsFor, type EscalationConfig, type EscalationRole, type EscalationStep } from './config.js';

const MINUTE = 60_000;

export type EscalationEntry = NonNullable<AdminReport['escalations']>[number];

/** A step of the chain that applies now, with its times. */
export interface PlannedStep {
  step: EscalationStep;
  /** Deadline + at. */
  dueAt: number;
  /** When it goes out: dueAt, or the next opening of the recipient's service hours. */
  sendAt: number;
}

interface FiredRow {
  institution_id: string;
  step: string;
  due_at: string;
  fired_at: string;
  state: 'queued' | 'no_contact' | 'skipped';
  recipients: number;
}

interface MessageRow {
  event: string;
  channel: 'email' | 'whatsapp';
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  sent_at: number | null;
}

/** The params a staff message row carries (rendered by escalation/messages.ts when it is sent). */
export interface EscalationParams extends Record<string, string> {
  kind: 'escalation';
  role: EscalationRole;
  /** The report's local.handle deadline (ISO) and its zone. */
  dueAt: string;
  timeZone: string;
  institution: string;
  category: string;
  /** The limit in hours, and '1' when it counts in service hours. */
  limit: string;
  service: string;
  lang: string;
}

const handleOf = (clocks: readonly Clock[]) => clocks.find((c) => c.id === 'local.handle');
/** Counting: not stopped, not paused (a running clock, or one past due and still open). */
const counting = (c: Clock | undefined): c is Clock => !!c && !c.stoppedAt && c.state !== 'paused' && c.state !== 'met';
const stepKey = (institutionId: string | null, key: string) => `${institutionId ?? ''}\u0000${key}`;

export class EscalationService {
  constructor(
    private readonly db: Db,
    private readonly store: Store,
    private readonly outbox: NotifyOutbox,
    readonly config: EscalationConfig,
  ) {}

  /** The chain that applies to a report with `institutionId` and these clocks, with its times ([] once handling started or while on hold). */
  plan(institutionId: string | null, clocks: readonly Clock[]): PlannedStep[] {
    const handle = handleOf(clocks);
    if (!counting(handle)) return [];
    return this.times(institutionId, handle);
  }

  private times(institutionId: string | null, handle: Clock): PlannedStep[] {
    const deadline = Date.parse(handle.dueAt);
    return chainFor(this.config, institutionId).map((step) => {
      const dueAt = deadline + step.at * MINUTE;
      return { step, dueAt, sendAt: this.held(step, institutionId, dueAt) };
    });
  }

  /** A step to `head` or `regent` outside the recipient's service hours waits for their next opening (not when urgent). */
  private held(step: EscalationStep, institutionId: string | null, at: number): number {
    if (step.urgent || step.to === 'institution') return at;
    const inst = institutionId ? this.store.institutions.get(institutionId) : undefined;
    const hours = step.to === 'head' ? inst?.serviceHours : this.config.regentHours;
    if (!hours) return at;
    return nextOpening(withServiceHours(calendarFor(inst?.timeZone ?? 'Asia/Jakarta'), hours), at).getTime();
  }

  /**
   * When the scheduler must look at this report again for its escalation: the first step
   * time after `after` (the scheduler, which has just fired what was due), or the first
   * of all (a change of clocks or institution: the next pass sorts out what has fired).
   */
  nextAt(institutionId: string | null, clocks: readonly Clock[], after?: number): string | null {
    let best = Infinity;
    for (const p of this.plan(institutionId, clocks)) if ((after === undefined || p.sendAt > after) && p.sendAt < best) best = p.sendAt;
    return best === Infinity ? null : new Date(best).toISOString();
  }

  /**
   * Inside the transaction that looks at the report (the breach scheduler's): fire every
   * step due by `now` that has not fired; resolves with how many were queued to someone.
   */
  async fire(row: ReportRow, clocks: readonly Clock[], now: Date): Promise<number> {
    const at = now.getTime();
    const institutionId = row.institution_id;
    const due = this.plan(institutionId, clocks).filter((p) => p.sendAt <= at);
    if (!due.length) return 0;
    // Several steps to one recipient due at once: the latest says it all.
    const latest = new Map<EscalationRole, PlannedStep>();
    for (const p of due) if (!latest.has(p.step.to) || latest.get(p.step.to)!.dueAt <= p.dueAt) latest.set(p.step.to, p);
    const handle = handleOf(clocks)!;
    let queued = 0;
    for (const p of due) {
      const superseded = latest.get(p.step.to) !== p;
      const recipients = superseded ? [] : contactsFor(this.config, p.step.to, institutionId).filter((c) => this.outbox.channels.has(c.channel));
      const state = superseded ? 'skipped' : recipients.length ? 'queued' : 'no_contact';
      const { changes } = await this.db.run(
        `INSERT INTO escalations (tracking_id, institution_id, step, due_at, fired_at, state, recipients) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tracking_id, institution_id, step) DO NOTHING`,
        [row.tracking_id, institutionId ?? '', p.step.key, new Date(p.sendAt).toISOString(), now.toISOString(), state, recipients.length],
      );
      // Fired before (an earlier pass, a restart, another process): never twice.
      if (changes === 0 || !recipients.length) continue;
      for (const contact of recipients) {
        const params: EscalationParams = {
          kind: 'escalation',
          role: p.step.to,
          dueAt: handle.dueAt,
          timeZone: handle.timeZone,
          institution: (institutionId && this.store.institutions.get(institutionId)?.name) || '',
          category: (row.category_id && this.store.categories.get(row.category_id)?.name[contact.lang]) || '',
          limit: String(handle.limit.amount),
          service: handle.serviceHours ? '1' : '',
          lang: contact.lang,
        };
        await this.outbox.queueStaff(row.tracking_id, `esc:${institutionId ?? ''}:${p.step.key}:${contact.address}`, contact.channel, contact.address, params);
      }
      queued++;
    }
    return queued;
  }

  /**
   * At start: every report still waiting to be taken up is looked at by the next pass, so
   * a changed LAPOR_ESCALATION applies at once (steps already due fire, once).
   */
  async lookAgain(now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db.run(
      `UPDATE reports SET next_check_at = ? WHERE status IN ('submitted', 'verified', 'forwarded') AND (next_check_at IS NULL OR next_check_at > ?)`,
      [at, at],
    );
  }

  /**
   * After a status change, inside its transaction (`row` as it now is): once local.handle
   * stops or pauses, staff messages not yet sent are cancelled.
   */
  async onStatusChange(row: ReportRow): Promise<void> {
    if (counting(handleOf(JSON.parse(row.clocks_json) as Clock[]))) return;
    await this.db.run(`UPDATE notifications SET state = 'cancelled' WHERE tracking_id = ? AND recipient IS NOT NULL AND state = 'pending'`, [row.tracking_id]);
  }

  /**
   * The report's escalation as the admin console shows it: every step that fired (for
   * whichever institution it was with then) with its messages' state, then the steps of
   * the current chain still to come (or cancelled, once the report was taken up).
   */
  async view(row: ReportRow, clocks: readonly Clock[], now: number): Promise<EscalationEntry[]> {
    const [fired, messages] = await Promise.all([
      this.db.all<FiredRow>('SELECT institution_id, step, due_at, fired_at, state, recipients FROM escalations WHERE tracking_id = ?', [row.tracking_id]),
      this.db.all<MessageRow>(`SELECT event, channel, state, sent_at FROM notifications WHERE tracking_id = ? AND recipient IS NOT NULL`, [row.tracking_id]),
    ]);
    const handle = handleOf(clocks);
    const deadline = handle ? Date.parse(handle.dueAt) : now;
    const out: EscalationEntry[] = [];
    const seen = new Set<string>();
    for (const f of fired) {
      const institutionId = f.institution_id || null;
      const step = this.describe(institutionId, f.step);
      const mine = messages.filter((m) => m.event.startsWith(`esc:${f.institution_id}:${f.step}:`));
      seen.add(stepKey(institutionId, f.step));
      out.push({
        institutionId,
        ...step,
        dueAt: new Date(deadline + step.at * MINUTE).toISOString(),
        sendAt: f.due_at,
        state: f.state === 'queued' ? messageState(mine) : f.state,
        firedAt: f.fired_at,
        sentAt: mine.some((m) => m.sent_at) ? new Date(Math.max(...mine.map((m) => m.sent_at ?? 0))).toISOString() : null,
        recipients: f.recipients,
        channels: [...new Set(mine.map((m) => m.channel))],
      });
    }
    if (handle) {
      const open = counting(handle);
      for (const p of this.times(row.institution_id, handle)) {
        if (seen.has(stepKey(row.institution_id, p.step.key))) continue;
        const recipients = contactsFor(this.config, p.step.to, row.institution_id).filter((c) => this.outbox.channels.has(c.channel));
        out.push({
          institutionId: row.institution_id,
          at: p.step.at,
          to: p.step.to,
          urgent: p.step.urgent,
          dueAt: new Date(p.dueAt).toISOString(),
          sendAt: new Date(p.sendAt).toISOString(),
          state: handle.state === 'paused' ? 'paused' : !open ? 'cancelled' : p.sendAt > p.dueAt ? 'held' : 'planned',
          firedAt: null,
          sentAt: null,
          recipients: recipients.length,
          channels: [...new Set(recipients.map((c) => c.channel))],
        });
      }
    }
    return out.sort((a, b) => Date.parse(a.sendAt) - Date.parse(b.sendAt) || a.at - b.at);
  }

  /** A fired step's `at`, `to` and `urgent`, from its key (and the chain, which may have changed since). */
  private describe(institutionId: string | null, key: string): Pick<EscalationEntry, 'at' | 'to' | 'urgent'> {
    const known = chainFor(this.config, institutionId).find((s) => s.key === key);
    if (known) return { at: known.at, to: known.to, urgent: known.urgent };
    const [at, to] = key.split(':');
    return { at: Number.parseInt(at!, 10) || 0, to: to as EscalationRole, urgent: false };
  }
}

/** A fired step's state from its messages: sent once any went out; queued while any may still go. */
function messageState(messages: readonly MessageRow[]): EscalationEntry['state'] {
  if (messages.some((m) => m.state === 'sent')) return 'sent';
  if (messages.some((m) => m.state === 'pending' || m.state === 'sending')) return 'queued';
  if (messages.length && messages.every((m) => m.state === 'cancelled')) return 'cancelled';
  return 'failed';
}
