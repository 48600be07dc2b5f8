/**
 * `npm run bench:gateway`: the gateway's two budgets, measured on this machine.
 *
 *  1. submits/s and latency: the gateway in a child process (temp DB, every limit on,
 *     WAL + synchronous=FULL as in production), load from another process
 *     (bench/gateway-load.ts) over loopback keep-alive connections.
 *  2. SSE fan-out: N subscribers (bench/gateway-sse.ts, raw sockets) on one report; an
 *     admin transition is timed from just before the request to the moment each
 *     subscriber has the event. Reported: p50/p99 over all deliveries and the "last
 *     subscriber" time per event.
 *
 * Limits stay ON (the per-client checks are part of what is measured), but the load comes
 * from ONE address, so the per-client sizes are raised for it: submit bucket
 * `--submit-bucket` (default 1000000:100000), streams and connections per client above
 * the largest subscriber count (and a watch bucket that lets them all open). Everything else keeps the production defaults (options.ts).
 *
 * Flags: --seconds=10 --connections=16 --subscribers=1000,10000 --rounds=20 --submit-bucket=C:R
 * Prints what it measures, including shortfalls. Not part of `npm test`.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '16'));
const SUBSCRIBERS = arg('subscribers', '1000,10000').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '20'));
const ADMIN = 'bench-admin-token-0123456789abcdef';
const SUBMIT_BUCKET = arg('submit-bucket', '1000000:100000');
const PER_CLIENT = Math.max(...SUBSCRIBERS) + 16;
const root = fileURLToPath(new URL('../', import.meta.url));
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function startGateway(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      LAPOR_DB: join(dir, 'lapor.db'),
      LAPOR_DATA_DIR: dir,
      LAPOR_ADMIN_TOKEN: ADMIN,
      // One address sends everything: room for it in what it uses; the rest at defaults.
      LAPOR_RATE_LIMIT_SUBMIT: SUBMIT_BUCKET,
      LAPOR_RATE_LIMIT_WATCH: `${2 * PER_CLIENT}:${PER_CLIENT}`,
      LAPOR_STREAMS_PER_CLIENT: String(PER_CLIENT),
      LAPOR_STREAMS_MAX: String(PER_CLIENT),
      LAPOR_CONNECTIONS_PER_ADDRESS: String(PER_CLIENT + 256),
      LAPOR_SCHEDULER_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code})`)));
  });
  return { child, url };
}

async function api(url: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<any> {
  const res = await fetch(url + path, {
    method: init.json ? 'POST' : 'GET',
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', ...(init.headers as Record<string, string>) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

function once<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    const onMessage = (m: any) => {
      if (m.type === type || (type === 'result' && !m.type)) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(m);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        child.off('message', onMessage);
        reject(new Error(m.message));
      }
    };
    child.on('message', onMessage);
  });
}

async function benchSubmits(url: string) {
  console.log(`\n## Submits: POST /v1/reports, ${CONNECTIONS} keep-alive connections, ${SECONDS} s (after 1 s warm-up)`);
  const worker = fork(here('./gateway-load.ts'), [url, String(SECONDS), String(CONNECTIONS)], { execArgv: ['--import', 'tsx'] });
  const r = await once<any>(worker, 'result', (SECONDS + 30) * 1000);
  console.log(`  requests   ${r.requests} in ${r.seconds.toFixed(1)} s, errors ${r.errors}, statuses ${JSON.stringify(r.statuses)}`);
  console.log(`  throughput ${r.perSecond.toFixed(0)} submits/s   (goal ≥ 1,000/s)  ${r.perSecond >= 1000 ? 'MET' : 'SHORT'}`);
  console.log(`  latency    p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  max ${ms(r.max)}   (goal p99 < 50 ms)  ${r.p99 < 50 ? 'MET' : 'SHORT'}`);
  return r;
}

/** Open files allowed per process (children inherit it): each subscriber is one fd in the gateway and one in the worker. */
function fdLimit(): number {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out);
  } catch {
    return NaN;
  }
}

async function benchFanout(url: string, n: number) {
  const limit = fdLimit();
  if (limit < n + 256) {
    console.log(`\n## SSE fan-out: ${n.toLocaleString('en')} subscribers SKIPPED: ulimit -n is ${limit}; raise it (ulimit -n ${n + 1024})`);
    return undefined;
  }
  console.log(`\n## SSE fan-out: ${n.toLocaleString('en')} subscribers on one report, ${ROUNDS} admin transitions`);
  const { trackingId, accessToken } = await api(url, '/v1/reports', {
    json: {
      classification: 'aspiration',
      title: 'Usulan taman baca di balai desa',
      body: 'Kami mengusulkan taman baca untuk anak-anak di balai desa agar mereka punya tempat belajar sore hari.',
      location: { text: 'Balai Desa Kemiren' },
    },
    headers: { 'Idempotency-Key': `bench-${n}-${Date.now()}` },
  });
  const { ticket } = await api(url, '/v1/watch', { json: { reports: [{ trackingId, accessToken }] } });
  const worker = fork(here('./gateway-sse.ts'), [url, ticket], { execArgv: ['--import', 'tsx'] });
  try {
    worker.send({ type: 'open', n });
    const ready = await once<any>(worker, 'ready', 180_000);
    console.log(`  connected  ${ready.n} streams in ${(ready.ms / 1000).toFixed(1)} s`);
    const all: number[] = [];
    const lasts: number[] = [];
    const actions = [{ action: 'verify' }];
    for (let i = 1; i < ROUNDS; i++) actions.push(i % 2 ? { action: 'hold' } : { action: 'resume' });
    for (let k = 0; k < actions.length; k++) {
      const delivered = once<any>(worker, 'event', 60_000);
      const t0 = performance.timeOrigin + performance.now();
      await api(url, `/v1/admin/reports/${trackingId}/transitions`, { json: actions[k], headers: { Authorization: `Bearer ${ADMIN}` } });
      const { arrivals } = await delivered;
      const lat = (arrivals as number[]).map((a) => a - t0);
      all.push(...lat);
      lasts.push(Math.max(...lat));
      await new Promise((r) => setTimeout(r, 100));
    }
    all.sort((a, b) => a - b);
    lasts.sort((a, b) => a - b);
    const p99 = pct(all, 99);
    console.log(`  deliveries ${all.length.toLocaleString('en')}: p50 ${ms(pct(all, 50))}  p99 ${ms(p99)}  max ${ms(all.at(-1)!)}   (goal p99 < 1 s)  ${p99 < 1000 ? 'MET' : 'SHORT'}`);
    console.log(`  last subscriber per event: p50 ${ms(pct(lasts, 50))}  p99 ${ms(pct(lasts, 99))}`);
    return { n, p50: pct(all, 50), p99, lastP50: pct(lasts, 50), lastP99: pct(lasts, 99) };
  } finally {
    worker.send({ type: 'close' });
    await new Promise((r) => worker.once('exit', r));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lapor-bench-'));
const gateway = await startGateway(dir);
console.log(`# gateway benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`  gateway ${gateway.url} (child process, SQLite WAL synchronous=FULL in ${dir})`);
console.log(`  limits on: submit bucket ${SUBMIT_BUCKET} (one load address), streams/connections per client ${PER_CLIENT}/${PER_CLIENT + 256}, others default`);
// The machine may be shared (other test suites): the load average says how much.
console.log(`  load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  await benchSubmits(gateway.url);
  for (const n of SUBSCRIBERS) await benchFanout(gateway.url, n);
} catch (err) {
  console.error(`benchmark failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  console.log(`\n  load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  gateway.child.kill('SIGTERM');
  await new Promise((r) => gateway.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
