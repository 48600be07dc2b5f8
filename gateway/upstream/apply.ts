/**
 * What LAPOR! says about a complaint → our report, in one transaction: new institution
 * follow-ups become responses, and LAPOR!'s statuses become our transitions AT LAPOR!'s
 * OWN TIMES, so the SLA clocks (computed from transitions) run on LAPOR!'s clock.
 *
 * - an institution's follow-up → `responded` at its time (the citizen may reply);
 * - Dalam Proses → `in_progress`; Selesai → `completed`; Ditolak / Diarsipkan → `archived`
 *   with the reason; a disposition → `forwarded`;
 * - never backwards along the path, never out of on_hold (a local decision), and a time is
 *   kept between the previous transition and now so the history stays in order.
 * Follow-ups we pushed ourselves come back in the list: they are recognised by their text
 * and not shown twice.
 */
import type { ReportStatus } from '../../src/contract/index.js';
import type { LoggedEvent } from '../services/events.js';
import type { ReportService } from '../services/reports.js';
import { randomId } from '../services/secrets.js';
import { nextDueAt, type Transition } from '../services/sla.js';
import type { UpstreamDetail, UpstreamFollowup, UpstreamMilestone } from './adapter.js';
import type { UpstreamQueue } from './queue.js';

const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];
const FINAL: readonly ReportStatus[] = ['completed', 'archived', 'on_hold'];

function ahead(from: ReportStatus, to: ReportStatus): boolean {
  if (FINAL.includes(from)) return false;
  return to === 'archived' || PATH.indexOf(to) > PATH.indexOf(from);
}

/**
 * Returns the report's status afterwards. Only database work inside the transaction: the
 * LAPOR! reads it applies were made before.
 */
export async function applyUpstream(
  reports: ReportService,
  queue: UpstreamQueue,
  trackingId: string,
  detail: UpstreamDetail,
  followups: UpstreamFollowup[],
  ownTexts: ReadonlySet<string>,
): Promise<ReportStatus> {
  const { store } = reports;
  const { status } = await reports.commit(async () => {
    // Written first: on PostgreSQL this takes the report's row lock before anything else.
    // A forwarder that just lost the lead, applying the same poll, waits here and then
    // reads what we wrote; and an admin's change of this report (its row, then the event
    // log's lock) cannot deadlock with us taking the same two locks the other way round.
    await queue.setUpstreamStatus(trackingId, detail.statusName);
    const events: LoggedEvent[] = [];
    const now = reports.now();
    const milestones: UpstreamMilestone[] = [...detail.milestones];
    for (const f of followups) {
      if (f.statusChange) {
        milestones.push({ status: f.statusChange, at: f.at, ...(f.statusChange === 'archived' ? { reason: f.message || undefined } : {}) });
        continue;
      }
      if (!f.message || ownTexts.has(f.message)) continue;
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
      events.push(await reports.logEvent(trackingId, 'report.response_added', at));
      milestones.push({ status: 'responded', at: f.at });
    }
    milestones.sort((a, b) => (a.at ?? now).getTime() - (b.at ?? now).getTime());
    let moved: ReturnType<ReportService['recomputeClocks']> | undefined;
    for (const m of milestones) {
      const row = (await store.report(trackingId))!;
      const from = row.status as ReportStatus;
      if (!ahead(from, m.status)) continue;
      const transitions = JSON.parse(row.transitions_json) as Transition[];
      const previous = new Date(transitions.at(-1)!.at).getTime();
      const at = new Date(Math.min(now.getTime(), Math.max(previous, (m.at ?? now).getTime()))).toISOString();
      transitions.push(m.status === 'forwarded' ? { status: m.status, at, institutionId: row.institution_id } : { status: m.status, at });
      const next = {
        ...row,
        status: m.status,
        held_from: null,
        status_reason: m.status === 'archived' ? m.reason ?? null : row.status_reason,
        transitions_json: JSON.stringify(transitions),
        updated_at: now.toISOString(),
      };
      const clocks = reports.recomputeClocks(next);
      await store.updateState({ ...next, clocks_json: JSON.stringify(clocks), next_due_at: nextDueAt(clocks), next_check_at: reports.checkAt(next.institution_id, clocks) });
      await reports.addTimeline(trackingId, { at, type: 'status', status: m.status, from, note: m.status === 'archived' ? m.reason ?? 'LAPOR!' : 'LAPOR!' });
      events.push(await reports.logEvent(trackingId, 'report.status_changed', at, { from, to: m.status }));
      moved = clocks;
    }
    // Only the clocks after every step count: an intermediate state seen "now" would look
    // breached although LAPOR! stopped the clock in time.
    if (moved) events.push(...(await reports.announceBreaches(trackingId, moved, now.toISOString())));
    return { events, status: (await store.report(trackingId))!.status as ReportStatus };
  });
  return status;
}
