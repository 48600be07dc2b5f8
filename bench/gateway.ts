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
 * Limits stay ON, sized for one load address (bench/gateway-bench.ts): submit bucket
 * `--submit-bucket` (default 1000000:100000), streams and connections per client above
 * the largest subscriber count. Everything else keeps the production defaults (options.ts).
 *
 * Flags: --seconds=10 --connections=16 --subscribers=1000,10000 --rounds=20 --submit-bucket=C:R
 * Prints what it measures, including shortfalls. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, benchFanout, benchSubmits, limitEnv, startGateway, stopGateway } from './gateway-bench.js';

const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '16'));
const SUBSCRIBERS = arg('subscribers', '1000,10000').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '20'));
const SUBMIT_BUCKET = arg('submit-bucket', '1000000:100000');
const PER_CLIENT = Math.max(...SUBSCRIBERS) + 16;

const dir = mkdtempSync(join(tmpdir(), 'lapor-bench-'));
const gateway = await startGateway({ LAPOR_DB: join(dir, 'lapor.db'), LAPOR_DATA_DIR: dir, ...limitEnv(SUBMIT_BUCKET, PER_CLIENT) });
console.log(`# gateway benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(`  gateway ${gateway.url} (child process, SQLite WAL synchronous=FULL in ${dir})`);
console.log(`  limits on: submit bucket ${SUBMIT_BUCKET} (one load address), streams/connections per client ${PER_CLIENT}/${PER_CLIENT + 256}, others default`);
// The machine may be shared (other test suites): the load average says how much.
console.log(`  load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  await benchSubmits([gateway.url], SECONDS, CONNECTIONS, { perSecond: 1000, p99Ms: 50 });
  for (const n of SUBSCRIBERS) {
    const title = `SSE fan-out: ${n.toLocaleString('en')} subscribers on one report, ${ROUNDS} admin transitions`;
    await benchFanout({ actionUrl: gateway.url, subscribeUrl: gateway.url, n, rounds: ROUNDS, title });
  }
} catch (err) {
  console.error(`benchmark failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  console.log(`\n  load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await stopGateway(gateway);
  rmSync(dir, { recursive: true, force: true });
}
