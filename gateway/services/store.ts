/**
 * Rows and statements shared by the services, plus the reference data (which
 * only changes at seed time) cached in memory for validation and views.
 */
import type { Category, Institution, InstitutionContact, Location } from '../../src/contract/index.js';
import type { RoutingRule } from '../reference-data.js';
import { bareHours, type SourcedServiceHours } from './service-hours.js';
import type { Db, RunResult } from '../db/index.js';

export interface ReportRow {
  tracking_id: string;
  access_hash: Buffer;
  /** Migration 006: the saved code while a new one from "Lupa kode akses?" waits for its first use. */
  previous_access_hash?: Buffer | null;
  status: string;
  held_from: string | null;
  status_reason: string | null;
  classification: string;
  title: string;
  body: string;
  incident_date: string | null;
  location_json: string;
  institution_id: string | null;
  category_id: string | null;
  anonymous: number;
  secret: number;
  channel: string;
  site_key: string;
  reporter_json: string | null;
  transitions_json: string;
  clocks_json: string;
  next_due_at: string | null;
  next_check_at: string | null;
  rating_json: string | null;
  lapor_id: string | null;
  upstream_state: string;
  upstream_synced_at: string | null;
  upstream_status: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 003 (notify/): consented channels, message language, contact erasure time. */
  notify_json?: string | null;
  lang?: string;
  contact_erase_at?: string | null;
}

export interface TimelineRow {
  id: string;
  at: string;
  type: string;
  status: string | null;
  from_status: string | null;
  institution_name: string | null;
  note: string | null;
}

export interface ResponseRow {
  id: string;
  at: string;
  author: string;
  institution_name: string | null;
  message: string;
}

export interface AttachmentRow {
  id: string;
  name: string;
  mime: string;
  bytes: number;
  file: string;
  site_key: string;
  tracking_id: string | null;
  created_at: string;
}

/** The fields of a new report row (the rest keep their column defaults). */
export type NewReportRow = Pick<
  ReportRow,
  | 'tracking_id' | 'access_hash' | 'status' | 'classification' | 'title' | 'body' | 'incident_date' | 'location_json'
  | 'institution_id' | 'category_id' | 'anonymous' | 'secret' | 'channel' | 'site_key' | 'reporter_json'
  | 'transitions_json' | 'clocks_json' | 'next_due_at' | 'next_check_at' | 'upstream_state' | 'created_at' | 'updated_at'
> & { lang: string };

export type StateRow = Pick<
  ReportRow,
  'tracking_id' | 'status' | 'held_from' | 'status_reason' | 'institution_id' | 'transitions_json' | 'clocks_json' | 'next_due_at' | 'next_check_at' | 'updated_at'
>;

export interface ClocksRow {
  tracking_id: string;
  clocks_json: string;
  next_due_at: string | null;
  next_check_at: string | null;
}

export interface NewResponseRow {
  id: string;
  tracking_id: string;
  at: string;
  author: string;
  institution_name: string | null;
  message: string;
  upstream_ref: string | null;
}

export type NewTimelineRow = TimelineRow & { tracking_id: string };

/**
 * The statements the services share, as async methods over the `Db` (the same SQL text on
 * SQLite and PostgreSQL). Inside `db.transaction()` they join the transaction by themselves.
 */
export class Store {
  readonly institutions = new Map<string, Institution>();
  readonly categories = new Map<string, Category>();
  readonly locations = new Map<string, Location>();
  /** Where each institution's service hours come from (reference data `serviceHours.source`). */
  readonly serviceHoursSources = new Map<string, string>();
  /** The reference file's routing rules, in order (services/routing.ts applies them). */
  routing: RoutingRule[] = [];

  constructor(readonly db: Db) {}

  report(trackingId: string): Promise<ReportRow | undefined> {
    return this.db.get<ReportRow>('SELECT * FROM reports WHERE tracking_id = ?', [trackingId]);
  }

  /**
   * The report, to change it in this transaction: on PostgreSQL its row stays locked to
   * commit, so two processes changing one report (an admin's transition and the
   * forwarder's poll, say) take turns instead of both deciding from the same old status.
   * SQLite has one writer, so a plain read is already that.
   */
  reportForUpdate(trackingId: string): Promise<ReportRow | undefined> {
    return this.db.dialect === 'postgres'
      ? this.db.get<ReportRow>('SELECT * FROM reports WHERE tracking_id = ? FOR UPDATE', [trackingId])
      : this.report(trackingId);
  }

  /** False when the tracking id is taken (the caller draws another). */
  async insertReport(r: NewReportRow): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO reports (tracking_id, access_hash, status, classification, title, body,
        incident_date, location_json, institution_id, category_id, anonymous, secret, channel, site_key, reporter_json,
        transitions_json, clocks_json, next_due_at, next_check_at, upstream_state, created_at, updated_at, lang)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (tracking_id) DO NOTHING`,
      [
        r.tracking_id, r.access_hash, r.status, r.classification, r.title, r.body, r.incident_date, r.location_json,
        r.institution_id, r.category_id, r.anonymous, r.secret, r.channel, r.site_key, r.reporter_json, r.transitions_json,
        r.clocks_json, r.next_due_at, r.next_check_at, r.upstream_state, r.created_at, r.updated_at, r.lang,
      ],
    );
    return changes === 1;
  }

  async updateState(r: StateRow): Promise<void> {
    await this.db.run(
      `UPDATE reports SET status = ?, held_from = ?, status_reason = ?, institution_id = ?, transitions_json = ?,
        clocks_json = ?, next_due_at = ?, next_check_at = ?, updated_at = ? WHERE tracking_id = ?`,
      [r.status, r.held_from, r.status_reason, r.institution_id, r.transitions_json, r.clocks_json, r.next_due_at, r.next_check_at, r.updated_at, r.tracking_id],
    );
  }

  async updateClocks(r: ClocksRow): Promise<void> {
    await this.db.run('UPDATE reports SET clocks_json = ?, next_due_at = ?, next_check_at = ? WHERE tracking_id = ?', [
      r.clocks_json, r.next_due_at, r.next_check_at, r.tracking_id,
    ]);
  }

  timeline(trackingId: string): Promise<TimelineRow[]> {
    return this.db.all<TimelineRow>(
      'SELECT id, at, type, status, from_status, institution_name, note FROM timeline WHERE tracking_id = ? ORDER BY seq',
      [trackingId],
    );
  }

  async insertTimeline(t: NewTimelineRow): Promise<void> {
    await this.db.run(
      `INSERT INTO timeline (id, tracking_id, seq, at, type, status, from_status, institution_name, note)
        VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM timeline WHERE tracking_id = ?), ?, ?, ?, ?, ?, ?)`,
      [t.id, t.tracking_id, t.tracking_id, t.at, t.type, t.status, t.from_status, t.institution_name, t.note],
    );
  }

  responses(trackingId: string): Promise<ResponseRow[]> {
    return this.db.all<ResponseRow>(
      'SELECT id, at, author, institution_name, message FROM responses WHERE tracking_id = ? ORDER BY seq',
      [trackingId],
    );
  }

  /** `changes` is 0 when a response with this id or upstream_ref is already stored. */
  insertResponse(r: NewResponseRow): Promise<RunResult> {
    return this.db.run(
      `INSERT INTO responses (id, tracking_id, seq, at, author, institution_name, message, upstream_ref)
        VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses WHERE tracking_id = ?), ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING`,
      [r.id, r.tracking_id, r.tracking_id, r.at, r.author, r.institution_name, r.message, r.upstream_ref],
    );
  }

  attachmentsOf(trackingId: string): Promise<AttachmentRow[]> {
    return this.db.all<AttachmentRow>('SELECT * FROM attachments WHERE tracking_id = ? ORDER BY created_at, id', [trackingId]);
  }

  attachment(id: string): Promise<AttachmentRow | undefined> {
    return this.db.get<AttachmentRow>('SELECT * FROM attachments WHERE id = ?', [id]);
  }

  async insertAttachment(a: Omit<AttachmentRow, 'tracking_id'> & { created_at: string }): Promise<void> {
    await this.db.run(
      `INSERT INTO attachments (id, name, mime, bytes, file, site_key, tracking_id, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
      [a.id, a.name, a.mime, a.bytes, a.file, a.site_key, a.created_at],
    );
  }

  claimAttachment(trackingId: string, id: string): Promise<RunResult> {
    return this.db.run('UPDATE attachments SET tracking_id = ? WHERE id = ? AND tracking_id IS NULL', [trackingId, id]);
  }

  /** Reference data into memory, in the order of the imported file (`position`, then id). */
  async loadReference(): Promise<void> {
    const [institutions, categories, locations, routing] = await Promise.all([
      this.db.all<{ id: string; name: string; kind: string; time_zone: string; parent_id: string | null; contact_json: string | null; service_hours_json: string | null }>(
        'SELECT id, name, kind, time_zone, parent_id, contact_json, service_hours_json FROM institutions ORDER BY position, id',
      ),
      this.db.all<{ id: string; name_id: string; name_en: string; parent_id: string | null }>(
        'SELECT id, name_id, name_en, parent_id FROM categories ORDER BY position, id',
      ),
      this.db.all<Location>('SELECT id, name, path, kind FROM locations ORDER BY position, id'),
      this.db.all<{ category_id: string | null; location_id: string | null; institution_id: string }>(
        'SELECT category_id, location_id, institution_id FROM routing_rules ORDER BY position',
      ),
    ]);
    this.institutions.clear();
    this.serviceHoursSources.clear();
    for (const r of institutions) {
      const contact = r.contact_json ? (JSON.parse(r.contact_json) as InstitutionContact) : undefined;
      const inst = { id: r.id, name: r.name, kind: r.kind, timeZone: r.time_zone, parentId: r.parent_id, ...(contact ? { contact } : {}) } as Institution;
      if (r.service_hours_json) {
        // Issue 28: the hours go on the wire; where they come from stays with the operator.
        const hours = JSON.parse(r.service_hours_json) as SourcedServiceHours;
        inst.serviceHours = bareHours(hours);
        this.serviceHoursSources.set(r.id, hours.source);
      }
      this.institutions.set(r.id, inst);
    }
    this.routing = routing.map((r) => ({
      ...(r.category_id ? { category: r.category_id } : {}),
      ...(r.location_id ? { location: r.location_id } : {}),
      institution: r.institution_id,
    }));
    this.categories.clear();
    for (const r of categories) this.categories.set(r.id, { id: r.id, name: { id: r.name_id, en: r.name_en }, parentId: r.parent_id });
    this.locations.clear();
    for (const r of locations) this.locations.set(r.id, { id: r.id, name: r.name, path: r.path, kind: r.kind } as Location);
  }
}
