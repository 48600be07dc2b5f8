/**
 * Rows → the contract's Report (citizen) and AdminReport. The citizen view is built from
 * an explicit list of fields, so the reporter can never slip into it.
 */
import type { AdminReport, Attachment, Clock, Rating, Report, Reporter } from '../../src/contract/index.js';
import type { AttachmentRow, ReportRow, ResponseRow, Store, TimelineRow } from './store.js';

export type ReportView = Omit<Report, 'serverTime'>;

/** Reads the report's attachments, timeline and responses (three queries). */
export async function buildReport(store: Store, row: ReportRow): Promise<ReportView> {
  // Together: on the pool outside a transaction; inside one the driver queues them on its
  // connection (db/postgres.ts).
  const [attachments, timeline, responses] = await Promise.all([
    store.attachmentsOf(row.tracking_id),
    store.timeline(row.tracking_id),
    store.responses(row.tracking_id),
  ]);
  return reportView(store, row, attachments, timeline, responses);
}

/** The citizen's view of a report from its rows (the submit path has them all in hand). */
export function reportView(
  store: Store,
  row: ReportRow,
  attachments: readonly AttachmentRow[],
  timeline: readonly TimelineRow[],
  responses: readonly ResponseRow[],
): ReportView {
  const clocks = JSON.parse(row.clocks_json) as Clock[];
  const close = clocks.find((c) => c.id === 'lapor.close');
  const institution = row.institution_id ? store.institutions.get(row.institution_id) ?? null : null;
  return {
    trackingId: row.tracking_id,
    laporId: row.lapor_id,
    status: row.status as Report['status'],
    classification: row.classification as Report['classification'],
    title: row.title,
    body: row.body,
    incidentDate: row.incident_date,
    location: JSON.parse(row.location_json) as Report['location'],
    institution,
    categoryId: row.category_id,
    attachments: attachments.map(
      (a): Attachment => ({ id: a.id, name: a.name, mime: a.mime as Attachment['mime'], bytes: a.bytes }),
    ),
    anonymous: row.anonymous === 1,
    secret: row.secret === 1,
    channel: row.channel as Report['channel'],
    timeline: timeline.map((t) => ({
      id: t.id,
      at: t.at,
      type: t.type as Report['timeline'][number]['type'],
      ...(t.status ? { status: t.status as Report['status'] } : {}),
      ...(t.type === 'status' ? { from: t.from_status as Report['status'] | null } : {}),
      institutionName: t.institution_name,
      note: t.note,
    })),
    responses: responses.map((r) => ({
      id: r.id,
      at: r.at,
      author: r.author as 'agency' | 'citizen',
      institutionName: r.institution_name,
      message: r.message,
    })),
    clocks,
    upstream: {
      state: row.upstream_state as Report['upstream']['state'],
      laporId: row.lapor_id,
      syncedAt: row.upstream_synced_at,
    },
    statusReason: row.status_reason,
    rating: row.rating_json ? (JSON.parse(row.rating_json) as Rating) : null,
    replyUntil: row.status === 'responded' && close && !close.stoppedAt ? close.dueAt : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function buildAdminReport(store: Store, row: ReportRow, serverTime: string): Promise<AdminReport> {
  return {
    ...(await buildReport(store, row)),
    serverTime,
    institutionId: row.institution_id,
    reporter: publicReporter(row),
    nextDueAt: row.next_due_at,
  };
}

/**
 * The reporter as anyone but the citizen may see it: admins (detail, queue, exports) and
 * LAPOR! upstream. Anonim in LAPOR!'s sense means the institution reported on never
 * learns who reported, so an anonymous report has no reporter outside the gateway; what
 * is kept of it (storedReporter) serves only the citizen's own notifications.
 */
export function publicReporter(row: Pick<ReportRow, 'anonymous' | 'reporter_json'>): Reporter | null {
  if (row.anonymous === 1 || !row.reporter_json) return null;
  return JSON.parse(row.reporter_json) as Reporter;
}

/**
 * What is stored of the reporter at submit. Anonymous: no name, only the contact details
 * notifications can use (and, once the form sends `notify`, only those the citizen
 * consented to), so a leak of the database does not name the reporter either.
 */
export function storedReporter(input: { anonymous: boolean; reporter?: Reporter | undefined }): Reporter | null {
  const r = input.reporter;
  if (!r) return null;
  if (!input.anonymous) return r;
  const notify = (input as { notify?: readonly string[] }).notify;
  const kept: Reporter = {
    ...(r.phone && (!notify || notify.includes('whatsapp')) ? { phone: r.phone } : {}),
    ...(r.email && (!notify || notify.includes('email')) ? { email: r.email } : {}),
  };
  return Object.keys(kept).length ? kept : null;
}
