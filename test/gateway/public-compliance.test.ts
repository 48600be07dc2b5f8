/**
 * GET /v1/public/compliance (issue 28): the 4-hour SOP per institution and per
 * kecamatan / puskesmas group, with a site key and no login. Proven here over real HTTP
 * against a seeded history with a controlled clock:
 * - the figures equal GET /v1/admin/compliance for the same period (one computation);
 * - the payload holds no tracking id, title, text, location or reporter, and no key
 *   outside the aggregate schema;
 * - units with fewer than 5 reports are shown but not ranked (FixMyStreet issue #1957:
 *   one report in four minutes topped its "most responsive" list);
 * - a kecamatan group adds its desa; puskesmas group under their agency;
 * - it is cacheable (ETag, 304, Cache-Control) and bad input is a localized 422.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ComplianceReport, PublicCompliance } from '../../src/contract/index.js';
import { ADMIN, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('public compliance: figures, groups, ranks, privacy', () => {
  let g: TestGateway;
  // Monday 1 Dec 2025 08:00 WIB; the period is 1–7 Dec 2025.
  const clock = new TestClock(Date.parse('2025-12-01T01:00:00.000Z'));
  const secrets: string[] = [];

  /** A report received now at `institutionId`, taken up after `after` ms (never, if undefined). */
  async function file(institutionId: string, after?: number, n = 0): Promise<void> {
    const reporter = { name: `Warga Rahasia ${institutionId} ${n}`, email: `warga.${n}.${institutionId}@contoh.id`, phone: `0812${String(1_000_000 + n).slice(1)}77` };
    const title = `Keluhan unik ${institutionId} nomor ${n}`;
    const body = `Isi laporan yang tidak boleh bocor ${institutionId} ${n}, di gang kecil belakang pasar.`;
    const location = { text: `Lokasi rahasia ${institutionId} ${n}` };
    const r = await g.create(validReport({ institutionId, title, body, location, reporter }));
    secrets.push(r.trackingId, r.accessToken, title, body, location.text, reporter.name, reporter.email, reporter.phone);
    if (after === undefined) return;
    const t = clock.t;
    clock.advance(after);
    for (const input of [{ action: 'verify' }, { action: 'forward', institutionId }, { action: 'start' }]) {
      const res = await g.transition(r.trackingId, input);
      assert.equal(res.status, 200, res.text);
    }
    clock.t = t;
  }

  before(async () => {
    g = await startGateway({ now: clock.now, publicCacheMs: 0 });
    // Kecamatan Genteng (2 h): 6 reports, 4 in time, 1 late, 1 open and late by the end.
    for (const [i, after] of [30 * MINUTE, HOUR, 90 * MINUTE, 100 * MINUTE, 3 * HOUR, undefined].entries()) await file('kec-genteng', after, i);
    // Two desa under it (4 h): both in time.
    await file('desa-genteng-kulon', 20 * MINUTE, 10);
    await file('desa-genteng-wetan', 2 * HOUR, 11);
    // Dinas Kesehatan (4 service hours, Mon–Fri 07:30–15:30): 5 reports, all in time.
    for (let i = 0; i < 5; i++) await file('opd-dinkes', (i + 1) * 30 * MINUTE, 20 + i);
    // Two puskesmas (4 h wall clock).
    await file('pkm-kabat', HOUR, 30);
    await file('pkm-sobo', 5 * HOUR, 31);
    // Kecamatan Giri: ONE report taken up in one minute. 100 %, fastest: must not be ranked.
    await file('kec-giri', MINUTE, 40);
    clock.t = Date.parse('2025-12-01T01:00:00.000Z') + 6 * HOUR; // 14:00 WIB
  });
  after(() => g.close());

  const pub = (query: string, opts: { siteKey?: string | null; headers?: Record<string, string>; lang?: string } = {}) =>
    g.api(`/v1/public/compliance?${query}`, { siteKey: opts.siteKey === undefined ? 'demo-opd' : opts.siteKey, headers: opts.headers, lang: opts.lang });

  it('equals the admin compliance table for the same period, unit by unit', async () => {
    const p = await pub('from=2025-12-01&to=2025-12-07');
    assert.equal(p.status, 200, p.text);
    const body = z.parse(PublicCompliance, p.json);
    const a = await g.api(`/v1/admin/compliance?from=${encodeURIComponent('2025-11-30T17:00:00.000Z')}&to=${encodeURIComponent('2025-12-07T17:00:00.000Z')}`, {
      token: ADMIN,
      siteKey: null,
    });
    assert.equal(a.status, 200, a.text);
    const admin = z.parse(ComplianceReport, a.json);
    assert.deepEqual(
      body.units.map((u) => u.institutionId).sort(),
      admin.items.map((r) => r.institutionId).sort(),
      'the same units',
    );
    for (const row of admin.items) {
      const unit = body.units.find((u) => u.institutionId === row.institutionId)!;
      const { rank: _rank, groupId: _group, serviceHours: _hours, ...figures } = unit;
      assert.deepEqual(figures, row, row.institutionId);
    }
    const genteng = body.units.find((u) => u.institutionId === 'kec-genteng')!;
    assert.deepEqual([genteng.received, genteng.handled, genteng.withinLimit, genteng.openLate, genteng.overdueNow], [6, 5, 4, 1, 1]);
    assert.equal(genteng.limitHours, 2);
    assert.equal(genteng.shareWithinLimit, 4 / 6);
    assert.equal(genteng.medianFirstHandlingMs, 90 * MINUTE);
  });

  it('ranks only units with at least 5 reports; one fast report does not top the list', async () => {
    const body = z.parse(PublicCompliance, (await pub('from=2025-12-01&to=2025-12-07')).json);
    assert.equal(body.minReportsToRank, 5);
    const rank = Object.fromEntries(body.units.map((u) => [u.institutionId, u.rank]));
    assert.equal(rank['opd-dinkes'], 1);
    assert.equal(rank['kec-genteng'], 2);
    for (const id of ['kec-giri', 'pkm-kabat', 'pkm-sobo', 'desa-genteng-kulon']) assert.equal(rank[id], null, id);
    const giri = body.units.find((u) => u.institutionId === 'kec-giri')!;
    assert.equal(giri.shareWithinLimit, 1, 'shown, with its figures');
    assert.equal(giri.medianFirstHandlingMs, MINUTE);
  });

  it('groups: a kecamatan with its desa, the puskesmas under their agency', async () => {
    const body = z.parse(PublicCompliance, (await pub('from=2025-12-01&to=2025-12-07')).json);
    const genteng = body.groups.find((x) => x.id === 'kecamatan:kec-genteng')!;
    assert.equal(genteng.kind, 'kecamatan');
    assert.equal(genteng.name, 'Kecamatan Genteng');
    assert.ok(genteng.institutionIds.includes('desa-genteng-kulon') && genteng.institutionIds.includes('kec-genteng'));
    assert.deepEqual([genteng.received, genteng.withinLimit, genteng.openLate], [8, 6, 1]);
    assert.equal(genteng.rank, 1, 'the only group with 5 reports');
    assert.equal(body.units.find((u) => u.institutionId === 'desa-genteng-kulon')!.groupId, 'kecamatan:kec-genteng');
    const pkm = body.groups.find((x) => x.id === 'puskesmas:opd-dinkes')!;
    assert.equal(pkm.kind, 'puskesmas');
    assert.equal(pkm.name, 'Dinas Kesehatan');
    assert.deepEqual([pkm.received, pkm.withinLimit, pkm.rank], [2, 1, null]);
    // Median over the members' reports, not a median of medians: (1 h, 5 h) → 3 h.
    assert.equal(pkm.medianFirstHandlingMs, 3 * HOUR);
  });

  it('a unit with service hours says so and is measured in them', async () => {
    const body = z.parse(PublicCompliance, (await pub('from=2025-12-01&to=2025-12-07&institution=opd-dinkes')).json);
    assert.deepEqual(body.units.map((u) => u.institutionId), ['opd-dinkes']);
    assert.deepEqual(body.units[0]!.serviceHours, { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' });
    assert.deepEqual(body.groups, [], 'Dinas Kesehatan itself is in no group');
    const pkm = z.parse(PublicCompliance, (await pub('from=2025-12-01&to=2025-12-07&institution=pkm-kabat')).json);
    assert.deepEqual(pkm.groups.map((x) => x.id), ['puskesmas:opd-dinkes']);
  });

  it('carries no tracking id, title, text, location, reporter or code: counts and names of units only', async () => {
    const r = await pub('from=2025-12-01&to=2025-12-07');
    for (const secret of secrets) assert.ok(!r.text.includes(secret), `leaked: ${secret}`);
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x));
    };
    walk(r.json);
    const allowed = ['from', 'to', 'timeZone', 'serverTime', 'minReportsToRank', 'units', 'groups', 'institutionId', 'institutionIds', 'id', 'name', 'kind', 'limitHours',
      'serviceHours', 'days', 'start', 'end', 'groupId', 'received', 'handled', 'withinLimit', 'openLate', 'shareWithinLimit', 'medianFirstHandlingMs', 'overdueNow', 'rank'];
    assert.deepEqual([...keys].filter((k) => !allowed.includes(k)), []);
  });

  it('needs a site key (the page\'s origin is checked), no login', async () => {
    assert.equal((await pub('from=2025-12-01&to=2025-12-07', { siteKey: null })).status, 403);
    const foreign = await pub('from=2025-12-01&to=2025-12-07', { siteKey: 'portal-desa', headers: { Origin: 'https://elsewhere.example' } });
    assert.equal(foreign.status, 403);
    const allowed = await pub('from=2025-12-01&to=2025-12-07', { siteKey: 'portal-desa', headers: { Origin: 'https://desa.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://desa.example');
  });

  it('bad input is a 422 naming the field, in the asked language', async () => {
    const backwards = await pub('from=2025-12-07&to=2025-12-01');
    assert.equal(backwards.status, 422);
    assert.deepEqual(backwards.json.error.fields.map((f: any) => [f.path, f.message]), [['to', 'Tanggal akhir tidak valid.']]);
    const tooLong = await pub('from=2024-01-01&to=2025-12-31', { lang: 'en' });
    assert.deepEqual(tooLong.json.error.fields.map((f: any) => [f.path, f.message]), [['to', 'End date is not valid.']]);
    const notADate = await pub('from=kemarin&to=2025-12-01');
    assert.equal(notADate.status, 422);
    assert.equal(notADate.json.error.fields[0].path, 'from');
    const unknown = await pub('from=2025-12-01&to=2025-12-07&institution=opd-tidak-ada');
    assert.deepEqual(unknown.json.error.fields.map((f: any) => [f.path, f.message]), [['institution', 'Instansi tidak dikenal.']]);
  });
});

describe('public compliance: caching', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now, publicCacheMs: 60_000 })));
  after(() => g.close());

  it('answers with an ETag (304 when unchanged) and max-age; recomputes once the cache time has passed', async () => {
    const query = '/v1/public/compliance?from=2026-12-01&to=2026-12-31';
    const first = await g.api(query);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^(W\/)?"[\w-]{22}"$/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    assert.match(first.headers.get('vary')!, /X-Lapor-Site-Key/);
    assert.equal((await g.api(query, { headers: { 'If-None-Match': etag } })).status, 304);

    await g.create(validReport({ institutionId: 'opd-dinkes' }));
    const cached = await g.api(query);
    assert.equal(cached.headers.get('etag'), etag, 'within the cache time: the same answer');
    clock.advance(61_000);
    const fresh = await g.api(query, { headers: { 'If-None-Match': etag } });
    assert.equal(fresh.status, 200);
    assert.notEqual(fresh.headers.get('etag'), etag);
    assert.equal(fresh.json.units[0].received, 1);
  });
});

describe('the admin compliance view links to the public board', () => {
  const query = `/v1/admin/compliance?from=${encodeURIComponent('2026-12-01T00:00:00.000Z')}&to=${encodeURIComponent('2026-12-08T00:00:00.000Z')}`;

  it('kinerja.html among the served pages (the demo), LAPOR_BOARD_URL, or no link', async () => {
    const demo = await startGateway();
    try {
      assert.equal((await demo.api(query, { token: ADMIN, siteKey: null })).json.boardUrl, `${demo.url}/kinerja.html`);
    } finally {
      await demo.close();
    }
    const configured = await startGateway({ boardUrl: 'https://banyuwangikab.go.id/kinerja-pengaduan' });
    try {
      assert.equal((await configured.api(query, { token: ADMIN, siteKey: null })).json.boardUrl, 'https://banyuwangikab.go.id/kinerja-pengaduan');
    } finally {
      await configured.close();
    }
    // Production pages only (gateway/pages): no board page here, so no link to a 404.
    const production = await startGateway({ pagesDirs: [new URL('../../gateway/pages', import.meta.url).pathname] });
    try {
      const r = await production.api(query, { token: ADMIN, siteKey: null });
      assert.equal(r.status, 200);
      assert.equal(r.json.boardUrl, undefined);
    } finally {
      await production.close();
    }
  });
});
