/**
 * Benchmark (issue 22): one LAPOR! poll that finds 1,000 follow-ups of 1 kB in one page.
 * The simulator runs in its own process (a real LAPOR! is on another machine); the gateway
 * polls until all 1,000 are shown while /healthz is asked every 5 ms. Prints one JSON line:
 * polls, total ms, /healthz answers, p50 and max latency, RSS before and at peak, and
 * `report.response_added` events. To compare with an older commit, copy this file,
 * test/fixtures/lapor/sim-process.ts and gateway/upstream/simulator.ts into a worktree of
 * it and run there with SIM_AUTH_HEADER=Authorization (the key header it sent):
 *   node --import tsx bench/upstream-flood.ts          (RUNS=3)
 */
import { fork } from 'node:child_process';
import { testUpstream } from '../test/fixtures/lapor/index.js';
import { TestClock, sleep, startGateway } from '../test/gateway/helpers.js';

async function once(): Promise<Record<string, unknown>> {
  const child = fork(new URL('../test/fixtures/lapor/sim-process.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SIM_AUTH: 'k', SIM_TOKEN: 't' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const replies: ((m: { url?: string; ok?: boolean }) => void)[] = [];
  child.on('message', (m: { url?: string }) => replies.shift()?.(m));
  const ask = (m: object) =>
    new Promise<{ url?: string; ok?: boolean }>((resolve) => {
      replies.push(resolve);
      if (Object.keys(m).length) child.send(m);
    });
  const { url } = await ask({});
  const clock = new TestClock();
  const g = await startGateway({ now: clock.now, upstream: { ...testUpstream(url!, { auth: 'k', token: 't' }), timeoutMs: 30_000 } });
  const fw = g.gw.forwarder!;
  try {
    const { trackingId } = await g.create();
    await fw.drain();
    await ask({ pageSize: 1000, flood: { trackingId, n: 1000, bytes: 1024, at: new Date(clock.t + 1000).toISOString() } });
    clock.advance(60_000);
    const latencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        await fetch(`${g.url}/healthz`).then((r) => r.text());
        latencies.push(performance.now() - t0);
        await sleep(5);
      }
    })();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    let polls = 0;
    const shown = async () => Number((await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses WHERE tracking_id = ?', [trackingId]))!.n);
    while (polls < 20 && (polls === 0 || (await shown()) < 1000)) {
      polls++;
      await fw.poll(false);
    }
    const took = performance.now() - t0;
    probing = false;
    await probe;
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const events = (await g.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM events WHERE tracking_id = ? AND type = 'report.response_added'", [trackingId]))!.n;
    return {
      shown: await shown(),
      polls,
      ms: Math.round(took),
      healthz: latencies.length,
      p50: Math.round(latencies[Math.floor(latencies.length / 2)]!),
      max: Math.round(latencies.at(-1)!),
      rssMB: [Math.round(rss0 / 2 ** 20), Math.round(peak / 2 ** 20)],
      events: Number(events),
    };
  } finally {
    await g.close();
    child.disconnect();
  }
}

for (let i = 0; i < Number(process.env.RUNS ?? 3); i++) console.log(JSON.stringify(await once()));
