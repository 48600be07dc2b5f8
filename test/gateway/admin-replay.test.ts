/**
 * Issue 23, the admin stream:
 * - a scoped admin opening `GET /v1/admin/events` with `Last-Event-ID: 0-0` over 10,000
 *   events stalled citizen `/v1/config` 4.1 s with one stream and 39 s with ten; every
 *   replay collected everything, then cut at 1 MB, so a console back from a long gap
 *   never caught up and rescanned every 3 s;
 * - Dinas Kesehatan forwarded a report to Kecamatan Genteng: its detail was 403, yet its
 *   stream replayed from `0-0` showed the current report, the Kecamatan's response in it.
 * Now replay is paged and yields, runs beside the live tail, and past a horizon the
 * console is told to reload (`event: admin.reload`); recipients are who may see the
 * report now. Runs on SQLite and, with LAPOR_TEST_DATABASE_URL, on PostgreSQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as z from 'zod/mini';
import { AdminReload, ReportEvent } from '../../src/contract/index.js';
import { FULL_SCALE, SCOPED, SseReader, sleep, startGateway, validReport, type TestGateway } from './helpers.js';

async function ticketFor(g: TestGateway, token: string): Promise<string> {
  const r = await g.api('/v1/admin/watch', { method: 'POST', token, siteKey: null });
  assert.equal(r.status, 201, r.text);
  return r.json.ticket;
}

/** `n` events for these reports, written straight into the log (as years of transitions would leave it). */
async function seedEvents(g: TestGateway, trackingIds: string[], n: number): Promise<void> {
  const { db } = g.gw.services;
  const at = new Date().toISOString();
  for (let done = 0; done < n; ) {
    const rows = Math.min(500, n - done);
    const params: unknown[] = [];
    for (let i = 0; i < rows; i++) params.push(trackingIds[(done + i) % trackingIds.length], 'report.updated', at, '{}');
    await db.run(`INSERT INTO events (tracking_id, type, at, data_json) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}`, params);
    done += rows;
  }
}

interface ReaderResult {
  count: number;
  bytes: number;
  lastId: string;
  reload: boolean;
  ms: number;
}

/**
 * `n` admin streams read by a child process (admin-stream-readers.ts): `opened` once every
 * stream has its answer's head, `results` with what each got.
 */
function readInChild(g: TestGateway, ticket: string, lastEventId: string, n: number, expect: number): { opened: Promise<void>; results: Promise<ReaderResult[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/gateway/admin-stream-readers.ts', g.url, ticket, lastEventId, String(n), String(expect)], {
    cwd: new URL('../../', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.startsWith('open\n')) opened();
  });
  const results = new Promise<ReaderResult[]>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.replace(/^open\n/, '')) as ReaderResult[]) : reject(new Error(`readers exited ${code}: ${out}`))));
  });
  return { opened: Promise.race([open, results.then(() => undefined)]), results };
}

/** Citizen requests (a report read with its code, the config) two at a time until `until` settles: their latencies. */
async function probeCitizens(g: TestGateway, reports: { trackingId: string; accessToken: string }[], until: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  const probe = async (k: number) => {
    for (let i = k; !done; i += 2) {
      const started = performance.now();
      const r = i % 2 ? await g.api('/v1/config') : await g.api(`/v1/reports/${reports[i % reports.length]!.trackingId}`, { token: reports[i % reports.length]!.accessToken });
      latencies.push(performance.now() - started);
      assert.equal(r.status, 200);
      await sleep(5);
    }
  };
  await Promise.all([probe(0), probe(1)]);
  return latencies.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

describe('admin stream: recipients are who may see the report now', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('Dinkes forwards to Genteng, Genteng responds: Dinkes replaying from 0-0 gets the forward, as it was, and nothing after', async () => {
    const { trackingId } = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    for (const [input, token] of [
      [{ action: 'verify' }, SCOPED.dinkes],
      [{ action: 'forward', institutionId: 'kec-genteng' }, SCOPED.dinkes],
      [{ action: 'start' }, SCOPED.kecGenteng],
      [{ action: 'respond', message: 'Tanggapan Kecamatan: jalan ditambal hari Kamis.' }, SCOPED.kecGenteng],
    ] as const) {
      const r = await g.transition(trackingId, input, token);
      assert.equal(r.status, 200, r.text);
    }
    assert.equal((await g.api(`/v1/admin/reports/${trackingId}`, { token: SCOPED.dinkes, siteKey: null })).status, 403);

    const dinkes = new SseReader(`${g.url}/v1/admin/events?ticket=${await ticketFor(g, SCOPED.dinkes)}`, { 'Last-Event-ID': '0-0' });
    const genteng = new SseReader(`${g.url}/v1/admin/events?ticket=${await ticketFor(g, SCOPED.kecGenteng)}`, { 'Last-Event-ID': '0-0' });
    const [forward] = await dinkes.waitFor(1);
    // Everything: the new report, verify, forward, start, respond (status + response added).
    await genteng.waitFor(6);
    const ev = z.parse(ReportEvent, JSON.parse(forward!.data));
    assert.ok(ev.type === 'report.status_changed');
    assert.equal(ev.to, 'forwarded');
    assert.equal(ev.report.institution?.id, 'kec-genteng');
    assert.equal(ev.report.status, 'forwarded', 'the report as it was at the forward');
    assert.deepEqual(ev.report.responses, []);
    assert.ok(ev.report.timeline.every((t) => t.at <= ev.at));
    assert.doesNotMatch(forward!.data, /Tanggapan Kecamatan/);
    assert.match(genteng.events.map((e) => e.data).join(), /Tanggapan Kecamatan/, 'the holder sees it');

    // Live too: Genteng completes; Dinkes hears nothing more.
    assert.equal((await g.transition(trackingId, { action: 'complete' }, SCOPED.kecGenteng)).status, 200);
    await genteng.waitFor(7);
    await sleep(600);
    assert.equal(dinkes.events.length, 1, dinkes.events.map((e) => e.event).join());
    dinkes.close();
    genteng.close();
  });
});

describe('admin stream: a resume past the horizon reloads instead of replaying', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ adminReplayHorizon: 50 })));
  after(() => g.close());

  it('from 0-0 over 200 events: one admin.reload with the position now, then live; a resume from there replays nothing', async () => {
    const mine = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    await seedEvents(g, [mine.trackingId], 200);
    const first = new SseReader(`${g.url}/v1/admin/events?ticket=${await ticketFor(g, SCOPED.dinkes)}`, { 'Last-Event-ID': '0-0' });
    const [reload] = await first.waitFor(1);
    assert.equal(reload!.event, 'admin.reload');
    const body = z.parse(AdminReload, JSON.parse(reload!.data));
    assert.equal(body.reason, 'horizon');
    assert.equal(reload!.id, body.id);
    const seq = Number(body.id.split('-')[0]);
    assert.ok(seq >= 200, body.id);
    // Live after it.
    assert.equal((await g.transition(mine.trackingId, { action: 'verify' }, SCOPED.dinkes)).status, 200);
    const [, live] = await first.waitFor(2);
    assert.equal(live!.event, 'report.status_changed');
    first.close();
    // Within the horizon: replayed, not reloaded.
    const resumed = new SseReader(`${g.url}/v1/admin/events?ticket=${await ticketFor(g, SCOPED.dinkes)}`, { 'Last-Event-ID': body.id });
    const [again] = await resumed.waitFor(1);
    assert.equal(again!.event, 'report.status_changed');
    assert.equal(again!.id, live!.id);
    await sleep(400);
    assert.equal(resumed.events.length, 1);
    resumed.close();
  });
});

// The log held 10,000 events (LAPOR_TEST_FULL_SCALE=1 seeds them); 3,000 keep
// every claim (each console's replay is over 2 MB, past the old 1 MB cut, and a replay
// that did not yield would stall citizens for seconds, not the 100 ms allowed) at a third
// of the run time: npm test has 8 minutes.
const EVENTS = FULL_SCALE ? 10_000 : 3_000;
describe(`admin stream: ten replays over ${EVENTS.toLocaleString('en')} events`, () => {
  let g: TestGateway;
  let reports: { trackingId: string; accessToken: string }[];
  before(async () => {
    // The horizon above the log, so that every console really replays all of it.
    g = await startGateway({ adminReplayHorizon: 20_000 });
    reports = [];
    for (let i = 0; i < 40; i++) reports.push(await g.create(validReport({ institutionId: i % 4 ? 'opd-dinkes' : 'kec-genteng' })));
    await seedEvents(
      g,
      reports.map((r) => r.trackingId),
      EVENTS,
    );
  });
  after(() => g.close());

  it('each console gets its whole replay (not cut at 1 MB), while citizens are answered with p99 < 100 ms and live events flow', async (t) => {
    // The machine's own noise first: the same probes with no console open.
    const quiet = await probeCitizens(g, reports, sleep(3000));
    const ticket = await ticketFor(g, SCOPED.dinkes);
    // A console that is live already: a transition during the replays must reach it.
    const live = new SseReader(`${g.url}/v1/admin/events?ticket=${ticket}`);
    await live.opened;
    await sleep(300);
    const mine = EVENTS * 0.75 + 40 * 0.75; // Dinkes holds 3 in 4 reports: their events and the new reports
    const replays = readInChild(g, ticket, '0-0', 10, mine);
    await replays.opened;
    const probing = probeCitizens(g, reports, replays.results);
    await sleep(100);
    const moved = await g.transition(reports[1]!.trackingId, { action: 'verify' }, SCOPED.dinkes);
    assert.equal(moved.status, 200);
    const liveStarted = performance.now();
    await live.waitFor(1, 20_000);
    const liveMs = performance.now() - liveStarted;
    const results = await replays.results;
    const sorted = await probing;
    live.close();
    // And again after: the machine's load moves within a minute (other suites start and end).
    const quietAfter = await probeCitizens(g, reports, sleep(3000));
    for (const r of results) assert.ok(r.count >= mine && !r.reload, JSON.stringify(r));
    // Past the 1 MB at which replays used to be cut, with room to spare.
    for (const r of results) assert.ok(r.bytes > 2_000_000, `a replay of ${r.bytes} bytes proves nothing about the old 1 MB cut`);
    const [p50, p99, quietP99] = [quantile(sorted, 0.5), quantile(sorted, 0.99), Math.max(quantile(quiet, 0.99), quantile(quietAfter, 0.99))];
    const replayMs = Math.max(...results.map((r) => r.ms));
    t.diagnostic(
      `${g.gw.services.db.dialect}: 10 replays × ${mine} events (${(results[0]!.bytes / 1e6).toFixed(1)} MB each) in ${replayMs} ms; citizen requests during them n=${sorted.length} p50 ${p50.toFixed(1)} ms ` +
        `p99 ${p99.toFixed(1)} ms max ${sorted.at(-1)!.toFixed(1)} ms (no console open, before and after: p99 ${quietP99.toFixed(1)} ms); live event during replays ${liveMs.toFixed(0)} ms`,
    );
    assert.ok(sorted.length >= 30, `${sorted.length} probes`);
    // 100 ms is the bar on a quiet machine. On one so busy that citizens alone see a p99
    // over 25 ms (npm test runs other suites on the same two cores), before or after the
    // replays, the bar is four times that, and at least 2 s: with ~100 probes p99 is nearly
    // the slowest one, and at load average 14-23 one scheduling hiccup crossed four times
    // (1,187 ms against a quiet 293 ms). The stall this guards against is far above either:
    // 4.1 s with one console and 39 s with ten over 10,000 events (issue 23), every
    // request waiting while a replay is collected without yielding.
    const bar = quietP99 <= 25 ? 100 : Math.max(2000, 4 * quietP99);
    assert.ok(p99 < bar, `citizen p99 ${p99.toFixed(1)} ms (bar ${bar.toFixed(0)} ms)`);
    assert.ok(liveMs < 5000, `live delivery waited ${liveMs.toFixed(0)} ms behind the replays`);
  });

  it('with the default horizon the same ten consoles are told to reload at once', async () => {
    const g2 = await startGateway();
    try {
      const { trackingId } = await g2.create(validReport({ institutionId: 'opd-dinkes' }));
      await seedEvents(g2, [trackingId], 2_000);
      const started = performance.now();
      const results = await readInChild(g2, await ticketFor(g2, SCOPED.dinkes), '0-0', 10, 1).results;
      assert.ok(results.every((r) => r.reload && r.count === 0), JSON.stringify(results));
      assert.ok(performance.now() - started < 10_000);
    } finally {
      await g2.close();
    }
  });
});
