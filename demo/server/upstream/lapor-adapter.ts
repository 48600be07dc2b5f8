/**
 * The ONE place that knows SP4N-LAPOR!'s HTTP API: paths, field names, auth headers and
 * status codes. Everything else talks to the UpstreamAdapter interface.
 *
 * - `POST /complaints/complaint/file` (multipart `attachments[]`) → document ids
 * - `POST /complaints/complaint` (title, content, channel, classification_id,
 *   category_id, location_id, date_of_incident, is_anonymous, is_secret, attachments)
 *   → complaint_id
 * - `GET /complaints/{id}/complaint`, `GET /complaints/{id}/followups` → status, replies
 * - `GET /complaints/complaint?reference=LPR-…` → the complaint created for our tracking
 *   id. ASSUMPTION: LAPOR!'s published API has no documented idempotency key, so we send
 *   our tracking id as `reference` (and in the content) and look it up before re-creating
 *   after a crash/timeout. If the real API cannot search by reference, this is the one
 *   method to change (e.g. list the account's recent complaints and match the content).
 */
import { openAsBlob } from 'node:fs';
import type { ReportStatus } from '../../../src/contract/index.js';
import type { UpstreamOptions } from '../options.js';
import type { OutgoingComplaint, OutgoingFile, UpstreamAdapter, UpstreamSnapshot } from './adapter.js';
import { UpstreamError } from './adapter.js';

const CLASSIFICATION_IDS: Record<string, number> = { complaint: 1, aspiration: 2, info_request: 3 };
const CHANNELS: Record<string, string> = { web: 'website', smart_kampung: 'smart_kampung', mobile: 'mobile', sms: 'sms', whatsapp: 'whatsapp' };

/** LAPOR!'s status words (English codes and the Indonesian labels) → ours. */
export const STATUS_MAP: Record<string, ReportStatus> = {
  pending: 'submitted',
  'belum terverifikasi': 'submitted',
  verified: 'verified',
  terverifikasi: 'verified',
  disposed: 'forwarded',
  didisposisikan: 'forwarded',
  forwarded: 'forwarded',
  in_process: 'in_progress',
  process: 'in_progress',
  ditindaklanjuti: 'in_progress',
  responded: 'responded',
  ditanggapi: 'responded',
  done: 'completed',
  finished: 'completed',
  selesai: 'completed',
  archived: 'archived',
  diarsipkan: 'archived',
};

function pickId(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return undefined;
}

export class LaporHttpAdapter implements UpstreamAdapter {
  private readonly base: string;

  constructor(private readonly opts: UpstreamOptions) {
    this.base = opts.url.replace(/\/+$/, '');
  }

  private async call(method: string, path: string, body?: BodyInit, json = false): Promise<any> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        body,
        headers: {
          Authorization: `Bearer ${this.opts.token}`,
          token: this.opts.token,
          Accept: 'application/json',
          ...(json ? { 'Content-Type': 'application/json' } : {}),
        },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new UpstreamError(`${method} ${path}: ${(err as Error).name}`, true);
    }
    if (res.status === 404 && method === 'GET') return undefined;
    if (!res.ok) {
      await res.body?.cancel();
      throw new UpstreamError(`${method} ${path}: HTTP ${res.status}`, res.status >= 500 || res.status === 408 || res.status === 429);
    }
    try {
      return await res.json();
    } catch {
      throw new UpstreamError(`${method} ${path}: bad JSON`, true);
    }
  }

  async uploadAttachments(files: OutgoingFile[]): Promise<string[]> {
    if (files.length === 0) return [];
    const form = new FormData();
    for (const f of files) form.append('attachments[]', new File([await openAsBlob(f.path)], f.name, { type: f.mime }));
    const out = await this.call('POST', '/complaints/complaint/file', form);
    const list: unknown[] = out?.data?.document_ids ?? out?.document_ids ?? out?.data ?? [];
    const ids = (Array.isArray(list) ? list : []).map((x) => pickId((x as { id?: unknown })?.id ?? x)).filter((x): x is string => !!x);
    if (ids.length !== files.length) throw new UpstreamError('upload: unexpected answer', true);
    return ids;
  }

  async createComplaint(c: OutgoingComplaint, documentIds: string[]): Promise<string> {
    const payload = {
      title: c.title,
      content: `${c.body}\n\nLokasi: ${c.locationText}\nRef: ${c.trackingId}`,
      channel: CHANNELS[c.channel] ?? 'other',
      classification_id: CLASSIFICATION_IDS[c.classification] ?? 1,
      category_id: c.categoryId,
      location_id: c.locationId,
      date_of_incident: c.incidentDate,
      is_anonymous: c.anonymous,
      is_secret: c.secret,
      attachments: documentIds,
      reference: c.trackingId,
    };
    const out = await this.call('POST', '/complaints/complaint', JSON.stringify(payload), true);
    const id = pickId(out?.data?.complaint_id ?? out?.complaint_id);
    if (!id) throw new UpstreamError('create: no complaint_id', true);
    return id;
  }

  async findByReference(trackingId: string): Promise<string | undefined> {
    const out = await this.call('GET', `/complaints/complaint?reference=${encodeURIComponent(trackingId)}`);
    const items: unknown[] = out?.data ?? [];
    const hit = Array.isArray(items) ? (items[0] as { complaint_id?: unknown; id?: unknown } | undefined) : undefined;
    return hit ? pickId(hit.complaint_id ?? hit.id) : undefined;
  }

  async fetch(laporId: string): Promise<UpstreamSnapshot> {
    const id = encodeURIComponent(laporId);
    const complaint = await this.call('GET', `/complaints/${id}/complaint`);
    const followups = await this.call('GET', `/complaints/${id}/followups`);
    const raw = String(complaint?.data?.status ?? complaint?.status ?? '').toLowerCase();
    const list: any[] = followups?.data ?? [];
    return {
      status: STATUS_MAP[raw],
      followups: (Array.isArray(list) ? list : [])
        .filter((f) => f && (f.content || f.message))
        .map((f) => ({
          ref: String(f.id),
          at: new Date(f.created_at ?? Date.now()).toISOString(),
          message: String(f.content ?? f.message),
          institutionName: f.institution_name ?? f.institution ?? null,
        })),
    };
  }
}
