/**
 * Load worker for bench/gateway.ts and bench/gateway-cluster.ts (a separate process, so
 * the load generator does not share the gateway's event loop). Keeps `connections`
 * keep-alive sockets busy with POST /v1/reports for `seconds`, each with a fresh
 * Idempotency-Key, and reports the count and latency percentiles over IPC. `urls` is one
 * gateway or several, comma-separated: connection k goes to urls[k % n], as a load
 * balancer spreads connections over processes.
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';

const [urlsArg, secondsArg, connectionsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 10);
const connections = Number(connectionsArg ?? 16);
const targets = urlsArg!.split(',').map((url) => ({
  url: new URL('/v1/reports', url),
  agent: new Agent({ keepAlive: true, maxSockets: connections }),
  requests: 0,
}));

const body = (i: number) =>
  JSON.stringify({
    classification: 'complaint',
    title: `Jalan rusak nomor ${i} di Genteng`,
    body: 'Jalan di depan Pasar Genteng berlubang besar sejak dua minggu dan membahayakan pengendara motor.',
    incidentDate: '2026-11-20',
    location: { text: 'Pasar Genteng', locationId: 'loc-kec-genteng' },
    institutionId: 'kec-genteng',
  });

function post(i: number, target: (typeof targets)[number]): Promise<number> {
  const payload = body(i);
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        agent: target.agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          'X-Lapor-Site-Key': 'demo-opd',
          'Idempotency-Key': randomUUID(),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const latencies: number[] = [];
let errors = 0;
let n = 0;
const statuses: Record<number, number> = {};

async function worker(deadline: number, k: number): Promise<void> {
  const target = targets[k % targets.length]!;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    target.requests++;
    try {
      const status = await post(n++, target);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 201) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
}

// Warm up (JIT, SQLite page cache) for 1 s, then measure.
await Promise.all(Array.from({ length: connections }, (_, k) => worker(performance.now() + 1000, k)));
const warmup = latencies.length;
latencies.length = 0;
errors = 0;
for (const k of Object.keys(statuses)) delete statuses[Number(k)];
for (const t of targets) t.requests = 0;
const start = performance.now();
await Promise.all(Array.from({ length: connections }, (_, k) => worker(start + seconds * 1000, k)));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
process.send!({
  warmup,
  requests: latencies.length,
  errors,
  statuses,
  seconds: elapsed,
  perSecond: latencies.length / elapsed,
  p50: pct(50),
  p90: pct(90),
  p99: pct(99),
  max: latencies.at(-1),
  perTarget: Object.fromEntries(targets.map((t) => [t.url.host, t.requests])),
});
for (const t of targets) t.agent.destroy();
