/**
 * Issue 18: several gateway processes on one PostgreSQL, as operators run them behind a
 * load balancer. Two REAL production processes (gateway/main.ts, never seeding: the
 * reference data comes from LAPOR_REFERENCE) share one fresh database, LAPOR_SECRET and
 * LAPOR_DATA_DIR; nothing but the database connects them. What must hold:
 *  - a change committed on one process reaches a subscriber of the other live, and a
 *    watch ticket from one is good on the other (no sticky sessions);
 *  - the same Idempotency-Key sent to both at the same instant makes one report, and both
 *    answers are the same bytes;
 *  - kill -9 one process in the middle of a burst: every acknowledged report is stored
 *    exactly once, and the survivor takes the LAPOR! forwarder over (advisory lock) so
 *    every report reaches LAPOR! exactly once;
 *  - a stream resumed with Last-Event-ID on the other process gets exactly what it missed.
 * Skipped, saying why, where there are no PostgreSQL binaries (.ci/run installs them).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { LaporSimulator } from '../../gateway/upstream/simulator.js';
import { TEST_MAP_PATH } from '../fixtures/lapor/index.js';
import { eventually, sleep, SseReader, validReport } from './helpers.js';
import { postgresMissing, sharedPostgres, type PostgresCluster } from './postgres-server.js';
import { killGateway, spawnGateway, type SpawnedGateway } from './spawn-gateway.js';
import { testDatabase, type TestDatabase } from './test-database.js';

const ADMIN = 'multi-process-admin-0123456789abcdef';

interface Answer {
  status: number;
  text: string;
  json: any;
}

/** One HTTP call to a spawned process (site key demo-opd unless a bearer token is given). */
async function call(base: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  else headers['X-Lapor-Site-Key'] = 'demo-opd';
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method: opts.body === undefined ? 'GET' : 'POST', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

const submit = (base: string, key: string, body: unknown = validReport()) => call(base, '/v1/reports', { body, headers: { 'Idempotency-Key': key } });
const transition = (base: string, trackingId: string, action: string) => call(base, `/v1/admin/reports/${trackingId}/transitions`, { body: { action }, token: ADMIN });

async function create(base: string): Promise<{ trackingId: string; accessToken: string }> {
  const r = await submit(base, randomUUID());
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function ticketFor(base: string, trackingId: string, accessToken: string): Promise<string> {
  const r = await call(base, '/v1/watch', { body: { reports: [{ trackingId, accessToken }] } });
  assert.equal(r.status, 201, r.text);
  return r.json.ticket;
}

async function sql<T extends pg.QueryResultRow = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Two production processes on one fresh database; A is started (and ready) before B. */
class Cluster {
  a!: SpawnedGateway;
  b!: SpawnedGateway;
  db!: TestDatabase;
  readonly dir = mkdtempSync(join(tmpdir(), 'lapor-multi-'));
  private env: Record<string, string> = {};

  async start(server: PostgresCluster, env: Record<string, string> = {}, beforeB: (a: SpawnedGateway) => Promise<void> = async () => {}): Promise<this> {
    this.db = await testDatabase(server.url);
    this.env = {
      LAPOR_DATABASE_URL: this.db.url!,
      LAPOR_SECRET: randomBytes(32).toString('hex'),
      LAPOR_REFERENCE: 'demo/seed-data.json',
      LAPOR_ADMIN_TOKEN: ADMIN,
      LAPOR_LEADER_RETRY_MS: '200',
      ...env,
    };
    this.a = await this.spawn();
    await beforeB(this.a);
    this.b = await this.spawn();
    return this;
  }

  spawn(): Promise<SpawnedGateway> {
    return spawnGateway(this.dir, this.env, 'inherit', 'gateway/main.ts');
  }

  async stop(): Promise<void> {
    for (const g of [this.a, this.b]) if (g) await killGateway(g.child);
    await this.db?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('two gateway processes on one PostgreSQL', { skip: postgresMissing() }, () => {
  let server: PostgresCluster;
  before(async () => {
    server = await sharedPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  describe('events, tickets and idempotency across processes', () => {
    const c = new Cluster();
    before(() => c.start(server));
    after(() => c.stop());

    it('a change committed on A reaches a subscriber on B live, with the ticket A issued (and B → A)', async () => {
      const { trackingId, accessToken } = await create(c.a.url);
      const ticket = await ticketFor(c.a.url, trackingId, accessToken);
      const onB = new SseReader(`${c.b.url}/v1/events?ticket=${ticket}`);
      const onA = new SseReader(`${c.a.url}/v1/events?ticket=${ticket}`);
      try {
        await Promise.all([onB.opened, onA.opened]);
        assert.equal(onB.status, 200, 'a ticket from A opens a stream on B');
        assert.equal(onA.status, 200);
        assert.equal((await transition(c.a.url, trackingId, 'verify')).status, 200);
        const [first] = await onB.waitFor(1, 5000);
        assert.equal(JSON.parse(first!.data).report.status, 'verified');
        assert.equal(JSON.parse(first!.data).report.trackingId, trackingId);

        assert.equal((await transition(c.b.url, trackingId, 'hold')).status, 200);
        const both = await onA.waitFor(2, 5000);
        assert.deepEqual(
          both.map((e) => JSON.parse(e.data).report.status),
          ['verified', 'on_hold'],
        );
        await onB.waitFor(2, 5000);
        assert.deepEqual(onA.events.map((e) => e.id), onB.events.map((e) => e.id), 'both processes send the same events, in order');
      } finally {
        onA.close();
        onB.close();
      }
    });

    it('a report filed on A appears live on an admin stream opened on B', async () => {
      const t = await call(c.b.url, '/v1/admin/watch', { body: {}, token: ADMIN });
      assert.equal(t.status, 201, t.text);
      const admin = new SseReader(`${c.b.url}/v1/admin/events?ticket=${t.json.ticket}`);
      try {
        await admin.opened;
        assert.equal(admin.status, 200);
        const { trackingId } = await create(c.a.url);
        // A bound, not a pace (B polls every 250 ms): 5 s was crossed once at load average 14.
        await eventually(() => admin.events.some((e) => e.data.includes(trackingId)), 15_000);
      } finally {
        admin.close();
      }
    });

    it('the same Idempotency-Key sent to A and B at the same instant, 25 rounds: one report each, byte-identical answers', async () => {
      // Warm both keep-alive connections so the two requests of a round leave together.
      await Promise.all([call(c.a.url, '/healthz'), call(c.b.url, '/healthz')]);
      const [{ n: before }] = await sql(c.db.url!, 'SELECT count(*)::int AS n FROM reports');
      const ROUNDS = 25;
      const ids = new Set<string>();
      for (let i = 0; i < ROUNDS; i++) {
        const key = randomUUID();
        const body = validReport({ title: `Lampu jalan padam nomor ${i} di Genteng` });
        const [fromA, fromB] = await Promise.all([submit(c.a.url, key, body), submit(c.b.url, key, body)]);
        assert.equal(fromA.status, 201, `round ${i} A: ${fromA.text}`);
        assert.equal(fromB.status, 201, `round ${i} B: ${fromB.text}`);
        assert.equal(fromA.text, fromB.text, `round ${i}: the two answers differ`);
        ids.add(fromA.json.trackingId);
      }
      assert.equal(ids.size, ROUNDS);
      const [{ n: after }] = await sql(c.db.url!, 'SELECT count(*)::int AS n FROM reports');
      assert.equal(after - before, ROUNDS, 'one report per key');
    });

    it('a stream resumed with Last-Event-ID on the other process gets exactly the events it missed, then live ones', async () => {
      const { trackingId, accessToken } = await create(c.a.url);
      const ticket = await ticketFor(c.a.url, trackingId, accessToken);
      const first = new SseReader(`${c.a.url}/v1/events?ticket=${ticket}`);
      await first.opened;
      assert.equal((await transition(c.a.url, trackingId, 'verify')).status, 200);
      const [seen] = await first.waitFor(1, 5000);
      first.close();
      await first.done;

      // Missed while disconnected: one change on each process.
      assert.equal((await transition(c.a.url, trackingId, 'hold')).status, 200);
      assert.equal((await transition(c.b.url, trackingId, 'resume')).status, 200);
      const missed = await sql<{ seq: string; type: string }>(c.db.url!, 'SELECT seq, type FROM events WHERE tracking_id = $1 AND seq > $2 ORDER BY seq', [trackingId, Number(seen!.id)]);
      assert.equal(missed.length, 2);

      const resumed = new SseReader(`${c.b.url}/v1/events?ticket=${ticket}`, { 'Last-Event-ID': seen!.id! });
      try {
        await resumed.waitFor(2, 5000);
        await sleep(300); // a replay that also delivered live would show a third copy here
        assert.deepEqual(
          resumed.events.map((e) => [e.id, e.event]),
          missed.map((m) => [String(m.seq), m.type]),
        );
        assert.equal(JSON.parse(resumed.events[1]!.data).report.status, 'verified');

        assert.equal((await transition(c.a.url, trackingId, 'hold')).status, 200);
        await resumed.waitFor(3, 5000);
        await sleep(300);
        assert.equal(resumed.events.length, 3, 'the live event once, after the replay');
        assert.ok(Number(resumed.events[2]!.id) > Number(resumed.events[1]!.id));
        assert.equal(JSON.parse(resumed.events[2]!.data).report.status, 'on_hold');
      } finally {
        resumed.close();
      }
    });
  });

  describe('kill -9 one process in the middle of a burst', () => {
    let sim: LaporSimulator;
    const c = new Cluster();
    before(async () => {
      sim = new LaporSimulator('multi-auth', '{MULTI-GUID}');
      const simUrl = await sim.listen();
      const upstream = {
        LAPOR_UPSTREAM_URL: simUrl,
        LAPOR_UPSTREAM_AUTH: 'multi-auth',
        LAPOR_UPSTREAM_TOKEN: '{MULTI-GUID}',
        LAPOR_UPSTREAM_MAP: TEST_MAP_PATH,
        LAPOR_UPSTREAM_INTERVAL_MS: '50',
        LAPOR_UPSTREAM_BACKOFF_MS: '10',
        // The politeness budget (30 + 60/min per process) would stretch 120 creates over minutes.
        LAPOR_UPSTREAM_BUDGET: '100000:100000',
        // A create A had out when it died is B's to hold once it must have ended (issue 22).
        LAPOR_UPSTREAM_CREATE_TIMEOUT_MS: '3000',
        LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
      };
      // A alone first, until it has forwarded a report: then A holds the forwarder, and
      // killing A is what makes B take it over.
      await c.start(server, upstream, async (a) => {
        const { trackingId } = await create(a.url);
        await eventually(() => sim.countFor(trackingId) === 1, 15_000);
      });
    });
    after(async () => {
      await c.stop();
      await sim.close();
    });

    it('every acknowledged report is stored once, nothing is duplicated, and each reaches LAPOR! exactly once via the survivor', async () => {
      const N = 120;
      const CONCURRENCY = 12;
      const KILL_AT = 40;
      const acked = new Map<string, { trackingId: string; by: 'A' | 'B' }>();
      const refusedByDeadA: string[] = [];
      let next = 0;
      let killed: Promise<void> | undefined;
      let forwardedAtKill = -1;

      const client = async (): Promise<void> => {
        while (next < N) {
          const i = next++;
          const title = `Saluran air tersumbat nomor ${i} di Genteng`;
          const key = randomUUID();
          const body = validReport({ title });
          // Alternate between the processes, as a load balancer does; after a connection
          // error the client retries the same key on the other process.
          let target: 'A' | 'B' = i % 2 ? 'B' : 'A';
          for (;;) {
            const base = target === 'A' ? c.a.url : c.b.url;
            let r: Answer | undefined;
            try {
              r = await submit(base, key, body);
            } catch {
              r = undefined;
            }
            if (r?.status === 201) {
              acked.set(title, { trackingId: r.json.trackingId, by: target });
              break;
            }
            // Only a dying A may fail a request (no answer, or a 5xx from a half-dead process).
            if (target === 'B' || (r && r.status < 500)) assert.fail(`${target} answered ${r?.status ?? 'nothing'}: ${r?.text ?? ''}`);
            refusedByDeadA.push(title);
            target = 'B';
          }
          if (!killed && acked.size >= KILL_AT) {
            forwardedAtKill = sim.created;
            killed = killGateway(c.a.child);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, client));
      await killed;

      assert.ok(killed, 'A was killed mid-burst');
      assert.equal(c.a.child.signalCode, 'SIGKILL');
      assert.ok(refusedByDeadA.length > 0, 'some submits hit the dead process and were retried on B');
      assert.ok([...acked.values()].some((v) => v.by === 'A'), 'A acknowledged some before it died');
      assert.equal(acked.size, N);

      // Stored exactly once: one row per title, the acknowledged tracking id.
      const rows = await sql<{ title: string; tracking_id: string }>(c.db.url!, "SELECT title, tracking_id FROM reports WHERE title LIKE 'Saluran air tersumbat nomor %'");
      assert.equal(rows.length, N, 'no report lost or duplicated');
      const stored = new Map(rows.map((r) => [r.title, r.tracking_id]));
      for (const [title, { trackingId }] of acked) assert.equal(stored.get(title), trackingId, `${title}: acknowledged ${trackingId}`);

      // The survivor forwards what A had not: every report reaches LAPOR! exactly once.
      const all = await sql<{ tracking_id: string }>(c.db.url!, 'SELECT tracking_id FROM reports');
      assert.ok(forwardedAtKill < all.length, `A had forwarded ${forwardedAtKill} of ${all.length} when it died`);
      const states = async () => Object.fromEntries((await sql(c.db.url!, 'SELECT upstream_state AS s, count(*)::int AS n FROM reports GROUP BY 1')).map((r) => [r.s, r.n]));
      const outbox = async (): Promise<{ trackingId: string; state: string; parked: { code: string } | null }[]> => (await call(c.b.url, '/v1/admin/upstream', { token: ADMIN })).json.outbox;
      // Quiet: every report forwarded or held for the operator.
      await eventually(async () => {
        const waiting = await outbox();
        return waiting.every((o) => o.state === 'parked') && ((await states()).synced ?? 0) + waiting.length === all.length;
      }, 60_000, 200).catch(() => undefined);
      // The creates A had on the wire when it died (if the kill fell there; up to its 4
      // lanes) lost their answers. No public client shows a way to look a complaint up, so
      // the survivor holds them with the evidence rather than risk a second complaint, and
      // the operator does what the held reason says: link the complaint if LAPOR! has it, else retry.
      const held = (await outbox()).filter((o) => o.state === 'parked');
      assert.ok(held.length <= 4, `at most the creates A had out are held: ${JSON.stringify(held)}`);
      for (const h of held) {
        assert.equal(h.parked?.code, 'lost_answer');
        const there = sim.complaintFor(h.trackingId);
        const r = await call(c.b.url, `/v1/admin/upstream/reports/${h.trackingId}`, { body: there ? { action: 'link', laporId: String(there.id) } : { action: 'retry' }, token: ADMIN });
        assert.equal(r.status, 200, r.text);
      }
      await eventually(async () => (await states()).synced === all.length, 30_000, 200).catch(() => undefined);
      const unsynced = await sql<{ tracking_id: string; upstream_state: string }>(c.db.url!, "SELECT tracking_id, upstream_state FROM reports WHERE upstream_state <> 'synced'");
      const why = unsynced.map((r) => `${r.tracking_id} ${r.upstream_state} (on LAPOR! ${sim.countFor(r.tracking_id)}×)`).join(', ');
      assert.deepEqual(await states(), { synced: all.length }, `every report forwarded; not: ${why}`);
      for (const { tracking_id } of all) assert.equal(sim.countFor(tracking_id), 1, `${tracking_id} reached LAPOR! ${sim.countFor(tracking_id)} times`);
      assert.equal(sim.created, all.length, 'nothing else was created upstream');
      const health = await call(c.b.url, '/healthz');
      assert.equal(health.status, 200);
    });
  });
});
