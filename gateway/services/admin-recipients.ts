/**
 * Who hears of a change on the admin stream (admin-stream.ts), decided by who may see the
 * report NOW, as `GET /v1/admin/reports/{id}` decides (admin.ts canSee): its institution
 * today, and super admins. Every frame carries the report as it is now, so an
 * institution that no longer holds the report must not get one: before, recipients were
 * picked by the owner at the time of each event, and Dinas Kesehatan, having forwarded a
 * report to Kecamatan Genteng, replayed from `0-0` the current report with the
 * Kecamatan's response in it, for as long as it liked.
 *
 * One exception, so a console can drop a report from its queue: the institution a
 * forward takes the report FROM hears of that forward, with the report as it was at that
 * moment (its timeline and responses up to the forward, its clocks at the forward, the
 * new institution it went to) and nothing after it.
 */
import type { Clock, Institution } from '../../src/contract/index.js';
import { clocksFor, type Transition } from './sla.js';
import type { ReportRow, Store } from './store.js';
import type { ReportView } from './views.js';

/** A forward away from `from`, as the event log has it (`report.status_changed` to `forwarded`). */
export interface ForwardAway {
  /** The institution that held the report until this forward. */
  from: string;
  /** The report as it was right after the forward (at `at`). */
  view: ReportView;
}

/**
 * For a `report.status_changed` → `forwarded` event at `at`: the institution it left and
 * the report as of then; undefined when it was not a forward away from someone who no
 * longer holds it.
 */
export function forwardAway(store: Store, row: ReportRow, now: ReportView, at: string): ForwardAway | undefined {
  const transitions = JSON.parse(row.transitions_json) as Stored[];
  // The forward this event logged: the last forward at or before its time.
  let index = -1;
  for (let i = 0; i < transitions.length; i++) if (transitions[i]!.status === 'forwarded' && transitions[i]!.at <= at) index = i;
  if (index < 0) return undefined;
  let from: string | null | undefined;
  for (let i = index - 1; i >= 0 && from === undefined; i--) if ('institutionId' in transitions[i]!) from = transitions[i]!.institutionId;
  const to = transitions[index]!.institutionId ?? null;
  if (!from || from === to || from === row.institution_id) return undefined;
  return { from, view: asOf(store, now, transitions.slice(0, index + 1), to) };
}

/** A transition as stored in transitions_json (ISO times). */
type Stored = Transition & { at: string; institutionId?: string | null };

/** The report as it was once `upTo` (the transitions so far) had happened. */
function asOf(store: Store, now: ReportView, upTo: Stored[], institutionId: string | null): ReportView {
  const at = upTo.at(-1)!.at;
  const institution: Institution | null = institutionId ? store.institutions.get(institutionId) ?? null : null;
  const clocks: Clock[] = clocksFor(institution?.kind ?? 'opd', institution?.timeZone ?? 'Asia/Jakarta', upTo, new Date(at));
  return {
    ...now,
    status: 'forwarded',
    institution,
    timeline: now.timeline.filter((t) => t.at <= at),
    responses: now.responses.filter((r) => r.at <= at),
    clocks,
    statusReason: null,
    rating: null,
    replyUntil: null,
    updatedAt: at,
  };
}
