/**
 * What the gateway benchmarks share: bench/gateway.ts (one process on SQLite) and
 * bench/gateway-cluster.ts (two processes on one PostgreSQL) start the gateway as a child
 * process with the same limits, load it from another process (bench/gateway-load.ts) and
 * time SSE delivery with raw-socket subscribers (bench/gateway-sse.ts).
 *
 * Limits stay ON (the per-client checks are part of what is measured), but the load comes
 * from ONE address, so the per-client sizes are raised for it: the submit bucket, streams
 * and connections per client above the largest subscriber count (and a watch bucket that
 * lets them all open). Everything else keeps the production defaults (options.ts).
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ADMIN = 'bench-admin-token-0123456789abcdef';
export const root = fileURLToPath(new URL('../', import.meta.url));
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** `--name=value` from the command line. */
export const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The environment that sizes the per-client limits for one load address (see the header). */
export function limitEnv(submitBucket: string, perClient: number): Record<string, string> {
  return {
    LAPOR_ADMIN_TOKEN: ADMIN,
    LAPOR_RATE_LIMIT_SUBMIT: submitBucket,
    LAPOR_RATE_LIMIT_WATCH: `${2 * perClient}:${perClient}`,
    LAPOR_STREAMS_PER_CLIENT: String(perClient),
    LAPOR_STREAMS_MAX: String(perClient),
    LAPOR_CONNECTIONS_PER_ADDRESS: String(perClient + 256),
    LAPOR_SCHEDULER_MS: '0',
  };
}

/**
 * A gateway child process on PORT=0 (npm start's demo/start.ts unless `entry` says
 * otherwise), from this checkout or another (`cwd`, for bench/gateway-ab.ts); resolves
 * with the URL it prints.
 */
export async function startGateway(
  env: Record<string, string>,
  entry: 'demo/start.ts' | 'gateway/main.ts' = 'demo/start.ts',
  cwd = root,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    env: { ...process.env, PORT: '0', ...env },
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

export async function stopGateway(gateway: { child: ChildProcess }): Promise<void> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
  gateway.child.kill('SIGTERM');
  await new Promise((r) => gateway.child.once('exit', r));
}

export async function api(url: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<any> {
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

export function once<T>(child: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
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

export interface SubmitGoal {
  perSecond: number;
  p99Ms: number;
}

/** What the load worker (bench/gateway-load.ts) measured. */
export interface SubmitLoad {
  /** Requests in the 1 s warm-up, not in the figures below. */
  warmup: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  perTarget: Record<string, number>;
}

/** POST /v1/reports from a load process over `connections` keep-alive connections, spread over `urls` round-robin. */
export function submitLoad(urls: string[], seconds: number, connections: number): Promise<SubmitLoad> {
  const worker = fork(here('./gateway-load.ts'), [urls.join(','), String(seconds), String(connections)], { execArgv: ['--import', 'tsx'] });
  return once<SubmitLoad>(worker, 'result', (seconds + 30) * 1000);
}

/** submitLoad, printed beside the goal. */
export async function benchSubmits(urls: string[], seconds: number, connections: number, goal: SubmitGoal) {
  const over = urls.length > 1 ? `, spread over ${urls.length} processes` : '';
  console.log(`\n## Submits: POST /v1/reports, ${connections} keep-alive connections${over}, ${seconds} s (after 1 s warm-up)`);
  const r = await submitLoad(urls, seconds, connections);
  console.log(`  requests   ${r.requests} in ${r.seconds.toFixed(1)} s, errors ${r.errors}, statuses ${JSON.stringify(r.statuses)}${urls.length > 1 ? `, per process ${JSON.stringify(r.perTarget)}` : ''}`);
  console.log(`  throughput ${r.perSecond.toFixed(0)} submits/s   (goal ≥ ${goal.perSecond.toLocaleString('en')}/s)  ${r.perSecond >= goal.perSecond ? 'MET' : 'SHORT'}`);
  console.log(`  latency    p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  max ${ms(r.max)}   (goal p99 < ${goal.p99Ms} ms)  ${r.p99 < goal.p99Ms ? 'MET' : 'SHORT'}`);
  return r;
}

/** Open files allowed per process (children inherit it): each subscriber is one fd in the gateway and one in the worker. */
export function fdLimit(): number {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out);
  } catch {
    return NaN;
  }
}

export interface FanoutOptions {
  /** Where the report is filed, the ticket issued and the admin transitions made. */
  actionUrl: string;
  /** Where the n subscribers connect (another process in the cluster benchmark). */
  subscribeUrl: string;
  n: number;
  rounds: number;
  /** Heading of the printed section. */
  title: string;
}

/**
 * n subscribers on one report; each admin transition is timed from just before the
 * request to the moment each subscriber has the event. Reported: p50/p99 over all
 * deliveries and the "last subscriber" time per event.
 */
export async function benchFanout({ actionUrl, subscribeUrl, n, rounds, title }: FanoutOptions) {
  const limit = fdLimit();
  if (limit < n + 256) {
    console.log(`\n## ${title} SKIPPED: ulimit -n is ${limit}; raise it (ulimit -n ${n + 1024})`);
    return undefined;
  }
  console.log(`\n## ${title}`);
  const { trackingId, accessToken } = await api(actionUrl, '/v1/reports', {
    json: {
      classification: 'aspiration',
      title: 'Usulan taman baca di balai desa',
      body: 'Kami mengusulkan taman baca untuk anak-anak di balai desa agar mereka punya tempat belajar sore hari.',
      location: { text: 'Balai Desa Kemiren' },
    },
    headers: { 'Idempotency-Key': `bench-${n}-${Date.now()}` },
  });
  const { ticket } = await api(actionUrl, '/v1/watch', { json: { reports: [{ trackingId, accessToken }] } });
  const worker = fork(here('./gateway-sse.ts'), [subscribeUrl, ticket], { execArgv: ['--import', 'tsx'] });
  try {
    worker.send({ type: 'open', n });
    const ready = await once<any>(worker, 'ready', 180_000);
    console.log(`  connected  ${ready.n} streams in ${(ready.ms / 1000).toFixed(1)} s`);
    const all: number[] = [];
    const lasts: number[] = [];
    const actions = [{ action: 'verify' }];
    for (let i = 1; i < rounds; i++) actions.push(i % 2 ? { action: 'hold' } : { action: 'resume' });
    for (let k = 0; k < actions.length; k++) {
      const delivered = once<any>(worker, 'event', 60_000);
      const t0 = performance.timeOrigin + performance.now();
      await api(actionUrl, `/v1/admin/reports/${trackingId}/transitions`, { json: actions[k], headers: { Authorization: `Bearer ${ADMIN}` } });
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
