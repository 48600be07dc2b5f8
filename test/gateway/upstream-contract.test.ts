/**
 * Contract tests: the LAPOR! adapter against answers recorded in the shapes real LAPOR!
 * clients parse (test/fixtures/lapor/*.json, each citing its public source file).
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpstreamError } from '../../gateway/upstream/adapter.js';
import { LaporHttpAdapter, retryAfterMs } from '../../gateway/upstream/lapor-adapter.js';
import { matchInstitutions, resolveIds } from '../../gateway/upstream/mapping.js';
import { redact } from '../../gateway/upstream/redact.js';
import { formatWib, parseWib } from '../../gateway/upstream/wib.js';
import { demoReference } from '../../demo/seed.js';
import { FixtureServer, fixture } from '../fixtures/lapor/index.js';

const AUTH = 'api-key-7f3a9c';
const TOKEN = '{4F1D2C3B-0000-4444-8888-ABCDEFABCDEF}';

describe('LAPOR! adapter against recorded answers', () => {
  let srv: FixtureServer;
  let lapor: LaporHttpAdapter;
  let logged: string[];
  let throttledFor: number[];

  beforeEach(async () => {
    srv = new FixtureServer();
    logged = [];
    throttledFor = [];
    const url = await srv.listen();
    lapor = new LaporHttpAdapter({ url, auth: AUTH, token: TOKEN, timeoutMs: 2000 }, { take() {}, throttled: (ms) => throttledFor.push(ms) }, (l) => logged.push(l));
  });
  afterEach(() => srv.close());

  it('both secrets on every request, the key in the header LAPOR_UPSTREAM_AUTH_HEADER names: `auth` by default (production SPLP), `Authorization` for the training API; never in both', async () => {
    srv.replay('institutions');
    await lapor.institutions();
    assert.equal(srv.seen[0]!.headers.auth, `Bearer ${AUTH}`);
    assert.equal(srv.seen[0]!.headers.authorization, undefined);
    assert.equal(srv.seen[0]!.headers.token, TOKEN);
    const training = new LaporHttpAdapter({ url: srv.url, auth: AUTH, token: TOKEN, authHeader: 'Authorization' });
    await training.institutions();
    assert.equal(srv.seen[1]!.headers.authorization, `Bearer ${AUTH}`);
    assert.equal(srv.seen[1]!.headers.auth, undefined);
    assert.equal(srv.seen[1]!.headers.token, TOKEN);
  });

  it('upload: multipart attachments[] → ids from results.images and results.docs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapor-up-'));
    try {
      writeFileSync(join(dir, 'foto.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      srv.replay('upload');
      const ids = await lapor.uploadAttachments([{ name: 'foto.png', mime: 'image/png', path: join(dir, 'foto.png') }]);
      assert.deepEqual(ids, [4199656]);
      assert.match(srv.seen[0]!.body.toString('latin1'), /name="attachments\[\]"; filename="foto.png"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('create: numeric ids, attachments as the string "[id,id]", tracking number in content → complaint_id', async () => {
    srv.replay('create');
    const id = await lapor.createComplaint(
      {
        trackingId: 'LPR-7K3M-Q9XD',
        title: 'Jalan berlubang di depan pasar',
        body: 'Jalan di depan Pasar Genteng berlubang besar.',
        locationText: 'Pasar Genteng',
        reporterName: 'Siti',
        incidentDate: '2026-11-20',
        anonymous: false,
        secret: true,
        channel: 13,
        classificationId: 6,
        categoryId: 436,
        locationId: 34,
        dispositionId: 151345,
      },
      [4199656, 4199657],
    );
    assert.equal(id, '8123456');
    const sent = JSON.parse(srv.seen[0]!.body.toString('utf8'));
    assert.equal(srv.seen[0]!.headers['content-type'], 'application/json');
    assert.equal(sent.attachments, '[4199656,4199657]');
    for (const k of ['channel', 'classification_id', 'category_id', 'location_id', 'disposition_id']) assert.equal(typeof sent[k], 'number', k);
    assert.equal(sent.disposition_id, 151345);
    assert.match(sent.content, /^Nomor pelacak: LPR-7K3M-Q9XD\n/);
    assert.match(sent.content, /Pelapor: Siti/);
    assert.equal(sent.is_anonymous, false);
  });

  it('an anonymous complaint names no reporter', () => {
    const c = lapor.content({ trackingId: 'LPR-7K3M-Q9XD', title: 't', body: 'isi', locationText: 'x', reporterName: 'Siti', incidentDate: null, anonymous: true, secret: false, channel: 1, classificationId: 1, categoryId: 1, locationId: 1, dispositionId: 1 });
    assert.doesNotMatch(c, /Siti|Pelapor/);
  });

  it('institutions: masters list, matched to ours by name (with or without the regency, any case); the rest reported', async () => {
    srv.replay('institutions');
    const theirs = await lapor.institutions();
    assert.equal(theirs.length, 5);
    const seed = demoReference();
    const { matched, unmatched } = matchInstitutions(seed.institutions, theirs, 'Kabupaten Banyuwangi');
    assert.equal(matched.get('opd-dinkes'), 2101);
    assert.equal(matched.get('kec-genteng'), 2102);
    assert.equal(matched.get('pkm-kabat'), 2103);
    assert.equal(matched.get('opd-dishub'), 2104);
    assert.equal(matched.size, 4);
    assert.ok(unmatched.some((u) => u.id === 'opd-dispendik' && u.candidates === 0));
  });

  it('status Dalam Proses with a disposition → forwarded and in_progress at LAPOR!\'s WIB log time', async () => {
    srv.replay('complaint-dalam-proses');
    const d = await lapor.detail('8123456');
    assert.equal(d.statusName, 'Dalam Proses');
    assert.equal(d.status, 'in_progress');
    assert.deepEqual(
      d.milestones.map((m) => [m.status, m.at?.toISOString()]),
      [
        ['forwarded', '2026-12-07T03:15:00.000Z'],
        ['in_progress', '2026-12-07T03:15:00.000Z'],
      ],
    );
    assert.match(d.content!, /LPR-7K3M-Q9XD/);
  });

  it('Belum Terverifikasi → submitted; Selesai → completed at its log time', async () => {
    srv.replay('complaint-belum-terverifikasi');
    assert.equal((await lapor.detail('8123456')).status, 'submitted');
    srv.replay('complaint-selesai');
    const d = await lapor.detail('8123456');
    assert.equal(d.status, 'completed');
    assert.equal(d.milestones.find((m) => m.status === 'completed')!.at!.toISOString(), '2026-12-09T09:45:30.000Z');
  });

  it('Ditolak → archived with LAPOR!\'s reason (status inside the older JSON-string "data" field)', async () => {
    srv.replay('complaint-ditolak');
    const d = await lapor.detail('8123457');
    assert.equal(d.status, 'archived');
    const m = d.milestones.find((x) => x.status === 'archived')!;
    assert.equal(m.at!.toISOString(), '2026-12-08T01:30:00.000Z');
    assert.match(m.reason!, /^Ditolak: Laporan tidak dapat ditindaklanjuti/);
  });

  it('follow-ups: one page per call, ?page=N, the next page while next_page_url is set; created_at read as WIB d-m-Y', async () => {
    srv.replay('followups-page-1', 'followups-page-2');
    const one = await lapor.followups('8123456', 1);
    const two = await lapor.followups('8123456', one.nextPage!);
    assert.deepEqual(
      srv.seen.map((s) => s.url),
      ['/complaints/8123456/followups?page=1', '/complaints/8123456/followups?page=2'],
    );
    assert.equal(two.nextPage, undefined);
    assert.deepEqual(
      [...one.items, ...two.items].map((x) => [x.ref, x.at.toISOString(), x.institutionName, x.kind]),
      [
        ['99001', '2026-12-07T04:20:00.000Z', 'Kecamatan Genteng', 'message'],
        ['99002', '2026-12-08T07:05:09.000Z', 'Kecamatan Genteng', 'message'],
      ],
    );
  });

  it('forward: POST process/{id}/reject {is_request: 1, reason: <institution id>, reason_description, not_authority: 1}', async () => {
    srv.replay('reject');
    await lapor.forward('8123456', 2101, 'Diteruskan ke Dinas Kesehatan');
    assert.deepEqual(JSON.parse(srv.seen[0]!.body.toString('utf8')), fixture('reject').request.body);
  });

  it('follow-up/rating: multipart complaint_id, content, rating, is_secret', async () => {
    srv.replay('followup-add');
    await lapor.addFollowup('8123456', { content: 'Terima kasih, sudah beres.', rating: 5, secret: true });
    const raw = srv.seen[0]!.body.toString('utf8');
    assert.match(srv.seen[0]!.headers['content-type'] as string, /^multipart\/form-data/);
    for (const [k, v] of [['complaint_id', '8123456'], ['content', 'Terima kasih, sudah beres.'], ['rating', '5'], ['is_secret', '1']]) {
      assert.match(raw, new RegExp(`name="${k}"\\r\\n\\r\\n${v}\\r\\n`), k);
    }
  });

  it('an answer in another envelope (our old guess {data: {document_ids}}) is an error with the raw body logged, not undefined', async () => {
    const old = fixture('our-old-guess');
    srv.on('POST', '/complaints/complaint/file', old.response);
    const dir = mkdtempSync(join(tmpdir(), 'lapor-up-'));
    try {
      writeFileSync(join(dir, 'a.png'), 'x');
      await assert.rejects(
        lapor.uploadAttachments([{ name: 'a.png', mime: 'image/png', path: join(dir, 'a.png') }]),
        (e: unknown) => e instanceof UpstreamError && e.kind === 'ambiguous' && /unexpected answer \(results:/.test(e.message),
      );
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /document_ids/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a logged body never carries our secrets or a citizen\'s personal data', async () => {
    srv.on('POST', '/complaints/complaint', { status: 200, body: { ok: true, echo: { token: TOKEN, nik: '3510012345678901', nameUser: 'Siti Aminah', note: `key ${AUTH}` } } });
    await assert.rejects(lapor.createComplaint({ trackingId: 'LPR-AAAA-BBBB', title: 't', body: 'b', locationText: 'l', reporterName: null, incidentDate: null, anonymous: true, secret: true, channel: 1, classificationId: 1, categoryId: 1, locationId: 1, dispositionId: 1 }, []));
    assert.equal(logged.length, 1);
    for (const secret of [TOKEN, AUTH, '3510012345678901', 'Siti Aminah']) assert.ok(!logged[0]!.includes(secret), secret);
  });

  it('a follow-up time not in LAPOR!\'s format is an error, not a guess', async () => {
    srv.on('GET', '/complaints/1/followups?page=1', { status: 200, body: { results: { data: [{ id: 1, content: 'x', created_at: '2026/12/05 10:00' }], next_page_url: null } } });
    await assert.rejects(lapor.followups('1', 1), (e: unknown) => e instanceof UpstreamError && /created_at/.test(e.message));
  });

  it('429 honours Retry-After (seconds) and tells the budget', async () => {
    srv.on('GET', '/complaints/1/complaint', { status: 429, body: { message: 'Too Many Attempts.' }, headers: { 'Retry-After': '7' } });
    await assert.rejects(lapor.detail('1'), (e: unknown) => e instanceof UpstreamError && e.kind === 'throttled' && e.retryAfterMs === 7000);
    assert.deepEqual(throttledFor, [7000]);
  });

  it('a refused connection is "unsent" (the create surely did not happen), a 500 is "ambiguous"', async () => {
    srv.on('GET', '/complaints/2/complaint', { status: 500, body: {} });
    await assert.rejects(lapor.detail('2'), (e: unknown) => e instanceof UpstreamError && e.kind === 'ambiguous');
    await srv.close();
    await assert.rejects(lapor.detail('2'), (e: unknown) => e instanceof UpstreamError && e.kind === 'unsent');
  });

  it('contentNames matches our tracking number as a whole token only', () => {
    assert.ok(lapor.contentNames('Nomor pelacak: LPR-7K3M-Q9XD\nisi', 'LPR-7K3M-Q9XD'));
    assert.ok(!lapor.contentNames('Nomor pelacak: LPR-7K3M-Q9XDX', 'LPR-7K3M-Q9XD'));
    assert.ok(!lapor.contentNames('Nomor pelacak: XLPR-7K3M-Q9XD', 'LPR-7K3M-Q9XD'));
    assert.ok(!lapor.contentNames('Nomor pelacak: LPR-7K3M-Q9XE', 'LPR-7K3M-Q9XD'));
  });
});

describe('WIB times, Retry-After, mapping, redaction', () => {
  it('d-m-Y H:i:s is day first and WIB (UTC+7); impossible dates are rejected', () => {
    assert.equal(parseWib('05-11-2026 10:00:00')!.toISOString(), '2026-11-05T03:00:00.000Z');
    assert.equal(parseWib('01-01-2027 03:00:00')!.toISOString(), '2026-12-31T20:00:00.000Z');
    assert.equal(parseWib('2026-11-05 10:00:00')!.toISOString(), '2026-11-05T03:00:00.000Z');
    assert.equal(parseWib('31-02-2026 10:00:00'), undefined);
    assert.equal(parseWib('13-13-2026 10:00:00'), undefined);
    assert.equal(parseWib('2026-11-05T03:00:00Z'), undefined);
    const t = new Date('2026-12-08T07:05:09.000Z');
    assert.equal(formatWib(t), '08-12-2026 14:05:09');
    assert.equal(parseWib(formatWib(t))!.getTime(), t.getTime());
  });

  it('property: every instant survives formatWib → parseWib (to the second); day and month never swap', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const s = formatWib(d);
        assert.equal(parseWib(s)!.getTime(), Math.floor(d.getTime() / 1000) * 1000);
        const wall = new Date(d.getTime() + 7 * 3_600_000);
        assert.equal(Number(s.slice(0, 2)), wall.getUTCDate());
        assert.equal(Number(s.slice(3, 5)), wall.getUTCMonth() + 1);
      }),
    );
  });

  it('property: a tracking number matches only itself, never one it is a part of or differs from', () => {
    const lapor = new LaporHttpAdapter({ url: 'http://unused', auth: 'a', token: 't' });
    const id = fc.stringMatching(/^LPR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    fc.assert(
      fc.property(id, id, fc.string({ maxLength: 20 }), (ours, other, noise) => {
        fc.pre(ours !== other);
        assert.ok(lapor.contentNames(`Nomor pelacak: ${ours}\n${noise}`, ours));
        assert.equal(lapor.contentNames(`Nomor pelacak: ${other}\n${noise}`, ours), noise.includes(ours) && lapor.contentNames(noise, ours));
        assert.ok(!lapor.contentNames(`Nomor pelacak: ${ours}X`, ours));
      }),
    );
  });

  it('Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('2026-10-21T07:28:00Z')), 10_000);
    assert.equal(retryAfterMs('soon'), undefined);
  });

  const report = { site_key: 'demo-opd', channel: 'web', classification: 'complaint', category_id: 'cat-infrastruktur.jalan-rusak', location_json: '{"text":"x","locationId":"loc-kec-genteng"}', institution_id: 'kec-genteng' };

  it('mapping: exact key, then the parent category, then "default"; a gap names its table and key', () => {
    const map = { channel: { 'demo-opd': 13 }, classification: { complaint: 6 }, category: { 'cat-infrastruktur': 436 }, location: { default: 34 }, institution: { 'kec-genteng': 2102 } };
    assert.deepEqual(resolveIds(map, new Map(), report), { ok: true, ids: { channel: 13, classificationId: 6, categoryId: 436, locationId: 34, dispositionId: 2102 } });
    assert.deepEqual(resolveIds({ ...map, institution: {} }, new Map(), report), { ok: false, table: 'institution', key: 'kec-genteng' });
    assert.equal((resolveIds({ ...map, institution: {} }, new Map([['kec-genteng', 7]]), report) as { ids: { dispositionId: number } }).ids.dispositionId, 7);
    assert.deepEqual(resolveIds({}, new Map(), report), { ok: false, table: 'channel', key: 'demo-opd' });
  });

  it('redact keeps structure, masks personal fields and secrets, and truncates', () => {
    const out = redact(JSON.stringify({ results: { email: 'a@b.c', phoneUser: '0812', id: 5 }, k: 'SECRET' }), ['SECRET']);
    assert.equal(out, '{"results":{"email":"[redacted]","phoneUser":"[redacted]","id":5},"k":"[secret]"}');
    assert.ok(redact('x'.repeat(5000), []).length < 1100);
  });
});

// The fixture server itself must answer unknown paths with 404, not a fixture by accident.
describe('fixture server', () => {
  let srv: FixtureServer;
  let url: string;
  before(async () => (url = await (srv = new FixtureServer()).listen()));
  after(() => srv.close());
  it('404 for an unregistered request', async () => {
    const res = await fetch(`${url}/nope`);
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });
});
