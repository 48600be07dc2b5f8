import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { JPEG, PDF, PNG, startGateway, validReport, type TestGateway } from './helpers.js';

function form(bytes: Uint8Array<ArrayBuffer>, name: string, type: string): FormData {
  const f = new FormData();
  f.append('file', new File([bytes], name, { type }));
  return f;
}

describe('POST /v1/attachments', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());
  const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string, lang?: string) =>
    g.api('/v1/attachments', { body: form(bytes, name, type), lang });

  it('accepts pdf, jpeg and png by their bytes, whatever the declared type', async () => {
    const png = await upload(PNG, 'foto.png', 'image/png');
    assert.equal(png.status, 201);
    // Images are stored re-encoded: `bytes` is the size of what is stored.
    const stored = statSync((await g.gw.services.attachments.pathOf(png.json.id))!).size;
    assert.deepEqual({ ...png.json, id: undefined }, { id: undefined, name: 'foto.png', mime: 'image/png', bytes: stored });
    // A real JPEG named .pdf and declared text/plain is still a JPEG.
    const jpeg = await upload(JPEG, 'scan.pdf', 'text/plain');
    assert.equal(jpeg.json.mime, 'image/jpeg');
    const pdf = await upload(PDF, 'surat', 'application/octet-stream');
    assert.equal(pdf.json.mime, 'application/pdf');
    assert.ok(existsSync((await g.gw.services.attachments.pathOf(pdf.json.id))!));
  });

  it('refuses lying extensions and declared types: 415', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    for (const [name, type] of [['foto.jpg', 'image/jpeg'], ['surat.pdf', 'application/pdf'], ['x.png', 'image/png']] as const) {
      const r = await upload(html, name, type, 'en');
      assert.equal(r.status, 415);
      assert.equal(r.json.error.code, 'unsupported_media_type');
      assert.match(r.json.error.message, /PDF/);
    }
    const gif = await upload(new TextEncoder().encode('GIF89a....'), 'a.gif', 'image/gif');
    assert.equal(gif.status, 415);
  });

  it('refuses more than 2 MB: 413', async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(PNG);
    const r = await upload(big, 'besar.png', 'image/png');
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'payload_too_large');
    const huge = new Uint8Array(3 * 1024 * 1024);
    huge.set(PNG);
    assert.equal((await upload(huge, 'lebihbesar.png', 'image/png')).status, 413);
    const exact = new Uint8Array(2 * 1024 * 1024);
    exact.set(PNG);
    assert.equal((await upload(exact, 'pas.png', 'image/png')).status, 201);
  });

  it('400 without a file field; 415 for a non-multipart body', async () => {
    const f = new FormData();
    f.append('other', 'x');
    assert.equal((await g.api('/v1/attachments', { body: f })).status, 400);
    assert.equal((await g.api('/v1/attachments', { body: { file: 'x' } })).status, 415);
  });

  it('attachments join a report (≤ 5, each once, same site key)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await upload(PNG, `f${i}.png`, 'image/png')).json.id);
    const six = await g.submit(validReport({ attachmentIds: ids }));
    assert.equal(six.status, 422);
    assert.deepEqual([six.json.error.fields[0].path, six.json.error.fields[0].code], ['attachmentIds', 'too_many']);
    const ok = await g.create(validReport({ attachmentIds: ids.slice(0, 2) }));
    assert.deepEqual(ok.report.attachments.map((a: any) => a.id), ids.slice(0, 2));
    const reused = await g.submit(validReport({ attachmentIds: [ids[2], ids[0]] }));
    assert.equal(reused.status, 422);
    assert.deepEqual(reused.json.error.fields.map((f: any) => f.path), ['attachmentIds.1']);
    const foreign = (await g.api('/v1/attachments', { body: form(PNG, 'a.png', 'image/png'), siteKey: 'demo-smart-kampung' })).json.id;
    const cross = await g.submit(validReport({ attachmentIds: [foreign] }));
    assert.deepEqual(cross.json.error.fields.map((f: any) => f.path), ['attachmentIds.0']);
  });

  it('the 201 answer is the report a GET returns (the submit builds it from what it wrote, without reading back)', async () => {
    // Uploaded in one order, named in the other: both list them as stored (by upload time).
    const first = (await upload(PNG, 'pertama.png', 'image/png')).json.id as string;
    const second = (await upload(PDF, 'kedua.pdf', 'application/pdf')).json.id as string;
    const made = await g.create(validReport({ attachmentIds: [second, first], reporter: { name: 'Siti', phone: '081234567890' } }));
    const got = await g.api(`/v1/reports/${made.trackingId}`, { token: made.accessToken });
    assert.equal(got.status, 200);
    const { serverTime: _a, ...answered } = made.report;
    const { serverTime: _b, ...read } = got.json;
    assert.deepEqual(answered, read);
    assert.deepEqual(answered.attachments.map((a: { id: string }) => a.id), [first, second]);
  });
});

describe('upload rate limit', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ rateLimit: { submit: false, upload: { capacity: 2, refillPerSecond: 0.01 } } })));
  after(() => g.close());

  it('429 + Retry-After', async () => {
    const send = () => g.api('/v1/attachments', { body: form(PNG, 'a.png', 'image/png') });
    assert.equal((await send()).status, 201);
    assert.equal((await send()).status, 201);
    const r = await send();
    assert.equal(r.status, 429);
    // 100 s for a token, less what refilled while the first two were checked (in a worker
    // that may be starting; at 10 s a token, a busy machine refilled one before the third).
    const retryAfter = Number(r.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 100, String(retryAfter));
    // Another site key is the same client: no fresh bucket.
    const other = await g.api('/v1/attachments', { body: form(PNG, 'a.png', 'image/png'), siteKey: 'demo-smart-kampung' });
    assert.equal(other.status, 429);
  });
});
