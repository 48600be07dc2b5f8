/**
 * The WhatsApp channel with two gateway processes on one PostgreSQL (gateway/main.ts, as
 * operators run it behind a load balancer): Meta's deliveries land on either process; the
 * one holding the 'whatsapp' lead handles them, woken by NOTIFY. It is killed (SIGKILL)
 * mid-conversation; the other takes the lead over and the conversation goes on from the
 * stored state, with no step lost and the report filed once.
 * Skipped, saying why, where there are no PostgreSQL binaries (.ci/run installs them).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { eventually } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { postgresMissing, sharedPostgres, type PostgresCluster } from './postgres-server.js';
import { clusterEnv, killGateway, spawnGateway, type SpawnedGateway } from './spawn-gateway.js';
import { testDatabase, type TestDatabase } from './test-database.js';
import { APP_SECRET, Citizen, PHONE_ID, VERIFY_TOKEN, WA_TOKEN } from './whatsapp-helpers.js';

describe('WhatsApp: two processes, one conversation', { skip: postgresMissing() }, () => {
  let server: PostgresCluster;
  let db: TestDatabase;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  const dir = mkdtempSync(join(tmpdir(), 'lapor-wa-cluster-'));
  const processes: SpawnedGateway[] = [];
  let client: pg.Client | undefined;
  before(async () => {
    server = await sharedPostgres();
    db = await testDatabase(server.url);
    wa = await startWhatsApp({ token: WA_TOKEN });
  });
  after(async () => {
    await client?.end();
    for (const p of processes) await killGateway(p.child);
    await wa?.close();
    await db?.drop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deliveries to either process; the leader is killed mid-conversation; the other continues it', async () => {
    const env = {
      ...clusterEnv(db.url!),
      LAPOR_WHATSAPP_URL: wa.url,
      LAPOR_WHATSAPP_TOKEN: WA_TOKEN,
      LAPOR_WHATSAPP_PHONE_ID: PHONE_ID,
      LAPOR_WHATSAPP_APP_SECRET: APP_SECRET,
      LAPOR_WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    };
    // A starts first, so A holds the lead.
    const a = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    processes.push(a);
    const b = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    processes.push(b);
    let target = a.url;
    const c = new Citizen(() => target, wa);

    // Delivered to B, handled by A (the leader), answered once.
    target = b.url;
    await c.text('Halo');
    await c.next(2, 15_000);
    target = a.url;
    await c.tap('Saran');
    await c.next(1, 15_000);
    target = b.url;
    await c.tap('Pendidikan');
    assert.match(await c.says(), /Pilih yang paling sesuai untuk Pendidikan/);

    // The leader dies between two steps (its answers all marked sent: a kill inside that
    // window would send the last answer once more, the at-least-once case the kill tests
    // cover); B takes the lead over and goes on from the stored step.
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await eventually(async () => (await client!.query("SELECT 1 FROM whatsapp_outbox WHERE state <> 'sent'")).rowCount === 0, 10_000);
    await killGateway(a.child);
    await c.tap('Sekolah');
    assert.match(await c.says(), /Dari mana Anda/);
    await c.steps({ text: 'Desa Kemiren, Glagah' }, { text: 'Mohon sekolah dasar di Desa Kemiren diberi penerangan di halaman karena gelap saat pulang les malam.' }, 'Lanjut', 'Biasa', 'Tidak usah');
    await c.tap('Kirim');
    const done = (await c.next(1, 15_000))[0]!.text;
    const trackingId = /\*(LPR-[A-Z0-9-]+)\*/.exec(done)![1]!;

    const { rows } = await client.query("SELECT tracking_id, classification, category_id, location_json FROM reports WHERE channel = 'whatsapp'");
    assert.equal(rows.length, 1);
    assert.equal(rows[0].tracking_id, trackingId);
    assert.equal(rows[0].classification, 'aspiration');
    assert.equal(rows[0].category_id, 'cat-pendidikan.sekolah');
    assert.equal(JSON.parse(rows[0].location_json).locationId, 'loc-desa-kemiren');
    // Every question was asked once (the kill fell between steps: nothing went twice).
    assert.equal(c.answers().filter((x) => /Dari mana Anda/.test(x.text)).length, 1);
  });
});
