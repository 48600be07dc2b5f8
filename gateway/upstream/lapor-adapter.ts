/**
 * The ONE place that knows SP4N-LAPOR!'s integration API: paths, field names, envelopes,
 * status names, date format and auth headers. Everything else talks to UpstreamAdapter.
 * Shapes are those real clients parse (fixtures in test/fixtures/lapor/ cite each file):
 *
 * - auth: `Authorization: Bearer <api key>` and `token: <GUID>` (SyncInstitutions.php)
 * - `POST /complaints/complaint/file` multipart `attachments[]` → `{results: {images: [{id}], docs: [{id}]}}`
 * - `POST /complaints/complaint` JSON, numeric ids, `attachments: "[id,id]"` → `{complaint_id}`
 * - `GET /masters/institutions/external?page_size=1000` → `{results: {data: [{id, name}]}}`
 * - `GET /complaints/{id}/complaint` → `{results: {data: {status_name, …}, data_logs: […]}}`
 * - `GET /complaints/{id}/followups?page=N` → `{results: {data: […], next_page_url}}`, `created_at` WIB `d-m-Y H:i:s`
 * - `POST /complaints/process/{id}/reject` `{is_request: 1, reason: <institution id>, reason_description, not_authority: 1}`
 * - `POST /complaints/followup/add` multipart `complaint_id, content, rating, is_secret`
 *
 * ASSUMED (no public client shows it): paging fields (Laravel's `next_page_url`), a
 * follow-up's `id`, the complaint's `content` in the detail answer, and a listing at
 * `GET /complaints/complaint?search=` used only to find recovery candidates — whose
 * answers are never trusted without reading each complaint's own content.
 *
 * Every answer is parsed with a zod schema of its envelope; one that does not fit is an
 * UpstreamError with the raw body logged (secrets and personal fields redacted).
 */
import { createHash } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { z } from 'zod';
import type { ReportStatus } from '../../src/contract/index.js';
import { msg } from '../../src/i18n/index.js';
import '../http/i18n.js';
import type {
  FollowupPush,
  OutgoingComplaint,
  OutgoingFile,
  UpstreamAdapter,
  UpstreamDetail,
  UpstreamFollowup,
  UpstreamInstitution,
  UpstreamMilestone,
} from './adapter.js';
import { UpstreamError } from './adapter.js';
import { redact } from './redact.js';
import { parseWib } from './wib.js';

export interface LaporConnection {
  url: string;
  /** The API key, sent as `Authorization: Bearer <auth>`. */
  auth: string;
  /** The GUID sent as header `token`. */
  token: string;
  timeoutMs?: number;
}

/** Called before every request (the global budget); may throw an `unsent` UpstreamError. */
export interface RequestGate {
  take(): void;
  /** LAPOR! answered 429: nothing more until `ms` from now. */
  throttled(ms: number): void;
}

/** LAPOR!'s status names (as CheckLaporStatus.php reads `status_name`) → ours. */
export const STATUS_NAMES: Record<string, ReportStatus> = {
  'belum terverifikasi': 'submitted',
  terverifikasi: 'verified',
  'dalam proses': 'in_progress',
  selesai: 'completed',
  diarsipkan: 'archived',
  ditolak: 'archived',
};
export const statusFor = (name: string | null | undefined): ReportStatus | undefined =>
  name ? STATUS_NAMES[name.trim().toLowerCase()] : undefined;

// ---- envelopes --------------------------------------------------------------------------

const NumericId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const AnyId = z.union([z.number().int(), z.string().min(1)]).transform(String);
const Wib = z.string().refine((s) => parseWib(s) !== undefined, 'not a WIB d-m-Y H:i:s time');
const StatusRef = z.object({ name: z.string() }).nullish();

export const UploadAnswer = z.object({
  results: z.object({
    images: z.array(z.object({ id: NumericId })).nullish(),
    docs: z.array(z.object({ id: NumericId })).nullish(),
  }),
});
export const CreateAnswer = z.object({ complaint_id: AnyId });
export const InstitutionsAnswer = z.object({ results: z.object({ data: z.array(z.object({ id: NumericId, name: z.string() })) }) });
const Log = z.object({
  date: Wib.nullish(),
  created_at: Wib.nullish(),
  content: z.string().nullish(),
  institution_to: z.object({ id: NumericId, name: z.string() }).nullish(),
  status_new: StatusRef,
  /** Older logs keep status_old / status_new in a JSON string (renderLogContent). */
  data: z.string().nullish(),
});
export const DetailAnswer = z.object({
  results: z.object({
    data: z.object({
      status_name: z.string(),
      status_code: z.union([z.string(), z.number()]).nullish(),
      disposition_id: NumericId.nullish(),
      disposition_name: z.string().nullish(),
      content: z.string().nullish(),
    }),
    data_logs: z.array(Log).nullish(),
  }),
});
const Followup = z.object({
  id: AnyId.nullish(),
  content: z.string().nullish(),
  created_at: Wib,
  institution_from_name: z.string().nullish(),
  status_new: StatusRef,
});
export const FollowupsAnswer = z.object({ results: z.object({ data: z.array(Followup), next_page_url: z.string().nullish() }) });
const ListAnswer = z.object({ results: z.object({ data: z.array(z.object({ id: AnyId })) }) });
/** followup/add and reject: no public client reads the answer; it must be a JSON object. */
export const AckAnswer = z.looseObject({});

/** Follow every page, but never forever if next_page_url never ends. */
const MAX_PAGES = 50;
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export class LaporHttpAdapter implements UpstreamAdapter {
  private readonly base: string;

  constructor(
    private readonly conn: LaporConnection,
    private readonly gate: RequestGate = { take() {}, throttled() {} },
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.base = conn.url.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: FormData | object): Promise<T> {
    this.gate.take();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.conn.auth}`,
      token: this.conn.token,
      Accept: 'application/json',
    };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const what = `${method} ${path.replace(/\?.*$/, '')}`;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, body: payload, headers, signal: AbortSignal.timeout(this.conn.timeoutMs ?? 30_000) });
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code && UNSENT_CODES.has(code)) throw new UpstreamError(`${what}: ${code}`, 'unsent');
      throw new UpstreamError(`${what}: ${(err as Error).name}`, 'ambiguous');
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new UpstreamError(`${what}: ${(err as Error).name} while reading the answer`, 'ambiguous');
    }
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? 60_000;
      this.gate.throttled(wait);
      throw new UpstreamError(`${what}: HTTP 429 (retry after ${Math.round(wait / 1000)} s)`, 'throttled', wait);
    }
    if (!res.ok) {
      this.log(`[upstream] ${what}: HTTP ${res.status} ${this.redacted(text)}`);
      // 401/403: our credentials, not this request, are wrong; nothing was done upstream.
      const kind = res.status === 401 || res.status === 403 ? 'unsent' : res.status >= 500 || res.status === 408 ? 'ambiguous' : 'refused';
      throw new UpstreamError(`${what}: HTTP ${res.status}`, kind);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.log(`[upstream] ${what}: answer is not JSON: ${this.redacted(text)}`);
      throw new UpstreamError(`${what}: answer is not JSON`, 'ambiguous');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      this.log(`[upstream] ${what}: unexpected answer (${where}): ${this.redacted(text)}`);
      throw new UpstreamError(`${what}: unexpected answer (${where})`, 'ambiguous');
    }
    return parsed.data;
  }

  private redacted(text: string): string {
    return redact(text, [this.conn.auth, this.conn.token]);
  }

  async uploadAttachments(files: OutgoingFile[]): Promise<number[]> {
    if (files.length === 0) return [];
    const form = new FormData();
    for (const f of files) form.append('attachments[]', new File([await openAsBlob(f.path)], f.name, { type: f.mime }));
    const out = await this.call('POST', '/complaints/complaint/file', UploadAnswer, form);
    const ids = [...(out.results.images ?? []), ...(out.results.docs ?? [])].map((d) => d.id);
    if (ids.length !== files.length) {
      throw new UpstreamError(`POST /complaints/complaint/file: ${files.length} files sent, ${ids.length} ids returned`, 'ambiguous');
    }
    return ids;
  }

  content(c: OutgoingComplaint): string {
    // The tracking number goes first, on its own line: it is what recovery looks for.
    const lines = [msg('id', 'upstream.content.tracking', { trackingId: c.trackingId }), '', c.body, '', msg('id', 'upstream.content.location', { location: c.locationText })];
    if (!c.anonymous && c.reporterName) lines.push(msg('id', 'upstream.content.reporter', { name: c.reporterName }));
    return lines.join('\n');
  }

  async createComplaint(c: OutgoingComplaint, documentIds: number[]): Promise<string> {
    const out = await this.call('POST', '/complaints/complaint', CreateAnswer, {
      title: c.title,
      content: this.content(c),
      channel: c.channel,
      classification_id: c.classificationId,
      category_id: c.categoryId,
      location_id: c.locationId,
      disposition_id: c.dispositionId,
      date_of_incident: c.incidentDate,
      is_anonymous: c.anonymous,
      is_secret: c.secret,
      attachments: `[${documentIds.join(',')}]`,
    });
    return out.complaint_id;
  }

  async candidates(trackingId: string): Promise<string[]> {
    try {
      const out = await this.call('GET', `/complaints/complaint?search=${encodeURIComponent(trackingId)}`, ListAnswer);
      return out.results.data.map((d) => d.id);
    } catch (err) {
      // No listing on this account: there are simply no candidates.
      if (err instanceof UpstreamError && err.kind === 'refused') return [];
      throw err;
    }
  }

  contentNames(content: string, trackingId: string): boolean {
    const id = trackingId.replace(/[^A-Z0-9-]/gi, '');
    return new RegExp(`(^|[^A-Za-z0-9-])${id}($|[^A-Za-z0-9-])`).test(content);
  }

  async detail(laporId: string): Promise<UpstreamDetail> {
    const out = await this.call('GET', `/complaints/${encodeURIComponent(laporId)}/complaint`, DetailAnswer);
    const { data } = out.results;
    const logs = out.results.data_logs ?? [];
    const milestones: UpstreamMilestone[] = [];
    for (const log of logs) {
      const at = parseWib(log.date ?? log.created_at ?? '');
      if (log.institution_to) milestones.push({ status: 'forwarded', at });
      const name = log.status_new?.name ?? statusNewInData(log.data);
      const status = statusFor(name);
      if (status) milestones.push({ status, at, ...(status === 'archived' ? { reason: reasonOf(name!, log.content) } : {}) });
    }
    const status = statusFor(data.status_name);
    if (data.disposition_id != null && !milestones.some((m) => m.status === 'forwarded')) milestones.push({ status: 'forwarded', at: undefined });
    if (status && !milestones.some((m) => m.status === status)) {
      const last = logs.at(-1)?.content;
      milestones.push({ status, at: undefined, ...(status === 'archived' ? { reason: reasonOf(data.status_name, last) } : {}) });
    }
    return { statusName: data.status_name, status, milestones, content: data.content ?? null };
  }

  async followups(laporId: string): Promise<UpstreamFollowup[]> {
    const all: UpstreamFollowup[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const out = await this.call('GET', `/complaints/${encodeURIComponent(laporId)}/followups?page=${page}`, FollowupsAnswer);
      for (const f of out.results.data) {
        const message = f.content?.trim() ?? '';
        all.push({
          ref: f.id ?? createHash('sha256').update(`${f.created_at}\n${message}`).digest('hex').slice(0, 24),
          at: parseWib(f.created_at)!,
          message,
          institutionName: f.institution_from_name ?? null,
          statusChange: statusFor(f.status_new?.name),
        });
      }
      if (!out.results.next_page_url || out.results.data.length === 0) break;
      if (page === MAX_PAGES) this.log(`[upstream] GET /complaints/${laporId}/followups: stopped at page ${MAX_PAGES}; next_page_url still set`);
    }
    return all.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async forward(laporId: string, institutionId: number, reason: string): Promise<void> {
    await this.call('POST', `/complaints/process/${encodeURIComponent(laporId)}/reject`, AckAnswer, {
      is_request: 1,
      reason: String(institutionId),
      reason_description: reason,
      not_authority: 1,
    });
  }

  async addFollowup(laporId: string, f: FollowupPush): Promise<void> {
    const form = new FormData();
    form.append('complaint_id', laporId);
    form.append('content', f.content);
    form.append('rating', String(f.rating));
    form.append('is_secret', f.secret ? '1' : '0');
    await this.call('POST', '/complaints/followup/add', AckAnswer, form);
  }

  async institutions(): Promise<UpstreamInstitution[]> {
    const out = await this.call('GET', '/masters/institutions/external?page_size=1000', InstitutionsAnswer);
    return out.results.data;
  }
}

function statusNewInData(data: string | null | undefined): string | undefined {
  if (!data) return undefined;
  try {
    const name = (JSON.parse(data) as { status_new?: { name?: unknown } }).status_new?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function reasonOf(statusName: string, content: string | null | undefined): string {
  return content?.trim() ? `${statusName}: ${content.trim()}` : statusName;
}
