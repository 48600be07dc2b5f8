/**
 * Issue 24, through real HTTP on SQLite (and PostgreSQL with LAPOR_TEST_DATABASE_URL):
 * - routing at submit: a citizen who leaves "Kantor yang dituju" to the officers gets the
 *   institution the reference data's rules name (category + location, first match wins;
 *   coordinates placed by the locator), in ReportService.submit (every intake channel),
 *   and that institution's admin sees it, with its own 4-hour (2 for a camat) clock;
 * - tracking numbers as people type them on every route that takes one;
 * - /v1/config says which channels send updates, and an institution's public contact;
 * - a reference file whose rule names an unknown id stops the start, naming it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoReference } from '../../demo/seed.js';
import { SCOPED, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

/** A report with no institution: the gateway decides. */
function unrouted(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { institutionId: _none, ...rest } = validReport(overrides);
  return rest;
}

describe('routing at submit (reference data rules)', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ now: new TestClock().now })));
  after(() => g.close());

  const routedTo = async (body: Record<string, unknown>) => (await g.create(body)).report.institution?.id ?? null;

  it('puskesmas services go to the puskesmas of the place, inside its kecamatan too', async () => {
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-kesehatan.layanan-puskesmas', location: { text: 'Genteng Kulon', locationId: 'loc-desa-genteng-kulon' } })), 'pkm-genteng-kulon');
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-kesehatan.layanan-puskesmas', location: { text: 'Sobo', locationId: 'loc-kel-sobo' } })), 'pkm-sobo');
  });

  it('a category family goes to its OPD wherever it happened; the first matching rule wins', async () => {
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-kesehatan.rumah-sakit' })), 'opd-dinkes');
    // Puskesmas service where no puskesmas is known: the health rule after it.
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-kesehatan.layanan-puskesmas', location: { text: 'Licin', locationId: 'loc-kec-licin' } })), 'opd-dinkes');
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-infrastruktur.jalan-rusak' })), 'opd-pu-ckpp');
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-infrastruktur.drainase-dan-banjir' })), 'opd-pu-pengairan');
    assert.equal(await routedTo(unrouted({ categoryId: 'cat-infrastruktur' })), 'opd-pu-ckpp', 'the parent category itself');
  });

  it('anything else located in a kecamatan goes to that Kecamatan, with the camat\'s 2-hour clock', async () => {
    const { report } = await g.create(unrouted({ categoryId: 'cat-pelayanan-publik-lainnya.pungutan-liar', location: { text: 'Kertosari', locationId: 'loc-kel-kertosari' } }));
    assert.equal(report.institution.id, 'kec-banyuwangi');
    const handle = report.clocks.find((c: { id: string }) => c.id === 'local.handle');
    assert.deepEqual(handle.limit, { amount: 2, unit: 'hours' });
    assert.equal(report.status, 'submitted');
  });

  it('coordinates without a picked place are placed by the locator ("Gunakan lokasi saya", a WhatsApp location)', async () => {
    assert.equal(await routedTo(unrouted({ categoryId: undefined, location: { text: 'Dekat pasar', lat: -8.349, lng: 114.15 } })), 'kec-genteng');
    // Far outside the regency: no place, no rule, nobody guessed.
    assert.equal(await routedTo(unrouted({ categoryId: undefined, location: { text: 'Jakarta', lat: -6.2, lng: 106.8 } })), null);
  });

  it("the citizen's own choice wins; nothing matching leaves it to an officer", async () => {
    assert.equal(await routedTo(validReport({ institutionId: 'opd-dishub', categoryId: 'cat-kesehatan' })), 'opd-dishub');
    assert.equal(await routedTo(unrouted({ categoryId: undefined, location: { text: 'Di rumah saya' } })), null);
  });

  it("the routed institution's admin sees it in their queue", async () => {
    const { trackingId } = await g.create(unrouted({ categoryId: 'cat-kesehatan.layanan-puskesmas', location: { text: 'Kabat', locationId: 'loc-desa-kabat' } }));
    const queue = await g.api('/v1/admin/reports', { token: SCOPED.pkmKabat, siteKey: null });
    assert.equal(queue.status, 200);
    assert.ok(queue.json.items.some((r: { trackingId: string }) => r.trackingId === trackingId), 'in Puskesmas Kabat\'s queue');
  });

  it('a replayed submit answers the same routed report (idempotency untouched)', async () => {
    const body = unrouted({ categoryId: 'cat-infrastruktur.jalan-rusak' });
    const first = await g.submit(body, 'routing-replay-key-0001');
    const again = await g.submit(body, 'routing-replay-key-0001');
    assert.equal(again.status, 201);
    assert.equal(again.text, first.text);
  });
});

describe('tracking numbers as people type them, on every route', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('GET, follow-ups, watch and the admin routes accept any case, spaces, dashes, with or without LPR', async () => {
    const { trackingId, accessToken } = await g.create();
    const core = trackingId.slice(4).replace('-', '');
    for (const typed of [`lpr ${core.slice(0, 4)} ${core.slice(4)}`.toLowerCase(), `lpr${core}`.toLowerCase(), `${core.slice(0, 4)}-${core.slice(4)}`]) {
      const r = await g.api(`/v1/reports/${encodeURIComponent(typed)}`, { token: accessToken });
      assert.equal(r.status, 200, typed);
      assert.equal(r.json.trackingId, trackingId);
    }
    const watch = await g.api('/v1/watch', { body: { reports: [{ trackingId: `lpr ${core}`, accessToken }] } });
    assert.equal(watch.status, 201, watch.text);
    const admin = await g.api(`/v1/admin/reports/${encodeURIComponent(core.toLowerCase())}`, { token: SCOPED.kecGenteng, siteKey: null });
    assert.equal(admin.status, 200, admin.text);
    const moved = await g.transition(encodeURIComponent(`lpr-${core}`), { action: 'verify' }, SCOPED.kecGenteng);
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json.status, 'verified');
    // A number that cannot exist is still "not found", the same 404 as before.
    const none = await g.api('/v1/reports/LPR-0O1I-AAAA', { token: accessToken });
    assert.equal(none.status, 404);
  });

  it("the gateway's words: \"tidak dapat diselesaikan\", never \"di-selesaikan\"", async () => {
    const { trackingId } = await g.create();
    const r = await g.transition(trackingId, { action: 'complete' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.message, 'Laporan berstatus "Belum diverifikasi" tidak dapat diselesaikan.');
    const start = await g.transition(trackingId, { action: 'respond', message: 'Sudah kami tangani di lokasi.' });
    assert.doesNotMatch(start.json.error.message, /di-/);
  });
});

describe('reference data: contacts, update channels, bad rules', () => {
  it('serves an institution\'s public contact and the channels that send updates (none here)', async () => {
    const reference = demoReference();
    reference.institutions = reference.institutions.map((i) => (i.id === 'opd-dinkes' ? { ...i, contact: { phone: '(0333) 424 000' } } : i));
    const g = await startGateway({ reference });
    try {
      const config = await g.api('/v1/config');
      assert.deepEqual(config.json.notify, []);
      assert.deepEqual(config.json.institutions.find((i: { id: string }) => i.id === 'opd-dinkes').contact, { phone: '(0333) 424 000' });
      // And in the report's institution, where the status view names it.
      const { report } = await g.create(validReport({ institutionId: 'opd-dinkes' }));
      assert.deepEqual(report.institution.contact, { phone: '(0333) 424 000' });
    } finally {
      await g.close();
    }
  });

  it('a rule naming an unknown institution stops the start and says which', async () => {
    const reference = demoReference();
    reference.routing = [{ category: 'cat-kesehatan', institution: 'opd-tidak-ada' }];
    await assert.rejects(() => startGateway({ reference }), /routing rule 1 names an unknown institution "opd-tidak-ada"/);
  });

  it('a file with rules replaces the stored list at the next start', async () => {
    const g = await startGateway();
    try {
      const reference = demoReference();
      reference.routing = [{ institution: 'opd-diskominfo' }];
      await g.restart({ reference });
      assert.equal((await g.create(unrouted({ categoryId: 'cat-kesehatan' }))).report.institution.id, 'opd-diskominfo');
    } finally {
      await g.close();
    }
  });
});
