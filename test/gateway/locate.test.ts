/**
 * "Gunakan lokasi saya" / a shared WhatsApp location → the place it falls in
 * (gateway/services/locate.ts, `GET /v1/locations/at`, the SDK's `locate()`).
 *
 * Kecamatan centres in demo/seed-data.json come from ibnux/data-indonesia
 * `kecamatan/3510.json` (BPS codes 351001–351025). The points below are places whose
 * kecamatan is not in doubt.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLaporClient } from '../../src/sdk/index.js';
import type { Location } from '../../src/contract/index.js';
import { centersFrom, distanceKm, Locator } from '../../gateway/services/locate.js';
import { readReferenceFile } from '../../gateway/reference-data.js';
import { startGateway, type TestGateway } from './helpers.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The point the issue saw pasted as text: the regent's office area, Kecamatan Banyuwangi. */
const KANTOR_BUPATI = { lat: -8.2192, lng: 114.3691 };
/** Genteng's own centre from the source file. */
const GENTENG = { lat: -8.3477, lng: 114.1484 };
/** Surabaya: far outside the regency. */
const SURABAYA = { lat: -7.2575, lng: 112.7521 };

describe('distanceKm', () => {
  it('is the great-circle distance', () => {
    assert.equal(distanceKm(GENTENG, GENTENG), 0);
    // One degree of latitude is ~111.2 km everywhere.
    assert.ok(Math.abs(distanceKm({ lat: -8, lng: 114 }, { lat: -9, lng: 114 }) - 111.2) < 0.2);
    // Symmetric.
    assert.equal(distanceKm(KANTOR_BUPATI, SURABAYA), distanceKm(SURABAYA, KANTOR_BUPATI));
  });
});

describe('Locator', () => {
  const loc = (id: string, name: string, path: string, kind: Location['kind']): Location => ({ id, name, path, kind });
  const genteng = loc('k-genteng', 'Kecamatan Genteng', 'Kecamatan Genteng, Kabupaten Banyuwangi', 'kecamatan');
  const sempu = loc('k-sempu', 'Kecamatan Sempu', 'Kecamatan Sempu, Kabupaten Banyuwangi', 'kecamatan');
  const kulon = loc('d-kulon', 'Desa Genteng Kulon', 'Desa Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi', 'desa');
  const orphan = loc('d-orphan', 'Desa Entah', 'Desa Entah, Kabupaten Lain', 'desa');
  const centers = new Map([
    ['k-genteng', GENTENG],
    ['k-sempu', { lat: -8.2823, lng: 114.1517 }],
    ['d-kulon', { lat: -8.36, lng: 114.14 }],
    ['d-orphan', { lat: -8.36, lng: 114.14 }],
  ]);
  const locator = new Locator([genteng, sempu, kulon, orphan], centers);

  it('gives a point to the nearest kecamatan centre, and a desa only when one is close', () => {
    const near = locator.locate({ lat: -8.361, lng: 114.141 });
    assert.equal(near?.kecamatan.id, 'k-genteng');
    assert.equal(near?.location.id, 'd-kulon');
    assert.equal(near!.distanceKm, 0.2); // 157 m, rounded to 0.1 km
    // 4 km east of the desa centre, still nearer Genteng than Sempu: the kecamatan only.
    const far = locator.locate({ lat: -8.36, lng: 114.18 });
    assert.equal(far?.location.id, 'k-genteng');
    assert.equal(locator.locate({ lat: -8.29, lng: 114.15 })?.kecamatan.id, 'k-sempu');
  });

  it('a desa whose path names no known kecamatan is never chosen', () => {
    const only = new Locator([orphan, sempu], centers);
    assert.equal(only.locate({ lat: -8.36, lng: 114.14 })?.location.id, 'k-sempu');
  });

  it('is no match beyond maxKm, and with no centres at all', () => {
    assert.equal(locator.locate(SURABAYA), null);
    assert.equal(new Locator([genteng], centers, { maxKm: 1 }).locate({ lat: -8.4, lng: 114.15 }), null);
    assert.equal(new Locator([genteng], new Map()).locate(GENTENG), null);
  });

  it('a reference file with a bad centre stops the start, naming the location', () => {
    assert.throws(() => centersFrom([{ id: 'x', center: { lat: 95, lng: 114 } }]), /location "x"/);
    assert.throws(() => centersFrom([{ id: 'y', center: 'here' }]), /location "y"/);
    const dir = mkdtempSync(join(tmpdir(), 'lapor-ref-'));
    try {
      const file = join(dir, 'ref.json');
      writeFileSync(file, JSON.stringify({ institutions: [], categories: [], locations: [{ id: 'z', name: 'Z', path: 'Z', kind: 'kecamatan', center: { lat: -8 } }] }));
      assert.throws(() => readReferenceFile(file), /LAPOR_REFERENCE: location "z"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /v1/locations/at', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('names the kecamatan a point falls in, from the demo reference data', async () => {
    const r = await g.api(`/v1/locations/at?lat=${KANTOR_BUPATI.lat}&lng=${KANTOR_BUPATI.lng}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.json.match.kecamatan.id, 'loc-kec-banyuwangi');
    assert.equal(r.json.match.location.name, 'Kecamatan Banyuwangi');
    assert.ok(r.json.match.distanceKm > 0 && r.json.match.distanceKm < 2, `${r.json.match.distanceKm} km`);
    const genteng = await g.api(`/v1/locations/at?lat=${GENTENG.lat}&lng=${GENTENG.lng}`);
    assert.equal(genteng.json.match.kecamatan.id, 'loc-kec-genteng');
    assert.equal(genteng.json.match.distanceKm, 0);
  });

  it('outside the regency is no match, not the nearest kecamatan', async () => {
    const r = await g.api(`/v1/locations/at?lat=${SURABAYA.lat}&lng=${SURABAYA.lng}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { match: null });
  });

  it('a bad point is a 422 naming the field, in the asked language', async () => {
    const id = await g.api('/v1/locations/at?lat=abc&lng=114.1');
    assert.equal(id.status, 422);
    assert.equal(id.json.error.fields[0].path, 'lat');
    assert.match(id.json.error.fields[0].message, /Garis lintang/);
    const en = await g.api('/v1/locations/at?lat=-8.3&lng=200', { lang: 'en' });
    assert.equal(en.status, 422);
    assert.equal(en.json.error.fields[0].path, 'lng');
    assert.match(en.json.error.fields[0].message, /Longitude/);
    assert.equal((await g.api('/v1/locations/at?lng=114.1')).json.error.fields[0].path, 'lat');
  });

  it('needs the site key, like the other reference routes', async () => {
    const r = await g.api(`/v1/locations/at?lat=${GENTENG.lat}&lng=${GENTENG.lng}`, { siteKey: null });
    assert.ok(r.status === 401 || r.status === 403, String(r.status));
  });

  it('the SDK reads it', async () => {
    const client = createLaporClient({ api: g.url, siteKey: 'demo-opd', retry: 0 });
    assert.equal((await client.locate(GENTENG))?.kecamatan.name, 'Kecamatan Genteng');
    assert.equal(await client.locate(SURABAYA), null);
  });
});
