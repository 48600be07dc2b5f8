/**
 * The ONE place that knows SP4N-LAPOR!'s integration API: paths, field names, envelopes,
 * status names, date format, placeholders and auth headers. Everything else talks to
 * UpstreamAdapter. Shapes are those real clients send and parse (fixtures in
 * test/fixtures/lapor/ cite each file):
 *
 * - auth: `<header>: Bearer <api key>` and `token: <GUID>`; the header is `auth` on the
 *   production SPLP gateway (whatsapp-admin SyncInstitutions.php, laporanAdmin.php) and
 *   `Authorization` on the training API (admin_lmw_v2's operator setting
 *   "Development (Authorization)" / "Production (auth)").
 * - `POST /complaints/complaint/file` multipart `attachments[]` → `{results: {images: [{id}], docs: [{id}]}}`
 * - `POST /complaints/complaint` JSON, numeric ids, `attachments: "[id,id]"` →
 *   `{complaint_id}` or `{results: {complaint: {id}}}` (two versions of laporanAdmin.php)
 * - `GET /masters/institutions/external?page_size=1000` → `{results: {data: [{id, name}]}}`
 * - `GET /complaints/{id}/complaint` → `{results: {data: {status_name, disposition_*,
 *   status_logs: [{note, timestamp}]}, data_logs: […]}}`
 * - `GET /complaints/{id}/followups?page=N` → `{results: {data: […], next_page_url}}`
 *   (LaporanFollowupController.php pages this way), `created_at` WIB `d-m-Y H:i:s`; an entry
 *   with `template_code: 'disposition'` is LAPOR! handing the complaint to an institution
 * - `POST /complaints/process/{id}/reject` `{is_request: 1, reason: <institution id>, reason_description, not_authority: 1}`
 * - `POST /complaints/followup/add` multipart `complaint_id, content, rating, is_secret`
 * - any answer `{success: false, message}` is LAPOR! declining, whatever the HTTP status.
 *
 * ASSUMED (no public client shows it): a follow-up's `id`, the complaint's `content` in the
 * detail answer (an operator's link checks it), `status_logs[].timestamp` in the WIB format.
 * There is no lookup of a complaint by our tracking number in any public client, so none
 * is used: a create whose answer is lost waits for an operator (forwarder.ts).
 *
 * Every answer is parsed with a zod schema of its envelope; one that does not fit is an
 * UpstreamError with the raw body logged (secrets and personal fields redacted).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ReportStatus } from '../../src/contract/index.js';
import { msg } from '../../src/i18n/index.js';
import '../http/i18n.js';
import type {
  CreateRequestSummary,
  FollowupPage,
  FollowupRead,
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
import { Wire, WireError } from './wire.js';

/** The header LAPOR! reads the API key from: `auth` (production SPLP) or `Authorization` (training API). */
export type AuthHeader = 'auth' | 'Authorization';
export const AUTH_HEADERS: readonly AuthHeader[] = ['auth', 'Authorization'];

export interface LaporConnection {
  url: string;
  /** The API key, sent as `<authHeader>: Bearer <auth>`. */
  auth: string;
  /** The GUID sent as header `token`. */
  token: string;
  /** Default `auth` (production SPLP). */
  authHeader?: AuthHeader;
  /** Per request (30 s, as the public clients' `Http::timeout(30)`). */
  timeoutMs?: number;
  /** A create in all (90 s: LaporForwardingService `->timeout(90)`). */
  createTimeoutMs?: number;
  /** To connect (30 s: LaporForwardingService `->connectTimeout(30)`). */
  connectTimeoutMs?: number;
  /** The largest answer read (4 MiB). */
  maxAnswerBytes?: number;
  /** Connections at once (the forwarder's concurrency). */
  sockets?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CREATE_TIMEOUT_MS = 90_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Called before every request (the global budget); may throw an `unsent` UpstreamError. */
export interface RequestGate {
  take(): void;
  /** LAPOR! answered 429: nothing more until `ms` from now. */
  throttled(ms: number): void;
}

/**
 * LAPOR!'s status names → ours: every name a public client we read knows.
 * - Belum Terverifikasi, Terverifikasi, Dalam Proses, Selesai, Diarsipkan, Ditolak:
 *   admin_lmw_v2 ForwardedReports.php `$laporStatuses`, forwarded-reports.blade.php;
 * - Sudah Terverifikasi: admin_lmw_v2 KmsArticleSeeder.php ("the institution has verified
 *   the report and handed it to its unit"): verified; the hand-over itself arrives as a
 *   disposition;
 * - Tunda ("postponed"): named in issue 22; no public client we read shows it: on_hold.
 */
export const STATUS_NAMES: Record<string, ReportStatus> = {
  'belum terverifikasi': 'submitted',
  terverifikasi: 'verified',
  'sudah terverifikasi': 'verified',
  'dalam proses': 'in_progress',
  tunda: 'on_hold',
  selesai: 'completed',
  diarsipkan: 'archived',
  ditolak: 'archived',
};
export const statusFor = (name: string | null | undefined): ReportStatus | undefined =>
  name ? STATUS_NAMES[name.trim().replace(/\s+/g, ' ').toLowerCase()] : undefined;

// ---- times and placeholders -------------------------------------------------------------

/** LAPOR!'s WIB wall-clock formats, or an ISO time that names its zone. */
export function parseLaporTime(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const wib = parseWib(text);
  if (wib) return wib;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** An HTML tag (not a lone "<" or ">" in someone's sentence, such as "suhu < 30"). */
const TAG = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi;

type NameRef = string | { name?: unknown } | number | null | undefined;
const nameOf = (v: NameRef): string | undefined => (typeof v === 'string' && v.trim() ? v : v && typeof v === 'object' && typeof v.name === 'string' ? v.name : undefined);

/** The fields a log or follow-up may carry that fill its placeholders. */
export interface PlaceholderSource {
  institution_from_name?: string | null;
  institution_to_name?: string | null;
  institution_from_id?: NameRef;
  institution_to_id?: NameRef;
  institution?: NameRef;
  status_old?: NameRef;
  status_new?: NameRef;
  data?: string | null;
}

function statusInData(data: string | null | undefined, key: 'status_old' | 'status_new'): string | undefined {
  if (!data) return undefined;
  try {
    return nameOf((JSON.parse(data) as Record<string, NameRef>)[key]);
  } catch {
    return undefined;
  }
}

/**
 * `{{institution_from}}`, `{{institution_to}}`, `{{institution}}`, `{{status_old}}`,
 * `{{status_new}}` (with or without spaces) filled from the entry's own fields as
 * admin_lmw_v2 fills them (LaporForwardingService / ForwardingController renderLogContent:
 * flat `*_name`, else the nested object's `name`, else the JSON string `data`); the
 * `*_link` ones and anything unknown become nothing / "-" (whatsapp-admin followup.blade.php).
 * The clients render the result as HTML, so tags are dropped: we show text.
 */
export function fillPlaceholders(template: string, e: PlaceholderSource): string {
  if (!template.includes('{{') && !template.includes('<')) return template.trim();
  const values: Record<string, string | undefined> = {
    institution_from: e.institution_from_name ?? nameOf(e.institution_from_id),
    institution_to: e.institution_to_name ?? nameOf(e.institution_to_id),
    institution: nameOf(e.institution),
    status_old: nameOf(e.status_old) ?? statusInData(e.data, 'status_old'),
    status_new: nameOf(e.status_new) ?? statusInData(e.data, 'status_new'),
    institution_from_link: '',
    institution_to_link: '',
  };
  return template
    .replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (_, key: string) => values[key.toLowerCase()] ?? '-')
    .replace(TAG, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

// ---- envelopes --------------------------------------------------------------------------

const NumericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/).transform(Number)]);
/** A complaint id: digits only, whatever LAPOR! (or something in front of it) sends. */
const ComplaintId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const Ref = z.union([z.number().int(), z.string().min(1).max(64)]).transform(String);
const Wib = z.string().refine((s) => parseWib(s) !== undefined, 'not a WIB d-m-Y H:i:s time');
const Named = z.union([z.object({ name: z.string() }).loose(), z.number(), z.string()]).nullish();
const StatusRef = z.object({ name: z.string() }).loose().nullish();

export const UploadAnswer = z.object({
  results: z.object({
    images: z.array(z.object({ id: NumericId })).nullish(),
    docs: z.array(z.object({ id: NumericId })).nullish(),
  }),
});
const Complaint = z.object({ id: ComplaintId }).nullish();
/**
 * Both shapes the public clients read, and the `data.` ones one admin_lmw_v2 version tries:
 * exactly one complaint id, however many places name it. None, or two different ones, is an
 * answer that does not fit (the complaint may exist: the create is then held, never resent).
 */
export const CreateAnswer = z
  .object({
    complaint_id: ComplaintId.nullish(),
    results: z.object({ complaint: Complaint }).loose().nullish(),
    data: z.object({ complaint_id: ComplaintId.nullish(), results: z.object({ complaint: Complaint }).loose().nullish() }).loose().nullish(),
  })
  .transform((a) => [...new Set([a.complaint_id, a.results?.complaint?.id, a.data?.complaint_id, a.data?.results?.complaint?.id].filter((v): v is string => !!v))])
  .refine((ids) => ids.length === 1, { message: 'no single complaint id (complaint_id or results.complaint.id)' })
  .transform((ids) => ids[0]!);
export const InstitutionsAnswer = z.object({ results: z.object({ data: z.array(z.object({ id: NumericId, name: z.string() })) }) });
const Log = z.object({
  date: Wib.nullish(),
  created_at: Wib.nullish(),
  content: z.string().nullish(),
  institution_from_name: z.string().nullish(),
  institution_to_name: z.string().nullish(),
  institution_to: z.object({ id: NumericId, name: z.string() }).nullish(),
  status_old: StatusRef,
  status_new: StatusRef,
  /** Older logs keep status_old / status_new in a JSON string (renderLogContent). */
  data: z.string().nullish(),
});
const StatusLog = z.object({ note: z.string().nullish(), timestamp: z.string().nullish() }).loose();
export const DetailAnswer = z.object({
  results: z.object({
    data: z.object({
      status_name: z.string(),
      status_code: z.union([z.string(), z.number()]).nullish(),
      disposition_id: NumericId.nullish(),
      disposition_name: z.string().nullish(),
      content: z.string().nullish(),
      status_logs: z.array(StatusLog).nullish(),
    }),
    data_logs: z.array(Log).nullish(),
  }),
});
const Followup = z.object({
  id: Ref.nullish(),
  content: z.string().nullish(),
  created_at: Wib,
  institution_from_name: z.string().nullish(),
  institution_to_name: z.string().nullish(),
  institution_from_id: Named,
  institution_to_id: Named,
  status_old: StatusRef,
  status_new: StatusRef,
  template_code: z.string().nullish(),
  template_content: z.string().nullish(),
});
/** The page's envelope; its entries are checked one by one (known ones are not even parsed). */
const FollowupsPage = z.object({ results: z.object({ data: z.array(z.unknown()), next_page_url: z.string().nullish() }) });
/** followup/add and reject: no public client reads more than "successful"; it must be a JSON object. */
export const AckAnswer = z.looseObject({});

export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** LAPOR!'s own words for the operator: one line, no control characters, at most 300 characters. */
function cleanMessage(value: unknown, secrets: string[]): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let s = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret) s = s.split(secret).join('[secret]');
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

interface CallOptions {
  body?: FormData | object;
  /** A create: its own total timeout and a fresh connection. */
  create?: boolean;
}

export class LaporHttpAdapter implements UpstreamAdapter {
  private readonly base: URL;
  /** The base's path without a trailing slash ('' for a bare origin). */
  private readonly prefix: string;
  private readonly wire: Wire;
  readonly authHeader: AuthHeader;

  constructor(
    private readonly conn: LaporConnection,
    private readonly gate: RequestGate = { take() {}, throttled() {} },
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.base = new URL(conn.url);
    this.prefix = this.base.pathname.replace(/\/+$/, '');
    this.authHeader = conn.authHeader ?? 'auth';
    this.wire = new Wire(conn.sockets ?? 4);
  }

  close(): void {
    this.wire.close();
  }

  statusOf(name: string | null | undefined): ReportStatus | undefined {
    return statusFor(name);
  }

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, opts: CallOptions = {}): Promise<T> {
    this.gate.take();
    const headers: Record<string, string> = {
      [this.authHeader]: `Bearer ${this.conn.auth}`,
      token: this.conn.token,
      Accept: 'application/json',
    };
    let payload: Buffer | undefined;
    if (opts.body instanceof FormData) {
      const encoded = new Response(opts.body);
      payload = Buffer.from(await encoded.arrayBuffer());
      headers['Content-Type'] = encoded.headers.get('content-type')!;
    } else if (opts.body) {
      payload = Buffer.from(JSON.stringify(opts.body));
      headers['Content-Type'] = 'application/json';
    }
    const what = `${method} ${path.replace(/\?.*$/, '')}`;
    const secrets = [this.conn.auth, this.conn.token];
    let res;
    try {
      res = await this.wire.exchange({
        method,
        url: new URL(`${this.base.origin}${this.prefix}${path}`),
        headers,
        body: payload,
        connectTimeoutMs: this.conn.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        timeoutMs: opts.create ? (this.conn.createTimeoutMs ?? DEFAULT_CREATE_TIMEOUT_MS) : (this.conn.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        maxBytes: this.conn.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
        fresh: opts.create,
      });
    } catch (err) {
      const e = err as WireError;
      if (e.code === 'ETOOBIG') this.log(`[upstream] ${what}: ${e.message}; not read further`);
      throw new UpstreamError(`${what}: ${e.code}${e.code === 'ETOOBIG' ? ` (${e.message})` : ''}`, e.sent ? 'ambiguous' : 'unsent', { answer: e.message });
    }
    const text = res.body.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const laporMessage = cleanMessage((json as { message?: unknown } | undefined)?.message, secrets);
    // Redacted only when something went wrong: masking a good 1 MB page costs for nothing.
    let excerpt: string | undefined;
    const detail = {
      status: res.status,
      laporMessage,
      get answer() {
        return (excerpt ??= redactedText().slice(0, 300));
      },
    };
    const redactedText = () => this.redacted(text);
    const said = laporMessage ? `: "${laporMessage}"` : '';
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers['retry-after']) ?? 60_000;
      this.gate.throttled(wait);
      throw new UpstreamError(`${what}: HTTP 429 (retry after ${Math.round(wait / 1000)} s)`, 'throttled', { ...detail, retryAfterMs: wait });
    }
    if (res.status >= 300 && res.status < 400) {
      // Not followed: our secrets and the reporter's text go to LAPOR!'s address only. For a
      // create this is "maybe done" (whatever is in front of LAPOR! may have passed it on).
      const location = res.headers.location;
      let to = 'nowhere';
      try {
        if (location) to = new URL(location, this.base).origin;
      } catch {
        to = 'an unreadable address';
      }
      this.log(`[upstream] ${what}: HTTP ${res.status} redirect to ${to} NOT followed (check LAPOR_UPSTREAM_URL and what is in front of LAPOR!)`);
      throw new UpstreamError(`${what}: HTTP ${res.status} redirect to ${to}, not followed`, 'ambiguous', detail);
    }
    if (res.status < 200 || res.status >= 300) {
      this.log(`[upstream] ${what}: HTTP ${res.status} ${detail.answer}`);
      // 401/403: our credentials, not this request, are wrong; nothing was done upstream.
      const kind =
        res.status === 401 || res.status === 403 ? 'credentials' : res.status >= 500 || res.status === 408 ? 'ambiguous' : 'refused';
      throw new UpstreamError(`${what}: HTTP ${res.status}${said}`, kind, detail);
    }
    if (json === undefined) {
      this.log(`[upstream] ${what}: answer is not JSON: ${detail.answer}`);
      throw new UpstreamError(`${what}: answer is not JSON`, 'ambiguous', detail);
    }
    if (json && typeof json === 'object' && (json as { success?: unknown }).success === false) {
      this.log(`[upstream] ${what}: LAPOR! declined${said}`);
      throw new UpstreamError(`${what}: LAPOR! declined${said || ' (no message)'}`, 'declined', detail);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      this.log(`[upstream] ${what}: unexpected answer (${where}): ${this.redacted(text)}`);
      throw new UpstreamError(`${what}: unexpected answer (${where})`, 'ambiguous', detail);
    }
    return parsed.data;
  }

  private redacted(text: string): string {
    return redact(text, [this.conn.auth, this.conn.token]);
  }

  async uploadAttachments(files: OutgoingFile[]): Promise<number[]> {
    if (files.length === 0) return [];
    const form = new FormData();
    for (const f of files) form.append('attachments[]', new File([await readFile(f.path)], f.name, { type: f.mime }));
    const out = await this.call('POST', '/complaints/complaint/file', UploadAnswer, { body: form });
    const ids = [...(out.results.images ?? []), ...(out.results.docs ?? [])].map((d) => d.id);
    if (ids.length !== files.length) {
      throw new UpstreamError(`POST /complaints/complaint/file: ${files.length} files sent, ${ids.length} ids returned`, 'ambiguous');
    }
    return ids;
  }

  content(c: OutgoingComplaint): string {
    // The tracking number goes first, on its own line: it is what an operator's link checks.
    const lines = [msg('id', 'upstream.content.tracking', { trackingId: c.trackingId }), '', c.body, '', msg('id', 'upstream.content.location', { location: c.locationText })];
    if (!c.anonymous && c.reporterName) lines.push(msg('id', 'upstream.content.reporter', { name: c.reporterName }));
    return lines.join('\n');
  }

  private createBody(c: OutgoingComplaint, documentIds: number[]) {
    return {
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
    };
  }

  describeCreate(c: OutgoingComplaint, documentIds: number[]): CreateRequestSummary {
    const { title, content, ...ids } = this.createBody(c, documentIds);
    return { method: 'POST', path: '/complaints/complaint', title, firstLine: content.split('\n')[0]!, ids };
  }

  async createComplaint(c: OutgoingComplaint, documentIds: number[]): Promise<string> {
    return this.call('POST', '/complaints/complaint', CreateAnswer, { body: this.createBody(c, documentIds), create: true });
  }

  contentNames(content: string, trackingId: string): boolean {
    const id = trackingId.replace(/[^A-Z0-9-]/gi, '');
    return new RegExp(`(^|[^A-Za-z0-9-])${id}($|[^A-Za-z0-9-])`).test(content);
  }

  async detail(laporId: string): Promise<UpstreamDetail> {
    const out = await this.call('GET', `/complaints/${encodeURIComponent(laporId)}/complaint`, DetailAnswer);
    const { data } = out.results;
    const logs = out.results.data_logs ?? [];
    const note = latestNote(data.status_logs ?? []);
    const reason = (statusName: string, fallback: string | null | undefined, source: PlaceholderSource) => {
      const text = note ?? (fallback ? fillPlaceholders(fallback, source) : '');
      return text ? `${statusName}: ${text}` : statusName;
    };
    const milestones: UpstreamMilestone[] = [];
    for (const log of logs) {
      const at = parseWib(log.date ?? log.created_at ?? '');
      if (log.institution_to) milestones.push({ status: 'forwarded', at, institution: { id: log.institution_to.id, name: log.institution_to.name } });
      const name = log.status_new?.name ?? statusInData(log.data, 'status_new');
      const status = statusFor(name);
      if (status) milestones.push({ status, at, ...(status === 'archived' || status === 'on_hold' ? { reason: reason(name!, log.content, log) } : {}) });
    }
    const status = statusFor(data.status_name);
    if (data.disposition_id != null && !milestones.some((m) => m.status === 'forwarded')) {
      milestones.push({ status: 'forwarded', at: undefined, institution: { id: data.disposition_id, name: data.disposition_name ?? '-' } });
    }
    if (status && !milestones.some((m) => m.status === status)) {
      const last = logs.at(-1);
      milestones.push({ status, at: undefined, ...(status === 'archived' || status === 'on_hold' ? { reason: reason(data.status_name, last?.content, last ?? {}) } : {}) });
    }
    return { statusName: data.status_name, status, milestones, note, content: data.content ?? null };
  }

  /**
   * A page may hold 1,000 entries: those already taken (`read.known`) are skipped unparsed,
   * and parsing stops at `read.take` new messages (`more`: the rest is for the next poll).
   */
  async followups(laporId: string, page: number, read: FollowupRead = {}): Promise<FollowupPage> {
    const what = `GET /complaints/${laporId}/followups`;
    const out = await this.call('GET', `/complaints/${encodeURIComponent(laporId)}/followups?page=${page}`, FollowupsPage);
    const items: UpstreamFollowup[] = [];
    let messages = 0;
    const entries = out.results.data;
    for (let i = 0; i < entries.length; i++) {
      const id = (entries[i] as { id?: unknown } | null)?.id;
      if (read.known && (typeof id === 'number' || typeof id === 'string') && read.known(String(id))) continue;
      const parsed = Followup.safeParse(entries[i]);
      if (!parsed.success) {
        const where = parsed.error.issues.map((x) => `results.data.${i}.${x.path.join('.')}: ${x.message}`).join('; ');
        this.log(`[upstream] ${what}: unexpected answer (${where}): ${this.redacted(JSON.stringify(entries[i]))}`);
        throw new UpstreamError(`${what}: unexpected answer (${where})`, 'ambiguous');
      }
      const f = parsed.data;
      const raw = f.template_code === 'disposition' && f.template_content ? f.template_content : (f.content ?? '');
      const base = {
        // Hashed from what LAPOR! sent, before we fill anything: the same entry, the same ref.
        ref: f.id ?? createHash('sha256').update(`${f.created_at}\n${raw}`).digest('hex').slice(0, 24),
        at: parseWib(f.created_at)!,
        message: fillPlaceholders(raw, f),
        institutionName: f.institution_from_name ?? nameOf(f.institution_from_id) ?? null,
      };
      if (f.template_code === 'disposition') {
        const to = f.institution_to_name ?? nameOf(f.institution_to_id);
        const toId = typeof f.institution_to_id === 'number' ? f.institution_to_id : undefined;
        items.push({ ...base, kind: 'disposition', institutionTo: to ? { ...(toId !== undefined ? { id: toId } : {}), name: to } : undefined });
      } else if (f.status_new?.name) items.push({ ...base, kind: 'status', statusChange: statusFor(f.status_new.name) });
      else {
        if (read.take !== undefined && messages === read.take) return { items, nextPage: undefined, more: true };
        messages++;
        items.push({ ...base, kind: 'message' });
      }
    }
    // Pages are asked for by number on OUR base URL: next_page_url only says whether there is one.
    return { items, nextPage: out.results.next_page_url && entries.length > 0 ? page + 1 : undefined, more: false };
  }

  async forward(laporId: string, institutionId: number, reason: string): Promise<void> {
    await this.call('POST', `/complaints/process/${encodeURIComponent(laporId)}/reject`, AckAnswer, {
      body: { is_request: 1, reason: String(institutionId), reason_description: reason, not_authority: 1 },
    });
  }

  async addFollowup(laporId: string, f: FollowupPush): Promise<void> {
    const form = new FormData();
    form.append('complaint_id', laporId);
    form.append('content', f.content);
    form.append('rating', String(f.rating));
    form.append('is_secret', f.secret ? '1' : '0');
    await this.call('POST', '/complaints/followup/add', AckAnswer, { body: form });
  }

  async institutions(): Promise<UpstreamInstitution[]> {
    const out = await this.call('GET', '/masters/institutions/external?page_size=1000', InstitutionsAnswer);
    return out.results.data;
  }
}

/**
 * LAPOR!'s latest note on the status. admin_lmw_v2 detail.blade.php shows
 * `collect(status_logs)->first()` as the latest; when the timestamps can be read, the
 * latest by time wins instead (an order nobody documents is not trusted).
 */
function latestNote(logs: z.infer<typeof StatusLog>[]): string | null {
  const withNote = logs.filter((l) => l.note?.trim());
  if (!withNote.length) return null;
  const timed = withNote.map((l) => ({ l, t: parseLaporTime(l.timestamp)?.getTime() }));
  const latest = timed.every((x) => x.t !== undefined) ? timed.reduce((a, b) => (b.t! > a.t! ? b : a)).l : withNote[0]!;
  return fillPlaceholders(latest.note!, latest as PlaceholderSource) || null;
}

