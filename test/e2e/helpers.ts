/**
 * End-to-end helpers: the REAL gateway as a child process (`node --import tsx
 * demo/start.ts`, exactly what `npm start` runs after the build), killed with SIGKILL
 * and restarted on the same port and database; its SQLite file read directly (readonly) so
 * "nothing lost, nothing duplicated" is counted where it is stored; one shared Chromium
 * through playwright-core (Debian's binary, never a downloaded one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const REPO = resolve(import.meta.dirname, '../..');
export const ADMIN_TOKEN = 'e2e-super-admin-token-0123456789';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A port nobody listens on right now (bind 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/** Poll `fn` until truthy, or throw with `what` after `timeoutMs`. */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition', stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(stepMs);
  }
}

/**
 * The demo's reference data with every institution on wall-clock hours (no `serviceHours`),
 * for LAPOR_REFERENCE: for tests whose expected deadline must not depend on the hour they
 * run at (the demo's dinas offices count their 4 hours in office hours only; service hours
 * have tests of their own in test/gateway). Written once per process into a temp dir.
 */
let wallClock: string | undefined;
export function wallClockReference(): string {
  if (wallClock) return wallClock;
  const data = JSON.parse(readFileSync(join(REPO, 'demo/seed-data.json'), 'utf8')) as { institutions: { serviceHours?: unknown }[] };
  for (const institution of data.institutions) delete institution.serviceHours;
  const dir = mkdtempSync(join(tmpdir(), 'lapor-e2e-reference-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  wallClock = join(dir, 'reference.json');
  writeFileSync(wallClock, JSON.stringify(data));
  return wallClock;
}

export interface GatewayProcessOptions {
  /** Extra environment (LAPOR_UPSTREAM_URL, LAPOR_RATE_LIMIT, …). */
  env?: Record<string, string>;
}

/** The gateway as a separate OS process: one temp dir (DB + files) and one port for its whole life. */
export class GatewayProcess {
  child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'lapor-e2e-'));
  readonly dbPath = join(this.dir, 'lapor.db');
  port = 0;
  output = '';

  constructor(readonly options: GatewayProcessOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LAPOR_DB: this.dbPath,
        LAPOR_DATA_DIR: this.dir,
        LAPOR_ADMIN_TOKEN: ADMIN_TOKEN,
        // No sample history (issue 28): these suites count what they store themselves.
        LAPOR_DEMO_HISTORY: 'off',
        LAPOR_RATE_LIMIT: 'off',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c) => (this.output += c));
    child.stderr!.on('data', (c) => (this.output += c));
    let exited = false;
    child.once('exit', () => (exited = true));
    await eventually(
      async () => {
        if (exited) throw new Error(`gateway exited during start:\n${this.output}`);
        const res = await fetch(`${this.url}/healthz`);
        return res.ok;
      },
      // A bound, not a pace: tsx compiling the gateway on a busy machine takes its time.
      90_000,
      `gateway /healthz on ${this.url}`,
      100,
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\n--- gateway output ---\n${this.output}`);
    });
    return this;
  }

  /** SIGKILL: no graceful close, no flushing; whatever the OS has of the DB is what survives. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await gone;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Stop (SIGTERM, then SIGKILL) and remove the temp dir. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(t);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Run `fn` on a readonly handle of the live database (WAL: sees committed rows only). */
  db<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  /** An admin API call (super-admin bearer token, no site key). */
  async admin(trackingId: string, input: Record<string, unknown>): Promise<any> {
    const res = await fetch(`${this.url}/v1/admin/reports/${trackingId}/transitions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${JSON.stringify(input)} → ${res.status} ${text}`);
    return JSON.parse(text);
  }
}

/** A citizen's submit through the public API (as the widget sends it); fails loudly unless 201. */
export async function fileReport(gw: GatewayProcess, overrides: Record<string, unknown> = {}): Promise<{ trackingId: string; accessToken: string }> {
  const res = await fetch(`${gw.url}/v1/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(validReport(overrides)),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`submit → ${res.status} ${text}`);
  return JSON.parse(text) as { trackingId: string; accessToken: string };
}

/** A complaint that the gateway accepts (institution and category from the seed data). */
export function validReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    classification: 'complaint',
    title: 'Antrean puskesmas terlalu lama',
    body: 'Sejak pagi pasien menunggu lebih dari tiga jam di loket pendaftaran tanpa kepastian dari petugas.',
    incidentDate: '2026-11-20',
    location: { text: 'Puskesmas Genteng', locationId: 'loc-kec-genteng' },
    institutionId: 'kec-genteng',
    categoryId: 'cat-infrastruktur.jalan-rusak',
    ...overrides,
  };
}


let shared: Promise<Browser> | undefined;
/**
 * One Chromium for the whole file (each test takes its own context): `npm test`'s, shared
 * by every e2e file running at the time (LAPOR_E2E_BROWSER, a playwright browser server's
 * address; scripts/test.mjs), else one launched for this file. Closing a shared one only
 * disconnects from it.
 */
export function browser(): Promise<Browser> {
  const server = process.env.LAPOR_E2E_BROWSER;
  shared ??= server ? chromium.connect(server, { timeout: 60_000 }) : chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  if (!shared) return;
  const b = await shared;
  shared = undefined;
  await b.close();
}

/**
 * A fresh context. tsx compiles functions handed to page.evaluate with esbuild's keepNames,
 * which calls a `__name` helper that only exists in Node: define a no-op one in every page.
 */
export async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await (await browser()).newContext(options);
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

/** Open the gateway's admin console and sign in with `token` as a person would (type it, Enter). */
export async function signInAdmin(page: Page, gatewayUrl: string, token: string): Promise<void> {
  await page.goto(`${gatewayUrl}/admin.html`);
  const field = page.getByLabel('Token admin');
  await field.waitFor({ timeout: 15_000 });
  await field.fill(token);
  await page.keyboard.press('Enter');
}

/**
 * Waits until the page has fetched and run the widget chunks whose names start with
 * `prefixes` (e.g. `report-list-`): code a test needs before it takes the connection away.
 * A fixed sleep was too short on a loaded CI. A chunk's resource entry appears once it is
 * fetched; importing the same URL again resolves once it, and what it imports, has run.
 */
export async function chunksLoaded(page: Page, prefixes: string[], timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    (names) => names.every((n) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/chunks/${n}`))),
    prefixes,
    { timeout: timeoutMs },
  );
  await page.evaluate(
    (names) =>
      Promise.all(
        performance
          .getEntriesByType('resource')
          .filter((e) => names.some((n) => e.name.includes(`/chunks/${n}`)))
          .map((e) => import(e.name)),
      ),
    prefixes,
  );
}
