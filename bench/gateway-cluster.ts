/**
 * `npm run bench:cluster`: DESIGN.md's budget row "gateway on PostgreSQL, 2 processes
 * behind one address: ≥ 500 submits/s, p99 < 100 ms; an event reaches a subscriber of
 * the other process p99 < 1 s", measured on this machine.
 *
 * A throwaway PostgreSQL (test/gateway/postgres-server.ts: Debian's binaries, fsync and
 * synchronous_commit on, as in production) with one fresh database; two production
 * gateway processes (gateway/main.ts, Banyuwangi's reference data via LAPOR_REFERENCE)
 * share it, LAPOR_SECRET and the data dir. Same method and limits as bench/gateway.ts
 * (bench/gateway-bench.ts):
 *  1. submits/s and latency: the load process spreads its keep-alive connections over
 *     both processes, as a load balancer in front of them spreads connections;
 *  2. cross-process SSE: N subscribers on process B; the report is filed, its ticket
 *     issued and every admin transition made on process A. Each delivery is timed from
 *     just before A's request to the moment a subscriber on B has the event.
 *
 * Flags: --seconds=10 --connections=16 --subscribers=1000 --rounds=20 --submit-bucket=C:R
 * Prints what it measures, including shortfalls. Not part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresMissing, startPostgres } from '../test/gateway/postgres-server.js';
import { testDatabase } from '../test/gateway/test-database.js';
import { arg, benchFanout, benchSubmits, limitEnv, startGateway, stopGateway } from './gateway-bench.js';

const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '16'));
const SUBSCRIBERS = arg('subscribers', '1000').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '20'));
const SUBMIT_BUCKET = arg('submit-bucket', '1000000:100000');
const PER_CLIENT = Math.max(...SUBSCRIBERS) + 16;

const missing = postgresMissing();
if (missing) {
  console.log(`# gateway cluster benchmark SKIPPED: ${missing}`);
  process.exit(1);
}

const server = await startPostgres();
const db = await testDatabase(server.url);
const dir = mkdtempSync(join(tmpdir(), 'lapor-bench-cluster-'));
const env = {
  LAPOR_DATABASE_URL: db.url!,
  LAPOR_SECRET: randomBytes(32).toString('hex'),
  LAPOR_DATA_DIR: dir,
  LAPOR_REFERENCE: 'demo/seed-data.json',
  ...limitEnv(SUBMIT_BUCKET, PER_CLIENT),
};
const gateways: Awaited<ReturnType<typeof startGateway>>[] = [];
try {
  // A first: it migrates the fresh database; B then finds it ready.
  gateways.push(await startGateway(env, 'gateway/main.ts'));
  gateways.push(await startGateway(env, 'gateway/main.ts'));
  const [a, b] = gateways as [(typeof gateways)[number], (typeof gateways)[number]];
  console.log(`# gateway cluster benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`  PostgreSQL ${server.version} (throwaway cluster, fsync on, synchronous_commit on) in ${server.dir}`);
  console.log(`  gateway A ${a.url}, gateway B ${b.url} (two gateway/main.ts processes, one database)`);
  console.log(`  limits on: submit bucket ${SUBMIT_BUCKET} (one load address), streams/connections per client ${PER_CLIENT}/${PER_CLIENT + 256}, others default`);
  console.log(`  load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await benchSubmits([a.url, b.url], SECONDS, CONNECTIONS, { perSecond: 500, p99Ms: 100 });
  for (const n of SUBSCRIBERS) {
    const title = `Cross-process SSE: ${n.toLocaleString('en')} subscribers on B, ${ROUNDS} admin transitions on A`;
    await benchFanout({ actionUrl: a.url, subscribeUrl: b.url, n, rounds: ROUNDS, title });
  }
} catch (err) {
  console.error(`benchmark failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  console.log(`\n  load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const g of gateways) await stopGateway(g);
  await db.drop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
