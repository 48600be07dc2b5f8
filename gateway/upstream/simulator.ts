/**
 * A stand-in for SP4N-LAPOR!'s integration API that answers in LAPOR!'s own envelopes
 * (the shapes of test/fixtures/lapor/, each citing the public client it comes from) and
 * misbehaves the way a remote government API, or something hostile in front of it, does:
 *  - two secrets, `<authHeader>: Bearer <auth>` and `token`; `authHeader` is `auth` (the
 *    production SPLP gateway, default) or `Authorization` (the training API), and ONLY that
 *    one is accepted: 401 `{success: false, message: 'Unauthenticated.'}` otherwise;
 *  - a create answered `{complaint_id}` or `{results: {complaint: {id}}}` (`createAnswer`);
 *  - follow-ups paged (`?page=N`, `next_page_url`), times as WIB `d-m-Y H:i:s`;
 *    dispositions as follow-ups with `template_code: 'disposition'`; status notes in
 *    `results.data.status_logs[]` (newest first) with placeholders;
 *  - `decline(path, n, message)`: 200 `{success: false, message}` to the next n requests;
 *  - `throttle(n, seconds)`: the next n requests get 429 + Retry-After;
 *  - `delayMs` (every answer), `slowCreate(ms, until?)` (the next create is made at once
 *    but answered after `ms`); `mode`: `fail` (500), `hang` (never answers),
 *    `create-then-fail` / `create-then-hang` (made, answer lost), `refuse-create` (422);
 *  - `redirectTo(url)`: every request answered 307 to another origin;
 *  - `hugeAnswer(bytes)`: the next answer streams that many bytes (`bytesStreamed` counts
 *    what actually left before the client hung up);
 *  - `flood(id, n, bytes)`: n follow-ups of about `bytes` each.
 * There is no search: no public client shows one, and the gateway must not need it.
 *
 *   npx tsx gateway/upstream/simulator.ts   # SIM_PORT (8788), LAPOR_UPSTREAM_AUTH / _TOKEN / _AUTH_HEADER
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatWib } from './wib.js';

export type SimMode = 'ok' | 'fail' | 'hang' | 'create-then-fail' | 'create-then-hang' | 'refuse-create';

export interface SimLog {
  date: string;
  content: string;
  institution_from_name?: string | null;
  institution_to_name?: string | null;
  institution_to?: { id: number; name: string } | null;
  status_old?: { name: string } | null;
  status_new?: { name: string } | null;
}

export interface SimFollowup {
  id: number;
  content: string;
  created_at: string;
  institution_from_name: string | null;
  institution_to_name: string | null;
  status_old?: { name: string } | null;
  status_new?: { name: string } | null;
  template_code?: string;
  template_content?: string;
  rating?: number;
}

export interface SimComplaint {
  id: number;
  payload: Record<string, unknown>;
  content: string;
  status_name: string;
  disposition_id: number | null;
  disposition_name: string | null;
  logs: SimLog[];
  /** Newest first, as admin_lmw_v2's detail.blade.php reads them. */
  status_logs: { note: string; timestamp: string }[];
  followups: SimFollowup[];
}

export interface SimRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  auth: string | undefined;
  token: string | undefined;
}

const NUMERIC = ['channel', 'classification_id', 'category_id', 'location_id', 'disposition_id'] as const;
const SECRETARIAT = 'Kementerian Sekretariat Negara';

export class LaporSimulator {
  mode: SimMode = 'ok';
  /** The one header the key is accepted in. */
  authHeader: 'auth' | 'Authorization' = 'auth';
  createAnswer: 'complaint_id' | 'results.complaint.id' = 'complaint_id';
  /** Every answer waits this long first (slow LAPOR!). */
  delayMs = 0;
  /** Follow-ups per page. */
  pageSize = 1;
  institutions: { id: number; name: string }[] = [];
  readonly complaints = new Map<number, SimComplaint>();
  readonly uploads: { name: string; type: string; id: number }[] = [];
  readonly rejects: { complaintId: number; body: Record<string, unknown> }[] = [];
  readonly followupsAdded: { complaint_id: string; content: string; rating: string; is_secret: string }[] = [];
  readonly requests: SimRequest[] = [];
  /** Bytes of huge answers that actually went out. */
  bytesStreamed = 0;
  /** Requests being answered now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private throttled = 0;
  private retryAfterS = 1;
  private declines: { path: string; left: number; message: string }[] = [];
  private slowCreates: { ms: number; until?: Promise<unknown> }[] = [];
  private redirect: { status: number; location: string } | undefined;
  private huge = 0;
  private server: Server | undefined;
  private hanging = new Set<ServerResponse>();
  private nextId = 8_123_456;
  private nextFile = 4_199_656;
  private nextFollowup = 99_001;

  constructor(
    readonly auth = 'sim-auth',
    readonly token = '{SIM-TOKEN-GUID}',
  ) {}

  /** Complaints created (what must happen exactly once per report). */
  get created(): number {
    return [...this.complaints.values()].filter((c) => !c.payload.foreign).length;
  }

  /** Complaints whose content carries this tracking number. */
  countFor(trackingId: string): number {
    return [...this.complaints.values()].filter((c) => c.content.includes(trackingId)).length;
  }

  complaintFor(trackingId: string): SimComplaint | undefined {
    return [...this.complaints.values()].find((c) => c.content.includes(trackingId));
  }

  /** Someone else's complaint on the same LAPOR!. */
  addForeign(content: string): number {
    const id = ++this.nextId;
    this.complaints.set(id, { id, payload: { foreign: true }, content, status_name: 'Dalam Proses', disposition_id: null, disposition_name: null, logs: [], status_logs: [], followups: [] });
    return id;
  }

  throttle(requests: number, retryAfterSeconds = 1): void {
    this.throttled = requests;
    this.retryAfterS = retryAfterSeconds;
  }

  /** The next `times` requests to `path` (no query) are answered 200 `{success: false, message}`. */
  decline(path: string, times: number, message: string): void {
    this.declines.push({ path, left: times, message });
  }

  /** The next create is made at once and answered after `ms` (and not before `until`, when given). */
  slowCreate(ms: number, until?: Promise<unknown>): void {
    this.slowCreates.push({ ms, until });
  }

  /** Every request answered with a redirect to `location` (undefined: stop). */
  redirectTo(location: string | undefined, status = 307): void {
    this.redirect = location ? { status, location } : undefined;
  }

  /** The next answer is `bytes` long (a broken or hostile upstream). */
  hugeAnswer(bytes: number): void {
    this.huge = bytes;
  }

  /**
   * LAPOR! moves the complaint to another status at `at`: a data_logs entry (with the
   * template text LAPOR! keeps) and, when given, a status_logs note.
   */
  setStatus(id: number, name: string, at = new Date(), content = '{{institution_from}} mengubah status laporan menjadi {{status_new}}', note?: string): void {
    const c = this.complaints.get(id)!;
    c.logs.push({ date: formatWib(at), content, institution_from_name: SECRETARIAT, status_old: { name: c.status_name }, status_new: { name } });
    if (note) c.status_logs.unshift({ note, timestamp: formatWib(at) });
    c.status_name = name;
  }

  /** LAPOR! disposes the complaint to an institution at `at` (a data_logs entry). */
  dispose(id: number, institution: { id: number; name: string }, at = new Date()): void {
    const c = this.complaints.get(id)!;
    c.disposition_id = institution.id;
    c.disposition_name = institution.name;
    c.logs.push({ date: formatWib(at), content: '{{institution_from}} mendisposisikan laporan ke {{institution_to}}', institution_to: institution, institution_to_name: institution.name });
  }

  /**
   * LAPOR! disposes the complaint as a follow-up (whatsapp-admin followup.blade.php):
   * `template_code: 'disposition'`, placeholders in `template_content`, and text in
   * `content` that is an instruction to the institution, not a response to the citizen.
   */
  disposeViaFollowup(id: number, institution: { id: number; name: string }, at = new Date(), content = 'Mohon ditindaklanjuti sesuai kewenangan.'): void {
    const c = this.complaints.get(id)!;
    c.disposition_id = institution.id;
    c.disposition_name = institution.name;
    c.followups.push({
      id: this.nextFollowup++,
      content,
      created_at: formatWib(at),
      institution_from_name: SECRETARIAT,
      institution_to_name: institution.name,
      template_code: 'disposition',
      template_content: '<b>{{institution_from}}</b> mendisposisikan laporan ke <a href="{{institution_to_link}}">{{institution_to}}</a>',
    });
  }

  /** An institution writes a follow-up at `at`. */
  addFollowup(id: number, content: string, at = new Date(), institution = 'Kecamatan Genteng'): void {
    this.complaints.get(id)!.followups.push({
      id: this.nextFollowup++,
      content,
      created_at: formatWib(at),
      institution_from_name: institution,
      institution_to_name: SECRETARIAT,
    });
  }

  /** `n` follow-ups of about `bytes` each, one second apart from `at`. */
  flood(id: number, n: number, bytes = 1024, at = new Date()): void {
    const filler = 'Tindak lanjut rutin. '.repeat(Math.ceil(bytes / 21)).slice(0, bytes);
    for (let i = 0; i < n; i++) this.addFollowup(id, `${i + 1}. ${filler}`, new Date(at.getTime() + i * 1000));
  }

  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) =>
      this.server!.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`)),
    );
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private hang(res: ServerResponse): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  private streamHuge(res: ServerResponse, bytes: number): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (this.bytesStreamed < bytes && !res.destroyed) {
        const ok = res.write(chunk);
        this.bytesStreamed += chunk.length;
        if (!ok) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('error', () => undefined);
    pump();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    res.on('close', () => this.inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname;
    const headerOf = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
    this.requests.push({
      method: req.method ?? 'GET',
      path: `${path}${url.search}`,
      authorization: headerOf(req.headers.authorization),
      auth: headerOf(req.headers.auth),
      token: headerOf(req.headers.token),
    });
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.redirect) return this.send(res, this.redirect.status, { message: 'Moved' }, { Location: this.redirect.location });
    if (this.mode === 'hang') return this.hang(res);
    const key = headerOf(req.headers[this.authHeader.toLowerCase()]);
    const other = headerOf(req.headers[this.authHeader === 'auth' ? 'authorization' : 'auth']);
    if (key !== `Bearer ${this.auth}` || other !== undefined || req.headers.token !== this.token) {
      return this.send(res, 401, { success: false, message: 'Unauthenticated.' });
    }
    if (this.throttled > 0) {
      this.throttled--;
      return this.send(res, 429, { message: 'Too Many Attempts.' }, { 'Retry-After': String(this.retryAfterS) });
    }
    if (this.huge) {
      const bytes = this.huge;
      this.huge = 0;
      return this.streamHuge(res, bytes);
    }
    const declined = this.declines.find((d) => d.path === path && d.left > 0);
    if (declined) {
      declined.left--;
      return this.send(res, 200, { success: false, message: declined.message });
    }
    const creating = req.method === 'POST' && path === '/complaints/complaint';
    if (this.mode === 'fail') return this.send(res, 500, { message: 'Server Error' });

    if (req.method === 'POST' && path === '/complaints/complaint/file') {
      const form = await this.form(req, body);
      const images: { id: number }[] = [];
      const docs: { id: number }[] = [];
      for (const f of form.getAll('attachments[]')) {
        if (typeof f === 'string') continue;
        const id = this.nextFile++;
        this.uploads.push({ name: f.name, type: f.type, id });
        (f.type.startsWith('image/') ? images : docs).push({ id });
      }
      return this.send(res, 200, { success: true, message: 'Upload berhasil', results: { images, docs } });
    }
    if (creating) {
      const payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (this.mode === 'refuse-create') return this.send(res, 422, { success: false, message: 'The given data was invalid.', errors: { title: ['Judul sudah digunakan.'] } });
      const bad = NUMERIC.filter((k) => typeof payload[k] !== 'number');
      if (bad.length || typeof payload.attachments !== 'string' || !/^\[(\d+(,\d+)*)?\]$/.test(payload.attachments)) {
        return this.send(res, 422, { success: false, message: 'The given data was invalid.', errors: { fields: bad.length ? bad : ['attachments'] } });
      }
      const id = ++this.nextId;
      const disposition = this.institutions.find((i) => i.id === payload.disposition_id);
      this.complaints.set(id, {
        id,
        payload,
        content: String(payload.content ?? ''),
        status_name: 'Belum Terverifikasi',
        disposition_id: null,
        disposition_name: disposition?.name ?? null,
        logs: [{ date: formatWib(new Date()), content: 'Laporan diterima' }],
        status_logs: [],
        followups: [],
      });
      if (this.mode === 'create-then-fail') return this.send(res, 500, { message: 'Server Error' });
      if (this.mode === 'create-then-hang') return this.hang(res);
      const slow = this.slowCreates.shift();
      if (slow) await Promise.all([new Promise((r) => setTimeout(r, slow.ms)), slow.until]);
      const answer = this.createAnswer === 'complaint_id' ? { complaint_id: id } : { results: { complaint: { id, title: payload.title } } };
      return this.send(res, 200, { success: true, message: 'Pengaduan berhasil dibuat', ...answer });
    }
    if (req.method === 'GET' && path === '/masters/institutions/external') {
      return this.send(res, 200, { results: { data: this.institutions } });
    }
    if (req.method === 'POST' && path === '/complaints/followup/add') {
      const form = await this.form(req, body);
      const field = (k: string) => String(form.get(k) ?? '');
      const c = this.complaints.get(Number(field('complaint_id')));
      if (!c) return this.send(res, 404, { success: false, message: 'Pengaduan tidak ditemukan' });
      const entry = { complaint_id: field('complaint_id'), content: field('content'), rating: field('rating'), is_secret: field('is_secret') };
      this.followupsAdded.push(entry);
      c.followups.push({ id: this.nextFollowup++, content: entry.content, created_at: formatWib(new Date()), institution_from_name: 'Akun integrasi', institution_to_name: c.disposition_name, rating: Number(entry.rating) });
      return this.send(res, 200, { success: true, message: 'Tindak lanjut berhasil ditambahkan' });
    }
    const reject = path.match(/^\/complaints\/process\/(\d+)\/reject$/);
    if (req.method === 'POST' && reject) {
      const c = this.complaints.get(Number(reject[1]));
      if (!c) return this.send(res, 404, { success: false, message: 'Pengaduan tidak ditemukan' });
      this.rejects.push({ complaintId: c.id, body: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
      return this.send(res, 200, { success: true, message: 'Permintaan berhasil dikirim' });
    }
    const m = path.match(/^\/complaints\/(\d+)\/(complaint|followups)$/);
    if (req.method === 'GET' && m) {
      const c = this.complaints.get(Number(m[1]));
      if (!c) return this.send(res, 404, { success: false, message: 'Pengaduan tidak ditemukan' });
      if (m[2] === 'complaint') {
        return this.send(res, 200, {
          results: {
            data: {
              id: c.id,
              status_code: c.status_name.slice(0, 2).toUpperCase(),
              status_name: c.status_name,
              disposition_id: c.disposition_id,
              disposition_name: c.disposition_name,
              content: c.content,
              status_logs: c.status_logs,
            },
            data_logs: c.logs,
          },
        });
      }
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const slice = c.followups.slice((page - 1) * this.pageSize, page * this.pageSize);
      const more = page * this.pageSize < c.followups.length;
      return this.send(res, 200, {
        results: {
          current_page: page,
          data: slice,
          next_page_url: more ? `https://lapor.example/complaints/${c.id}/followups?page=${page + 1}` : null,
          per_page: this.pageSize,
        },
      });
    }
    this.send(res, 404, { success: false, message: 'Route not found' });
  }

  private form(req: IncomingMessage, body: Buffer): Promise<FormData> {
    return new Request('http://sim/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(body) }).formData();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sim = new LaporSimulator(process.env.LAPOR_UPSTREAM_AUTH ?? 'sim-auth', process.env.LAPOR_UPSTREAM_TOKEN ?? '{SIM-TOKEN-GUID}');
  if (process.env.LAPOR_UPSTREAM_AUTH_HEADER?.toLowerCase() === 'authorization') sim.authHeader = 'Authorization';
  // LAPOR!'s masters list for the demo: every seeded institution, as LAPOR! might spell it,
  // so the gateway's name matching finds them all.
  const { demoReference } = await import('../../demo/seed.js');
  sim.institutions = demoReference().institutions.map((inst, i) => ({ id: 2000 + i, name: `${inst.name} Kabupaten Banyuwangi` }));
  const url = await sim.listen(Number(process.env.SIM_PORT ?? 8788));
  console.log(`LAPOR! simulator on ${url} (LAPOR_UPSTREAM_AUTH=${sim.auth} LAPOR_UPSTREAM_TOKEN=${sim.token} LAPOR_UPSTREAM_AUTH_HEADER=${sim.authHeader})`);
}
