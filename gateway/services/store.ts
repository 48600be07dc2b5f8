/**
 * Rows and prepared statements shared by the services, plus the reference data (which
 * only changes at seed time) cached in memory for validation and views.
 */
import type { Category, Institution, Location } from '../../src/contract/index.js';
import type { Db } from '../db.js';
import type Database from 'better-sqlite3';

export interface ReportRow {
  tracking_id: string;
  access_hash: Buffer;
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
}

type Stmt<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;
interface Queries {
  report: Stmt<[string], ReportRow>;
  reportExists: Stmt<[string], { n: number }>;
  insertReport: Stmt;
  updateState: Stmt;
  updateClocks: Stmt;
  timeline: Stmt<[string], TimelineRow>;
  insertTimeline: Stmt;
  responses: Stmt<[string], ResponseRow>;
  insertResponse: Stmt;
  attachmentsOf: Stmt<[string], AttachmentRow>;
  attachment: Stmt<[string], AttachmentRow>;
  insertAttachment: Stmt;
  claimAttachment: Stmt<[string, string]>;
}

export class Store {
  readonly institutions = new Map<string, Institution>();
  readonly categories = new Map<string, Category>();
  readonly locations = new Map<string, Location>();

  readonly q: Queries;

  constructor(readonly db: Db) {
    this.q = {
      report: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE tracking_id = ?'),
      reportExists: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM reports WHERE tracking_id = ?'),
      insertReport: db.prepare(`INSERT INTO reports (tracking_id, access_hash, status, classification, title, body,
        incident_date, location_json, institution_id, category_id, anonymous, secret, channel, site_key, reporter_json,
        transitions_json, clocks_json, next_due_at, next_check_at, upstream_state, created_at, updated_at, lang)
        VALUES (@tracking_id, @access_hash, @status, @classification, @title, @body, @incident_date, @location_json,
        @institution_id, @category_id, @anonymous, @secret, @channel, @site_key, @reporter_json, @transitions_json,
        @clocks_json, @next_due_at, @next_check_at, @upstream_state, @created_at, @updated_at, @lang)`),
      updateState: db.prepare(`UPDATE reports SET status = @status, held_from = @held_from, status_reason = @status_reason,
        institution_id = @institution_id, transitions_json = @transitions_json, clocks_json = @clocks_json,
        next_due_at = @next_due_at, next_check_at = @next_check_at, updated_at = @updated_at WHERE tracking_id = @tracking_id`),
      updateClocks: db.prepare(`UPDATE reports SET clocks_json = @clocks_json, next_due_at = @next_due_at,
        next_check_at = @next_check_at WHERE tracking_id = @tracking_id`),
      timeline: db.prepare<[string], TimelineRow>(
        'SELECT id, at, type, status, from_status, institution_name, note FROM timeline WHERE tracking_id = ? ORDER BY seq',
      ),
      insertTimeline: db.prepare(`INSERT INTO timeline (id, tracking_id, seq, at, type, status, from_status, institution_name, note)
        VALUES (@id, @tracking_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM timeline WHERE tracking_id = @tracking_id),
        @at, @type, @status, @from_status, @institution_name, @note)`),
      responses: db.prepare<[string], ResponseRow>(
        'SELECT id, at, author, institution_name, message FROM responses WHERE tracking_id = ? ORDER BY seq',
      ),
      insertResponse: db.prepare(`INSERT OR IGNORE INTO responses (id, tracking_id, seq, at, author, institution_name, message, upstream_ref)
        VALUES (@id, @tracking_id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM responses WHERE tracking_id = @tracking_id),
        @at, @author, @institution_name, @message, @upstream_ref)`),
      attachmentsOf: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE tracking_id = ? ORDER BY created_at, id'),
      attachment: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE id = ?'),
      insertAttachment: db.prepare(`INSERT INTO attachments (id, name, mime, bytes, file, site_key, tracking_id, created_at)
        VALUES (@id, @name, @mime, @bytes, @file, @site_key, NULL, @created_at)`),
      claimAttachment: db.prepare('UPDATE attachments SET tracking_id = ? WHERE id = ? AND tracking_id IS NULL'),
    };
  }

  loadReference(): void {
    this.institutions.clear();
    for (const r of this.db
      .prepare<[], { id: string; name: string; kind: string; time_zone: string; parent_id: string | null }>(
        'SELECT id, name, kind, time_zone, parent_id FROM institutions ORDER BY rowid',
      )
      .all()) {
      this.institutions.set(r.id, { id: r.id, name: r.name, kind: r.kind, timeZone: r.time_zone, parentId: r.parent_id } as Institution);
    }
    this.categories.clear();
    for (const r of this.db
      .prepare<[], { id: string; name_id: string; name_en: string; parent_id: string | null }>(
        'SELECT id, name_id, name_en, parent_id FROM categories ORDER BY position',
      )
      .all()) {
      this.categories.set(r.id, { id: r.id, name: { id: r.name_id, en: r.name_en }, parentId: r.parent_id });
    }
    this.locations.clear();
    for (const r of this.db.prepare<[], Location>('SELECT id, name, path, kind FROM locations ORDER BY rowid').all()) {
      this.locations.set(r.id, r);
    }
  }
}
