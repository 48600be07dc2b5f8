/**
 * Gateway test helpers: a real gateway on an ephemeral port over a real SQLite file in a
 * temp dir (or, with LAPOR_TEST_DATABASE_URL, a fresh PostgreSQL database per gateway),
 * a small JSON client, a valid report body, and an SSE reader over fetch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseAdminTokens } from '../../gateway/config.js';
import { createGateway, REPO_ROOT, type Gateway } from '../../gateway/gateway.js';
import { demoReference } from '../../demo/seed.js';
import { DEFAULT_SITE_KEYS, type GatewayOptions } from '../../gateway/options.js';
import { testDatabase, type TestDatabase } from './test-database.js';

export const ADMIN = 'test-super-admin-token';

/** Scoped admin tokens every test gateway gets (as LAPOR_ADMIN_TOKENS would configure them). */
export const SCOPED = {
  dinkes: 'test-scoped-dinkes-0123456789abcdef',
  pkmKabat: 'test-scoped-pkm-kabat-0123456789abcdef',
  kecGenteng: 'test-scoped-kec-genteng-0123456789abcdef',
} as const;
export const SCOPED_TOKENS = parseAdminTokens(
  JSON.stringify({
    [SCOPED.dinkes]: { institution: 'opd-dinkes' },
    [SCOPED.pkmKabat]: { institution: 'pkm-kabat' },
    [SCOPED.kecGenteng]: { institution: 'kec-genteng' },
  }),
)!;

/** A clock tests can move: `clock.advance(ms)`. */
export class TestClock {
  constructor(public t = Date.parse('2026-12-07T02:00:00.000Z')) {} // Monday 09:00 WIB
  now = () => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface ApiResult<T = any> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export interface RequestOpts {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  siteKey?: string | null;
  lang?: string;
  token?: string;
}

export class TestGateway {
  constructor(
    public gw: Gateway,
    public url: string,
    readonly dir: string,
    readonly options: GatewayOptions,
    /** The PostgreSQL database this gateway owns (a no-op on SQLite). */
    private readonly database: TestDatabase = { url: undefined, drop: async () => {} },
  ) {}

  async api<T = any>(path: string, opts: RequestOpts = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.siteKey !== null) headers['X-Lapor-Site-Key'] = opts.siteKey ?? 'demo-opd';
    if (opts.lang) headers['Accept-Language'] = opts.lang;
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData || typeof opts.body === 'string') body = opts.body;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.url + path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  submit(body: unknown = validReport(), key: string = randomUUID(), opts: RequestOpts = {}) {
    return this.api('/v1/reports', { ...opts, body, headers: { 'Idempotency-Key': key, ...opts.headers } });
  }

  /** Submit and return {trackingId, accessToken}; fails loudly if not 201. */
  async create(body: unknown = validReport(), opts: RequestOpts = {}): Promise<{ trackingId: string; accessToken: string; report: any }> {
    const r = await this.submit(body, randomUUID(), opts);
    if (r.status !== 201) throw new Error(`submit failed: ${r.status} ${r.text}`);
    return r.json;
  }

  transition(trackingId: string, input: unknown, token = ADMIN, lang?: string) {
    return this.api(`/v1/admin/reports/${trackingId}/transitions`, { body: input, token, siteKey: null, lang });
  }

  /** Close, then open a new gateway on the same database (SQLite file or PostgreSQL) and data dir. */
  async restart(overrides: Partial<GatewayOptions> = {}, samePort = false): Promise<void> {
    await this.stop();
    // Let pooled keep-alive client sockets see the close before anyone reuses them.
    await new Promise((r) => setTimeout(r, 20));
    Object.assign(this.options, overrides);
    this.gw = await createGateway(this.options);
    this.#stopped = false;
    this.url = (await this.gw.listen(samePort ? Number(new URL(this.url).port) : 0)).url;
    await waitUntilLeading(this.gw); // the one before let go of its leaderships as it closed
  }

  #stopped = false;

  /** The process ends; its database and files stay, for another process on them. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.gw.close();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * `LAPOR_TEST_FULL_SCALE=1` runs the load tests at the size their issue measured (10,000
 * junk ids, 10,000 events in the log) instead of the smaller size npm test uses to stay
 * within its 8 minutes; the claims asserted are the same.
 */
export const FULL_SCALE = process.env.LAPOR_TEST_FULL_SCALE === '1';

/**
 * `describe(…, { skip: SPAWNS_SQLITE_ONLY }, …)` for tests whose gateways are spawned
 * processes on their own SQLite file (npm start, kill -9, the start banner): they run the
 * same whatever LAPOR_TEST_DATABASE_URL says, so the PostgreSQL lane of `npm test` skips
 * them rather than run them a second time (the node lane runs them).
 */
export const SPAWNS_SQLITE_ONLY: string | false = process.env.LAPOR_TEST_DATABASE_URL ? 'spawned gateways on SQLite: run once, in the node lane' : false;

/**
 * The demo's reference data with every institution on wall-clock hours (no serviceHours):
 * for tests whose expected deadline must not depend on the hour they run at (the demo's
 * dinas offices count their 4 hours in office hours; service-hours.test.ts tests those).
 */
export function wallClockReference(): ReturnType<typeof demoReference> {
  const reference = demoReference();
  for (const institution of reference.institutions) delete institution.serviceHours;
  return reference;
}

export async function startGateway(overrides: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-gw-'));
  const database = await testDatabase();
  const options: GatewayOptions = {
    dbPath: join(dir, 'lapor.db'),
    ...(database.url ? { databaseUrl: database.url } : {}),
    dataDir: dir,
    adminToken: ADMIN,
    siteKeys: {
      ...DEFAULT_SITE_KEYS,
      'portal-desa': { origins: ['https://desa.example'], channel: 'other' },
    },
    schedulerIntervalMs: 0,
    heartbeatMs: 0,
    adminTokens: SCOPED_TOKENS,
    rateLimit: { submit: false, upload: false, read: false, watch: false, followup: false, admin: false, guessClient: false, guessReport: false, guessPair: false },
    logErrors: false,
    // As `npm start` (demo/start.ts) runs it: Banyuwangi's reference data, demo pages first.
    reference: demoReference(),
    demo: true,
    pagesDirs: [join(overrides.rootDir ?? REPO_ROOT, 'demo', 'pages'), join(overrides.rootDir ?? REPO_ROOT, 'gateway', 'pages')],
    ...overrides,
  };
  let gw: Gateway;
  try {
    gw = await createGateway(options);
  } catch (err) {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const { url } = await gw.listen(0);
  // Alone in its database, the gateway leads. On PostgreSQL the leaderships are taken a few
  // round trips after the start: a test that drains the forwarder before then would race
  // its start (which, e.g., retries every report held for a mapping).
  if (!overrides.databaseUrl) await waitUntilLeading(gw);
  return new TestGateway(gw, url, dir, options, database);
}

async function waitUntilLeading(gw: Gateway, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!gw.leading) {
    if (Date.now() > until) throw new Error('the test gateway did not take its leaderships in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function validReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: 'complaint',
    title: 'Jalan berlubang di depan pasar',
    body: 'Jalan di depan Pasar Genteng berlubang besar sejak dua minggu dan membahayakan pengendara motor.',
    incidentDate: '2026-11-20',
    location: { text: 'Pasar Genteng', locationId: 'loc-kec-genteng' },
    institutionId: 'kec-genteng',
    categoryId: 'cat-infrastruktur.jalan-rusak',
    ...overrides,
  };
}

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Reads an SSE stream with fetch: `events` fills as frames arrive; `waitFor(n)` resolves
 * once n events are there; comments (`: ping`) are counted separately.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  comments = 0;
  retry: number | undefined;
  status = 0;
  headers: Headers | undefined;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  done: Promise<void>;
  private ready!: () => void;
  readonly opened: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.opened = new Promise((r) => (this.ready = r));
    this.done = this.run(url, headers).catch(() => undefined);
  }

  private async run(url: string, headers: Record<string, string>): Promise<void> {
    const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: this.controller.signal });
    this.status = res.status;
    this.headers = res.headers;
    this.ready();
    if (!res.ok || !res.body) return;
    for await (const blocks of sseBlocks(res.body)) {
      for (const block of blocks) {
        const ev: SseEvent = { data: '' };
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) this.comments++;
          else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
          else if (line.startsWith('id: ')) ev.id = line.slice(4);
          else if (line.startsWith('event: ')) ev.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            ev.data += line.slice(6);
            isEvent = true;
          }
        }
        if (isEvent) this.events.push(ev);
      }
      for (const w of this.waiters.splice(0)) w();
    }
  }

  async waitFor(n: number, timeoutMs = 3000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < n) {
      if (Date.now() > deadline) throw new Error(`SSE: wanted ${n} events, got ${this.events.length}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.events.slice(0, n);
  }

  close(): void {
    this.controller.abort();
  }
}

/**
 * The SSE framing both SSE test clients in this file share (SseReader, MiniEventSource): per network chunk, the complete
 * blank-line-terminated blocks it finished (possibly none, so a caller can still react
 * to every chunk), without the terminator. A trailing partial block is kept for the next chunk.
 */
async function* sseBlocks(body: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    const blocks: string[] = [];
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      blocks.push(buf.slice(0, i));
      buf = buf.slice(i + 2);
    }
    yield blocks;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns truthy (or time out). */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, stepMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('eventually: timed out');
    await sleep(stepMs);
  }
}

/** Small real PNG, JPEG and PDF files: the gateway decodes and parses what it stores. */
export { JPEG, PDF, PNG } from './files.js';

/**
 * A minimal EventSource for Node 20 (which has none) over fetch, enough for the SDK's
 * watch(): onopen/onerror, addEventListener per event type, lastEventId, close(). It does
 * not reconnect by itself; the SDK's own reconnect logic is what is under test.
 */
export class MiniEventSource extends EventTarget {
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  readyState = 0;
  private readonly controller = new AbortController();

  constructor(readonly url: string) {
    super();
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      const res = await fetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.controller.signal });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      this.readyState = 1;
      this.onopen?.(new Event('open'));
      for await (const blocks of sseBlocks(res.body)) {
        for (const block of blocks) {
          let type = 'message';
          let id = '';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7);
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) this.dispatchEvent(new MessageEvent(type, { data: data.join('\n'), lastEventId: id }));
        }
      }
      throw new Error('stream ended');
    } catch {
      if (this.readyState === 2) return;
      this.readyState = 2;
      this.onerror?.(new Event('error'));
    }
  }

  close(): void {
    this.readyState = 2;
    this.controller.abort();
  }
}
