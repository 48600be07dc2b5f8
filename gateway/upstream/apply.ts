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
import { nextCheckAt, nextDueAt, type Transition } from '../services/sla.js';
import type { UpstreamDetail, UpstreamFollowup, UpstreamMilestone } from './adapter.js';

const PATH: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded', 'completed'];
const FINAL: readonly ReportStatus[] = ['completed', 'archived', 'on_hold'];

function ahead(from: ReportStatus, to: ReportStatus): boolean {
  if (FINAL.includes(from)) return false;
  return to === 'archived' || PATH.indexOf(to) > PATH.indexOf(from);
}

/** Returns the report's status afterwards. */
export function applyUpstream(
  reports: ReportService,
  trackingId: string,
  detail: UpstreamDetail,
  followups: UpstreamFollowup[],
  ownTexts: ReadonlySet<string>,
): ReportStatus {
  const { store } = reports;
  return reports.commit(() => {
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
      const inserted = store.q.insertResponse.run({
        id: randomId('rsp', 9),
        tracking_id: trackingId,
        at,
        author: 'agency',
        institution_name: f.institutionName,
        message: f.message,
        upstream_ref: f.ref,
      }).changes;
      if (!inserted) continue;
      reports.addTimeline(trackingId, { at, type: 'response', institutionName: f.institutionName });
      events.push(reports.logEvent(trackingId, 'report.response_added', at));
      milestones.push({ status: 'responded', at: f.at });
    }
    milestones.sort((a, b) => (a.at ?? now).getTime() - (b.at ?? now).getTime());
    let moved: ReturnType<ReportService['recomputeClocks']> | undefined;
    for (const m of milestones) {
      const row = store.q.report.get(trackingId)!;
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
      store.q.updateState.run({ ...next, clocks_json: JSON.stringify(clocks), next_due_at: nextDueAt(clocks), next_check_at: nextCheckAt(clocks) });
      reports.addTimeline(trackingId, { at, type: 'status', status: m.status, from, note: m.status === 'archived' ? m.reason ?? 'LAPOR!' : 'LAPOR!' });
      events.push(reports.logEvent(trackingId, 'report.status_changed', at, { from, to: m.status }));
      moved = clocks;
    }
    // Only the clocks after every step count: an intermediate state seen "now" would look
    // breached although LAPOR! stopped the clock in time.
    if (moved) events.push(...reports.announceBreaches(trackingId, moved, now.toISOString()));
    reports.store.db.prepare('UPDATE reports SET upstream_status = ? WHERE tracking_id = ?').run(detail.statusName, trackingId);
    return { events, status: store.q.report.get(trackingId)!.status as ReportStatus };
  }).status;
}
