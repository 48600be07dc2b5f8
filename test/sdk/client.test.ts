import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createLaporClient } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, TOKEN, TRACKING_ID, attachment, config, report, reportInput } from './fixtures.js';

const client = (lang = 'id') => createLaporClient({ api: `${API}/`, siteKey: 'demo-opd', lang, retry: FAST_RETRY });

describe('sdk client: happy paths', () => {
  useMsw();

  it('getConfig sends the site key and language, and returns the validated config', async () => {
    let seen: Request | undefined;
    worker.use(
      http.get(`${API}/v1/config`, ({ request }) => {
        seen = request;
        return HttpResponse.json(config());
      }),
    );
    const result = await client('en').getConfig();
    expect(result.institutions[0]!.id).to.equal('dinkes');
    expect(seen!.headers.get('x-lapor-site-key')).to.equal('demo-opd');
    expect(seen!.headers.get('accept-language')).to.equal('en');
  });

  it('omits X-Lapor-Site-Key when no site key is set, and defaults the language to id', async () => {
    let seen: Request | undefined;
    worker.use(
      http.get(`${API}/v1/config`, ({ request }) => {
        seen = request;
        return HttpResponse.json(config());
      }),
    );
    const c = createLaporClient({ api: API });
    expect(c.lang).to.equal('id');
    await c.getConfig();
    expect(seen!.headers.has('x-lapor-site-key')).to.equal(false);
    expect(seen!.headers.get('accept-language')).to.equal('id');
  });

  it('searchInstitutions and searchLocations pass q and return the items', async () => {
    const queries: string[] = [];
    worker.use(
      http.get(`${API}/v1/institutions`, ({ request }) => {
        queries.push(new URL(request.url).searchParams.get('q')!);
        return HttpResponse.json({ items: [{ id: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd', timeZone: 'Asia/Jakarta' }] });
      }),
      http.get(`${API}/v1/locations`, ({ request }) => {
        queries.push(new URL(request.url).searchParams.get('q')!);
        return HttpResponse.json({ items: [{ id: 'genteng', name: 'Genteng', path: 'Kecamatan Genteng, Kabupaten Banyuwangi', kind: 'kecamatan' }] });
      }),
    );
    const c = client();
    const institutions = await c.searchInstitutions('dinas kes');
    const locations = await c.searchLocations('gent&eng');
    expect(institutions.map((i) => i.id)).to.deep.equal(['dinkes']);
    expect(locations.map((l) => l.kind)).to.deep.equal(['kecamatan']);
    expect(queries).to.deep.equal(['dinas kes', 'gent&eng']);
  });

  it('submitReport validates, posts the parsed input with an Idempotency-Key and returns the result', async () => {
    let body: any;
    let key: string | null = null;
    worker.use(
      http.post(`${API}/v1/reports`, async ({ request }) => {
        body = await request.json();
        key = request.headers.get('idempotency-key');
        return HttpResponse.json({ trackingId: TRACKING_ID, accessToken: TOKEN, report: report() }, { status: 201 });
      }),
    );
    const result = await client().submitReport(reportInput({ title: '  Jalan berlubang di Genteng  ' }));
    expect(result.trackingId).to.equal(TRACKING_ID);
    expect(result.accessToken).to.equal(TOKEN);
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    // Parsed, not raw: trimmed text and defaults filled in.
    expect(body.title).to.equal('Jalan berlubang di Genteng');
    expect(body.attachmentIds).to.deep.equal([]);
    expect(body.anonymous).to.equal(false);
  });

  it('submitReport uses the given idempotency key', async () => {
    let key: string | null = null;
    worker.use(
      http.post(`${API}/v1/reports`, ({ request }) => {
        key = request.headers.get('idempotency-key');
        return HttpResponse.json({ trackingId: TRACKING_ID, accessToken: TOKEN, report: report() }, { status: 201 });
      }),
    );
    await client().submitReport(reportInput(), { idempotencyKey: 'draft-0001-key' });
    expect(key).to.equal('draft-0001-key');
  });

  it('getReport sends the access code as a Bearer token, never in the URL', async () => {
    let auth: string | null = null;
    let url = '';
    worker.use(
      http.get(`${API}/v1/reports/:id`, ({ request, params }) => {
        auth = request.headers.get('authorization');
        url = request.url;
        return HttpResponse.json(report({ trackingId: params.id as string }));
      }),
    );
    const r = await client().getReport(TRACKING_ID, TOKEN);
    expect(r.trackingId).to.equal(TRACKING_ID);
    expect(auth).to.equal(`Bearer ${TOKEN}`);
    expect(url).to.equal(`${API}/v1/reports/${TRACKING_ID}`);
  });

  it('getReport without a code sends no Authorization header', async () => {
    let has = true;
    worker.use(
      http.get(`${API}/v1/reports/:id`, ({ request }) => {
        has = request.headers.has('authorization');
        return HttpResponse.json(report());
      }),
    );
    await client().getReport(TRACKING_ID);
    expect(has).to.equal(false);
  });

  it('addFollowUp validates and posts a reply with the Bearer token', async () => {
    let body: any;
    let auth: string | null = null;
    worker.use(
      http.post(`${API}/v1/reports/:id/followups`, async ({ request }) => {
        body = await request.json();
        auth = request.headers.get('authorization');
        return HttpResponse.json(report({ status: 'responded' }));
      }),
    );
    const r = await client().addFollowUp(TRACKING_ID, TOKEN, { kind: 'rating', score: 5, comment: 'Cepat sekali' });
    expect(r.status).to.equal('responded');
    expect(body).to.deep.equal({ kind: 'rating', score: 5, comment: 'Cepat sekali' });
    expect(auth).to.equal(`Bearer ${TOKEN}`);
  });

  it('uploadAttachment posts multipart field "file" and reports progress', async () => {
    let name: string | undefined;
    let size = 0;
    let siteKey: string | null = null;
    worker.use(
      http.post(`${API}/v1/attachments`, async ({ request }) => {
        siteKey = request.headers.get('x-lapor-site-key');
        const form = await request.formData();
        const file = form.get('file') as File;
        name = file.name;
        size = file.size;
        return HttpResponse.json(attachment(), { status: 201 });
      }),
    );
    const progress: { loaded: number; total: number }[] = [];
    const file = new File([new Uint8Array(64 * 1024)], 'foto.jpg', { type: 'image/jpeg' });
    const result = await client().uploadAttachment(file, { onProgress: (p) => progress.push(p) });
    expect(result).to.deep.equal(attachment());
    expect(name).to.equal('foto.jpg');
    expect(size).to.equal(64 * 1024);
    expect(siteKey).to.equal('demo-opd');
    expect(progress.length).to.be.greaterThan(0);
    const last = progress.at(-1)!;
    expect(last.loaded).to.equal(last.total);
  });

  it('uploadAttachment maps an error answer like any other call', async () => {
    worker.use(
      http.post(`${API}/v1/attachments`, () =>
        HttpResponse.json({ error: { code: 'unsupported_media_type', message: 'x' } }, { status: 415 }),
      ),
    );
    const { LaporHttpError } = await import('../../src/sdk/index.js');
    try {
      await client().uploadAttachment(new Blob(['%PDF']));
      expect.fail('should throw');
    } catch (e: any) {
      expect(e).to.be.instanceOf(LaporHttpError);
      expect(e.status).to.equal(415);
      expect(e.code).to.equal('unsupported_media_type');
      expect(e.message).to.contain('PDF, JPG');
    }
  });

  it('uploadAttachment: an abort stops the XHR and rethrows the AbortError', async () => {
    let calls = 0;
    worker.use(
      http.post(`${API}/v1/attachments`, async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 300));
        return HttpResponse.json(attachment(), { status: 201 });
      }),
    );
    const controller = new AbortController();
    const pending = client().uploadAttachment(new Blob(['x'.repeat(1000)]), { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    try {
      await pending;
      expect.fail('should reject');
    } catch (e: any) {
      expect(e.name).to.equal('AbortError');
      expect(e).to.equal(controller.signal.reason);
    }
    expect(calls).to.equal(1);
  });

  it('uploadAttachment: a signal aborted before the upload starts sends nothing', async () => {
    let calls = 0;
    worker.use(
      http.post(`${API}/v1/attachments`, () => {
        calls++;
        return HttpResponse.json(attachment(), { status: 201 });
      }),
    );
    const controller = new AbortController();
    controller.abort();
    try {
      await client().uploadAttachment(new Blob(['x'.repeat(1000)]), { signal: controller.signal });
      expect.fail('should reject');
    } catch (e: any) {
      expect(e.name).to.equal('AbortError');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).to.equal(0);
  });
});
