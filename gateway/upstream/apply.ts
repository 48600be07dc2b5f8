/**
 * What LAPOR! says about a complaint → our report, in one transaction: new institution
 * follow-ups become responses, and LAPOR!'s statuses become our transitions AT LAPOR!'s
 * OWN TIMES, so the SLA clocks (computed from transitions) run on LAPOR!'s clock.
 *
 * - an institution's follow-up → `responded` at its time (the citizen may reply);
 * - a disposition (LAPOR! hands the complaint to an institution) → `forwarded` to that
 *   institution at its time: it is not a response, and it starts `lapor.followup`;
 * - Dalam Proses → `in_progress`; Selesai → `completed`; Ditolak / Diarsipkan → `archived`
 *   with LAPOR!'s note; Tunda → `on_hold`, released when LAPOR! moves on;
 * - never backwards along the path, never out of a local on_hold (an admin's decision),
 *   and a time is kept between the previous transition and now so the history stays in order.
 *
 * Cost is linear in the follow-ups applied: each is one insert (response) and one
 * timeline row; the report is rebuilt only for the few status changes and ONCE for all
 * new responses of a poll together (one `report.response_added` event, not one per
 * follow-up: rebuilding the whole report per follow-up made 1,000 of them quadratic).
 */
import type { ReportStatus } from '../../src/contract/index.js';
import type { LoggedEvent } from '../services/events.js';
import type { ReportService } from '../services/reports.js';
import { randomId } from '../services/secrets.js';
import { nextDueAt, type Transition } from '../services/sla.js';
import type { ReportRow } from '../services/store.js';
import type { UpstreamDetail, UpstreamFollowup, UpstreamInstitutionRef, UpstreamMilestone } from './adapter.js';
import type { UpstreamQueue } from './queue.js';

const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];
const FINAL: readonly ReportStatus[] = ['completed', 'archived', 'on_hold'];

function ahead(from: ReportStatus, to: ReportStatus): boolean {
  if (FINAL.includes(from)) return false;
  return to === 'archived' || PATH.indexOf(to) > PATH.indexOf(from);
}

export interface UpstreamNews {
  detail: UpstreamDetail;
  /** Follow-ups not applied before (the forwarder filters known ones and caps the count). */
  followups: UpstreamFollowup[];
  /** Texts we pushed ourselves: LAPOR! lists them back; they are not responses. */
  ownTexts: ReadonlySet<string>;
  /** LAPOR!'s status name → ours (the adapter knows the names). */
  statusOf: (name: string | null) => ReportStatus | undefined;
  /** A LAPOR! institution → ours, when we know it. */
  institutionOf: (ref: UpstreamInstitutionRef) => string | undefined;
  /**
   * Log `report.response_added` for the new responses (default). A poll applying its
   * follow-ups in several batches announces with the last one: the event carries the whole
   * report, and rebuilding it per batch is what made many follow-ups slow.
   */
  announce?: boolean;
}

/**
 * Returns the report's status afterwards. Only database work inside the transaction: the
 * LAPOR! reads it applies were made before.
 */
export async function applyUpstream(reports: ReportService, queue: UpstreamQueue, trackingId: string, news: UpstreamNews): Promise<ReportStatus> {
  const { store } = reports;
  const { detail } = news;
  const { status } = await reports.commit(async () => {
    // Read FOR UPDATE first: on PostgreSQL this takes the report's row lock before anything
    // else. A forwarder that just lost the lead, applying the same poll, waits here and then
    // reads what we wrote; and an admin's change of this report (its row, then the event
    // log's lock) cannot deadlock with us taking the same two locks the other way round.
    let row = (await store.reportForUpdate(trackingId))!;
    const laporHeld = row.status === 'on_hold' && news.statusOf(row.upstream_status) === 'on_hold';
    await queue.setUpstreamStatus(trackingId, detail.statusName);
    const events: LoggedEvent[] = [];
    const now = reports.now();
    const milestones: UpstreamMilestone[] = [...detail.milestones];
    let responses = 0;
    let lastResponseAt = '';
    for (const f of news.followups) {
      if (f.kind === 'disposition') {
        milestones.push({ status: 'forwarded', at: f.at, ...(f.institutionTo ? { institution: f.institutionTo } : {}) });
        continue;
      }
      if (f.kind === 'status') {
        if (f.statusChange) milestones.push({ status: f.statusChange, at: f.at, ...(f.statusChange === 'archived' ? { reason: f.message || undefined } : {}) });
        continue;
      }
      if (!f.message || news.ownTexts.has(f.message)) continue;
      const at = f.at.toISOString();
      const { changes: inserted } = await store.insertResponse({
        id: randomId('rsp', 9),
        tracking_id: trackingId,
        at,
        author: 'agency',
        institution_name: f.institutionName,
        message: f.message,
        upstream_ref: f.ref,
      });
      if (!inserted) continue;
      await reports.addTimeline(trackingId, { at, type: 'response', institutionName: f.institutionName });
      milestones.push({ status: 'responded', at: f.at });
      responses++;
      if (at > lastResponseAt) lastResponseAt = at;
    }
    milestones.sort((a, b) => (a.at ?? now).getTime() - (b.at ?? now).getTime());

    let moved: ReturnType<ReportService['recomputeClocks']> | undefined;
    const move = async (to: ReportStatus, when: Date | undefined, extra: { reason?: string; institution?: UpstreamInstitutionRef; release?: boolean } = {}) => {
      const from = row.status as ReportStatus;
      const transitions = JSON.parse(row.transitions_json) as Transition[];
      const previous = new Date(transitions.at(-1)!.at).getTime();
      const at = new Date(Math.min(now.getTime(), Math.max(previous, (when ?? now).getTime()))).toISOString();
      const ours = to === 'forwarded' && extra.institution ? news.institutionOf(extra.institution) : undefined;
      const institutionId = ours ?? row.institution_id;
      transitions.push(to === 'forwarded' ? { status: to, at, institutionId } : { status: to, at });
      const next: ReportRow = {
        ...row,
        status: to,
        institution_id: institutionId,
        held_from: to === 'on_hold' ? from : null,
        status_reason: to === 'archived' || to === 'on_hold' ? (extra.reason ?? null) : extra.release ? null : row.status_reason,
        transitions_json: JSON.stringify(transitions),
        updated_at: now.toISOString(),
      };
      const clocks = reports.recomputeClocks(next);
      // Issue 28: the next check also wakes for the report's escalation steps.
      row = { ...next, clocks_json: JSON.stringify(clocks), next_due_at: nextDueAt(clocks), next_check_at: reports.checkAt(next.institution_id, clocks) };
      await store.updateState(row);
      await reports.addTimeline(trackingId, {
        at,
        type: 'status',
        status: to,
        from,
        institutionName: to === 'forwarded' ? (extra.institution?.name ?? null) : null,
        note: extra.reason ?? 'LAPOR!',
      });
      events.push(await reports.logEvent(trackingId, 'report.status_changed', at, { from, to }));
      moved = clocks;
    };

    // LAPOR! put it on hold earlier and has moved on: back to where it was, then onwards.
    if (laporHeld && detail.status !== 'on_hold' && row.held_from) {
      const when = milestones.filter((m) => m.status === detail.status && m.at).at(-1)?.at;
      await move(row.held_from as ReportStatus, when, { release: true });
    }
    for (const m of milestones) {
      if (m.status === 'on_hold' || !ahead(row.status as ReportStatus, m.status)) continue;
      await move(m.status, m.at, { reason: m.reason, institution: m.institution });
    }
    // LAPOR! holds it now (its current status, not an old log: a hold it released is history).
    if (detail.status === 'on_hold' && !FINAL.includes(row.status as ReportStatus)) {
      const hold = milestones.filter((m) => m.status === 'on_hold').at(-1);
      await move('on_hold', hold?.at, { reason: hold?.reason ?? (detail.note ? `${detail.statusName}: ${detail.note}` : detail.statusName) });
    }
    if (responses && news.announce !== false) events.push(await reports.logEvent(trackingId, 'report.response_added', lastResponseAt));
    // Only the clocks after every step count: an intermediate state seen "now" would look
    // breached although LAPOR! stopped the clock in time.
    if (moved) events.push(...(await reports.announceBreaches(trackingId, moved, now.toISOString())));
    return { events, status: row.status as ReportStatus };
  });
  return status;
}
