/**
 * Issue 18: notifications with two gateway processes on one PostgreSQL (gateway/main.ts,
 * as operators run it behind a load balancer). Reports are filed on both; only the
 * process holding the 'notify' lead sends. It is killed (SIGKILL) while the Cloud API
 * stand-in holds one send open; the other takes the lead over and finishes the burst:
 * every message acknowledged exactly once, only the one in flight at the kill sent twice.
 * Skipped, saying why, where there are no PostgreSQL binaries (.ci/run installs them).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, validReport } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { postgresMissing, sharedPostgres, type PostgresCluster } from './postgres-server.js';
import { clusterEnv, killGateway, spawnGateway, type SpawnedGateway } from './spawn-gateway.js';
import { testDatabase, type TestDatabase } from './test-database.js';

const BURST = 20;
const HELD = 6;

describe('notifications: two processes, one sender', { skip: postgresMissing() }, () => {
  let server: PostgresCluster;
  let db: TestDatabase;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let killed = false;
  const dir = mkdtempSync(join(tmpdir(), 'lapor-notify-cluster-'));
  const processes: SpawnedGateway[] = [];
  before(async () => {
    server = await sharedPostgres();
    db = await testDatabase(server.url);
    // Only the first holder's HELD-th call is held; after the kill everything answers.
    wa = await startWhatsApp({ hold: (n) => !killed && n === HELD });
  });
  after(async () => {
    for (const p of processes) await killGateway(p.child);
    await wa?.close();
    await db?.drop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the holder is killed mid-send: the other takes over, each message acknowledged once, only the one in flight twice', async () => {
    const env = {
      ...clusterEnv(db.url!),
      LAPOR_WHATSAPP_URL: wa.url,
      LAPOR_WHATSAPP_TOKEN: 'cluster-token',
      LAPOR_WHATSAPP_PHONE_ID: '1065',
    };
    // A starts first, so A holds the lead.
    const a = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    processes.push(a);
    const b = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    processes.push(b);

    const ids = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        // Half filed on each process: B's are queued by B and sent by A.
        const res = await fetch(`${(i % 2 ? b : a).url}/v1/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify(validReport({ reporter: { phone: `08123456${String(1000 + i)}` }, notify: ['whatsapp'] })),
        });
        assert.equal(res.status, 201);
        return ((await res.json()) as { trackingId: string }).trackingId;
      }),
    );
    const trackingOf = (c: { body: any }) => c.body.template.components[0].parameters[0].text as string;

    await eventually(() => wa.calls.length >= HELD, 15_000);
    await killGateway(a.child);
    killed = true;
    assert.equal(wa.answered.length, HELD - 1, 'one sender: nothing went out beside the held call');

    await eventually(() => wa.answered.length >= BURST, 20_000);
    await new Promise((r) => setTimeout(r, 500)); // anything extra would show up now
    assert.deepEqual(wa.answered.map(trackingOf).sort(), [...ids].sort(), 'every report acknowledged exactly once');
    const held = trackingOf(wa.calls[HELD - 1]!);
    assert.equal(wa.calls.filter((c) => trackingOf(c) === held).length, 2, 'the one in flight at the kill went again');
    assert.equal(wa.calls.length, BURST + 1);
  });
});
