/**
 * Exactly once across a lost answer AND a crash: the real gateway process (npm start's
 * main.ts, as persistence.test.ts spawns it) sends the create, LAPOR! makes the complaint
 * but its answer never comes, and the gateway is killed with SIGKILL while waiting. The
 * restarted gateway finds the row in `creating`, reads back what the (lying) listing
 * offers, and adopts only the complaint whose own content carries our tracking number.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LaporSimulator } from '../../demo/server/upstream/simulator.js';
import { eventually, validReport } from './helpers.js';
import { TEST_MAP_PATH } from '../fixtures/lapor/index.js';

async function spawnGateway(dir: string, simUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: '0',
      LAPOR_DB: join(dir, 'lapor.db'),
      LAPOR_DATA_DIR: dir,
      LAPOR_ADMIN_TOKEN: 'kill-test-admin-0123456789abcdef',
      LAPOR_RATE_LIMIT: 'off',
      LAPOR_UPSTREAM_URL: simUrl,
      LAPOR_UPSTREAM_AUTH: 'kill-auth',
      LAPOR_UPSTREAM_TOKEN: '{KILL-GUID}',
      LAPOR_UPSTREAM_MAP: TEST_MAP_PATH,
      LAPOR_UPSTREAM_INTERVAL_MS: '50',
      LAPOR_UPSTREAM_BACKOFF_MS: '10',
      LAPOR_UPSTREAM_TIMEOUT_MS: '60000',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code})`)));
  });
  return { child, url };
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

describe('LAPOR! create: lost answer + SIGKILL', () => {
  let dir: string;
  let sim: LaporSimulator;
  let simUrl: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-upkill-'));
    sim = new LaporSimulator('kill-auth', '{KILL-GUID}');
    simUrl = await sim.listen();
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the complaint is created exactly once and linked after the restart; a foreign one is not', async () => {
    sim.addForeign('Nomor pelacak: LPR-ZZZZ-ZZZZ\nlaporan orang lain');
    sim.mode = 'create-then-hang';
    const first = await spawnGateway(dir, simUrl);
    let trackingId = '';
    let accessToken = '';
    try {
      const res = await fetch(`${first.url}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(validReport()),
      });
      assert.equal(res.status, 201);
      ({ trackingId, accessToken } = (await res.json()) as { trackingId: string; accessToken: string });
      await eventually(() => sim.countFor(trackingId) === 1, 10_000);
    } finally {
      await kill(first.child); // while LAPOR!'s answer is still pending
    }
    sim.mode = 'ok';
    // Someone else's complaint is now the newest: a listing's first hit is not ours.
    sim.addForeign('Nomor pelacak: LPR-YYYY-YYYY\nlaporan orang lain yang lebih baru');
    const second = await spawnGateway(dir, simUrl);
    try {
      const view = await eventually(async () => {
        const r = await fetch(`${second.url}/v1/reports/${trackingId}`, { headers: { 'X-Lapor-Site-Key': 'demo-opd', Authorization: `Bearer ${accessToken}` } });
        const v = (await r.json()) as { upstream: { state: string }; laporId: string | null };
        return v.upstream.state === 'synced' ? v : undefined;
      }, 15_000);
      assert.equal(sim.countFor(trackingId), 1, 'not created a second time');
      assert.equal(sim.created, 1);
      assert.equal(view!.laporId, String(sim.complaintFor(trackingId)!.id));
    } finally {
      await kill(second.child);
    }
  });
});
