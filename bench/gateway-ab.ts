/**
 * `npm run bench:ab -- --base=<checkout>`: submits/s of this checkout against another one
 * (the code before a change: `git worktree add /tmp/base <commit>` and a hard-linked
 * `cp -al node_modules`), interleaved on the same machine in the same minutes, so that a
 * shared or busy machine moves both alike and the ratio stays meaningful.
 *
 * Each round runs both, in alternating order (A B, B A, …): fresh gateway(s) from each
 * checkout, the same load worker (this checkout's bench/gateway-load.ts, limits as in
 * bench/gateway.ts), `--seconds` of submits after 1 s of warm-up. Besides submits/s and
 * latency it reports the CPU each submit cost the gateway process(es) (and PostgreSQL's
 * backends), read from /proc: a figure a busy machine moves much less than throughput.
 *
 *   --db=sqlite       one gateway on a SQLite file (npm start's demo/start.ts), as bench:gateway
 *   --db=postgres     two gateway/main.ts processes on one throwaway PostgreSQL, as bench:cluster
 *
 * Flags: --base=DIR (required) --db=sqlite|postgres --rounds=5 --seconds=8 --connections=16
 * Not part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { postgresMissing, startPostgres } from '../test/gateway/postgres-server.js';
import { testDatabase } from '../test/gateway/test-database.js';
import { arg, limitEnv, root, startGateway, stopGateway, submitLoad, type SubmitLoad } from './gateway-bench.js';

const BASE = arg('base', '');
const DB = arg('db', 'sqlite');
const ROUNDS = Number(arg('rounds', '5'));
const SECONDS = Number(arg('seconds', '8'));
const CONNECTIONS = Number(arg('connections', '16'));
if (!BASE || !existsSync(join(BASE, 'gateway/gateway.ts')) || !['sqlite', 'postgres'].includes(DB)) {
  console.error('usage: npm run bench:ab -- --base=<another checkout with node_modules> [--db=sqlite|postgres] [--rounds=5] [--seconds=8]');
  process.exit(2);
}
const trees = { base: resolve(BASE), this: root.replace(/\/$/, '') };

/** User + system CPU of processes, ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

/** Every process named `postgres` (the throwaway cluster's backends). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Run extends SubmitLoad {
  tree: keyof typeof trees;
  gatewayCpuPerSubmit: number;
  postgresCpuPerSubmit?: number;
  load: string;
}

const server = DB === 'postgres' ? await startPostgresOrExit() : undefined;

async function startPostgresOrExit() {
  const missing = postgresMissing();
  if (missing) {
    console.log(`# gateway A/B on PostgreSQL SKIPPED: ${missing}`);
    process.exit(1);
  }
  return startPostgres();
}

async function measure(tree: keyof typeof trees): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-bench-ab-'));
  const db = server ? await testDatabase(server.url) : undefined;
  const env = db
    ? { LAPOR_DATABASE_URL: db.url!, LAPOR_SECRET: randomBytes(32).toString('hex'), LAPOR_DATA_DIR: dir, LAPOR_REFERENCE: 'demo/seed-data.json', ...limitEnv('1000000:100000', 1016) }
    : { LAPOR_DB: join(dir, 'lapor.db'), LAPOR_DATA_DIR: dir, ...limitEnv('1000000:100000', 1016) };
  const gateways = [];
  try {
    // PostgreSQL: the first process migrates the fresh database, the second finds it ready.
    for (let i = 0; i < (db ? 2 : 1); i++) gateways.push(await startGateway(env, db ? 'gateway/main.ts' : 'demo/start.ts', trees[tree]));
    const pids = gateways.map((g) => g.child.pid!);
    const load = loadavg()[0]!.toFixed(2);
    const [gw0, pg0] = [cpuMs(pids), server ? cpuMs(postgresPids()) : 0];
    const r = await submitLoad(gateways.map((g) => g.url), SECONDS, CONNECTIONS);
    const submits = r.warmup + r.requests;
    const gatewayCpuPerSubmit = (cpuMs(pids) - gw0) / submits;
    const postgresCpuPerSubmit = server ? (cpuMs(postgresPids()) - pg0) / submits : undefined;
    return { ...r, tree, gatewayCpuPerSubmit, postgresCpuPerSubmit, load };
  } finally {
    for (const g of gateways) await stopGateway(g);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const line = (r: Run) =>
  `  ${r.tree.padEnd(4)}  ${r.perSecond.toFixed(0).padStart(5)}/s  p50 ${r.p50.toFixed(1).padStart(5)}  p99 ${r.p99.toFixed(1).padStart(6)} ms  ` +
  `errors ${r.errors}  gateway CPU ${r.gatewayCpuPerSubmit.toFixed(3)} ms/submit` +
  (r.postgresCpuPerSubmit !== undefined ? `  PostgreSQL CPU ${r.postgresCpuPerSubmit.toFixed(3)} ms/submit` : '') +
  `  (load ${r.load})`;

const what = server ? `PostgreSQL ${server.version} (fsync on), 2 gateway/main.ts processes` : 'SQLite (demo/start.ts, one process)';
console.log(`# gateway A/B — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${what}`);
console.log(`  base ${trees.base}\n  this ${trees.this}`);
console.log(`  ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} keep-alive connections, order alternating; load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const runs: Run[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const order: (keyof typeof trees)[] = round % 2 ? ['this', 'base'] : ['base', 'this'];
    for (const tree of order) {
      const r = await measure(tree);
      runs.push(r);
      console.log(line(r));
    }
  }
} finally {
  await server?.stop();
}
const of = (tree: keyof typeof trees, f: (r: Run) => number | undefined) => median(runs.filter((r) => r.tree === tree).map((r) => f(r) ?? NaN));
const row = (label: string, f: (r: Run) => number | undefined, digits: number) => {
  const [b, t] = [of('base', f), of('this', f)];
  if (Number.isNaN(b)) return;
  console.log(`  ${label.padEnd(30)} base ${b.toFixed(digits).padStart(8)}   this ${t.toFixed(digits).padStart(8)}   this/base ${(t / b).toFixed(2)}×`);
};
console.log(`\n## medians over ${ROUNDS} rounds (load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
row('submits/s', (r) => r.perSecond, 0);
row('latency p50, ms', (r) => r.p50, 1);
row('latency p99, ms', (r) => r.p99, 1);
row('gateway CPU per submit, ms', (r) => r.gatewayCpuPerSubmit, 3);
row('PostgreSQL CPU per submit, ms', (r) => r.postgresCpuPerSubmit, 3);
