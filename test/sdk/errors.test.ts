import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import {
  createLaporClient,
  LaporError,
  LaporHttpError,
  LaporNetworkError,
  LaporResponseError,
  LaporTimeoutError,
  LaporValidationError,
} from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, TOKEN, TRACKING_ID, config, rejection, report, reportInput } from './fixtures.js';

const client = (lang = 'id') => createLaporClient({ api: API, siteKey: 'demo-opd', lang, retry: FAST_RETRY });

describe('sdk errors', () => {
  useMsw();

  it('every error class is a LaporError with a stable name and code', () => {
    const request = { method: 'GET', url: `${API}/v1/config` };
    const all = [
      new LaporHttpError('m', { code: 'not_found', status: 404, body: undefined, request }),
      new LaporValidationError('m', { fields: [] }),
      new LaporNetworkError('m', { request, cause: new TypeError('x') }),
      new LaporTimeoutError('m', { request, timeoutMs: 5 }),
      new LaporResponseError('m', { issues: [{ path: 'a.b', message: 'x' }], status: 200, request }),
    ];
    expect(all.map((e) => e.name)).to.deep.equal([
      'LaporHttpError',
      'LaporValidationError',
      'LaporNetworkError',
      'LaporTimeoutError',
      'LaporResponseError',
    ]);
    for (const e of all) {
      expect(e).to.be.instanceOf(LaporError);
      expect(e).to.be.instanceOf(Error);
    }
    expect(all.map((e) => e.code)).to.deep.equal(['not_found', 'validation_failed', 'network', 'timeout', 'invalid_response']);
    expect((all[2] as LaporNetworkError).cause).to.be.instanceOf(TypeError);
  });

  describe('local validation (no request is made)', () => {
    it('submitReport throws LaporValidationError with field paths, codes and localized messages', async () => {
      let requests = 0;
      worker.use(http.post(`${API}/v1/reports`, () => (requests++, HttpResponse.json({}))));
      const e = await rejection(() =>
        client().submitReport(reportInput({ title: 'pendek', incidentDate: undefined, location: { text: '' } })),
      );
      expect(e).to.be.instanceOf(LaporValidationError);
      expect(e.status).to.equal(undefined);
      const byPath = Object.fromEntries(e.fields.map((f: any) => [f.path, f]));
      expect(byPath.title.code).to.equal('too_short');
      expect(byPath.title.message).to.contain('Judul laporan');
      expect(byPath['location.text'].code).to.equal('required');
      expect(byPath.incidentDate.code).to.equal('required');
      expect(e.message).to.equal('Ada isian yang perlu diperbaiki.');
      expect(requests).to.equal(0);
    });

    it('speaks English when the client does', async () => {
      const e = await rejection(() => client('en').submitReport(reportInput({ title: 'short' })));
      expect(e.fields[0].message).to.equal('Title is too short: at least 10 characters.');
      expect(e.message).to.equal('Some fields need to be corrected.');
    });

    it('addFollowUp validates its input', async () => {
      const e = await rejection(() => client().addFollowUp(TRACKING_ID, TOKEN, { kind: 'rating', score: 9 }));
      expect(e).to.be.instanceOf(LaporValidationError);
      expect(e.fields[0].path).to.equal('score');
      expect(e.fields[0].code).to.equal('too_big');
    });
  });

  describe('gateway errors', () => {
    it('422 → LaporValidationError with fields re-localized, and the request id', async () => {
      worker.use(
        http.post(`${API}/v1/reports`, () =>
          HttpResponse.json(
            {
              error: {
                code: 'validation_failed',
                message: 'Ada isian yang perlu diperbaiki.',
                fields: [
                  { path: 'body', code: 'contains_nik', message: 'Isi laporan tampaknya berisi NIK.' },
                  { path: 'categoryId', code: 'gateway_specific', message: 'Kategori ditutup.' },
                ],
              },
            },
            { status: 422, headers: { 'X-Request-Id': 'req-422' } },
          ),
        ),
      );
      const e = await rejection(() => client('en').submitReport(reportInput()));
      expect(e).to.be.instanceOf(LaporValidationError);
      expect(e.status).to.equal(422);
      expect(e.requestId).to.equal('req-422');
      expect(e.fields[0]).to.deep.equal({
        path: 'body',
        code: 'contains_nik',
        message: 'Description seems to contain a national ID number (NIK). For your safety, remove it from the text.',
      });
      // Unknown code: the gateway's own message is kept.
      expect(e.fields[1].message).to.equal('Kategori ditutup.');
    });

    for (const [status, code] of [
      [404, 'not_found'],
      [403, 'forbidden'],
      [409, 'idempotency_conflict'],
    ] as const) {
      it(`${status} → LaporHttpError with status, code, body and a localized message`, async () => {
        worker.use(
          http.get(`${API}/v1/config`, () =>
            HttpResponse.json({ error: { code, message: 'server says', requestId: 'req-body' } }, { status }),
          ),
        );
        const e = await rejection(() => client().getConfig());
        expect(e).to.be.instanceOf(LaporHttpError);
        expect(e.status).to.equal(status);
        expect(e.code).to.equal(code);
        expect(e.requestId).to.equal('req-body');
        expect(e.body.error.code).to.equal(code);
        expect(e.request).to.deep.equal({ method: 'GET', url: `${API}/v1/config` });
        expect(e.message).not.to.equal('server says');
      });
    }

    it('a 404 on getReport says to check the tracking number and code', async () => {
      worker.use(http.get(`${API}/v1/reports/:id`, () => HttpResponse.json({ error: { code: 'not_found', message: 'x' } }, { status: 404 })));
      const e = await rejection(() => client('en').getReport(TRACKING_ID, TOKEN));
      expect(e.message).to.equal('Report not found. Check your tracking number and access code.');
    });

    it('an error without a JSON body still maps by status', async () => {
      worker.use(http.get(`${API}/v1/config`, () => new HttpResponse('<html>Forbidden</html>', { status: 403 })));
      const e = await rejection(() => client().getConfig());
      expect(e).to.be.instanceOf(LaporHttpError);
      expect(e.code).to.equal('forbidden');
      expect(e.body).to.equal('<html>Forbidden</html>');
      expect(e.message).to.equal('Anda tidak berwenang melakukan ini.');
    });

    it('a code with a template needing gateway facts uses the gateway message', async () => {
      worker.use(
        http.post(`${API}/v1/reports/:id/followups`, () =>
          HttpResponse.json({ error: { code: 'illegal_transition', message: 'Laporan berstatus "Selesai" tidak dapat dibalas.' } }, { status: 409 }),
        ),
      );
      const e = await rejection(() => client().addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Terima kasih' }));
      expect(e.message).to.equal('Laporan berstatus "Selesai" tidak dapat dibalas.');
    });

    it('network failure → LaporNetworkError after the retries', async () => {
      let calls = 0;
      worker.use(http.get(`${API}/v1/config`, () => (calls++, HttpResponse.error())));
      const e = await rejection(() => client('en').getConfig());
      expect(e).to.be.instanceOf(LaporNetworkError);
      expect(e.message).to.equal('Cannot connect. Check your internet connection.');
      expect(e.cause).to.be.instanceOf(Error);
      expect(calls).to.equal(4);
    });

    it('timeout → LaporTimeoutError', async () => {
      let calls = 0;
      worker.use(
        http.get(`${API}/v1/config`, async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 300));
          return HttpResponse.json(config());
        }),
      );
      const c = createLaporClient({ api: API, timeoutMs: 30, retry: { ...FAST_RETRY, limit: 1 } });
      const e = await rejection(() => c.getConfig());
      expect(e).to.be.instanceOf(LaporTimeoutError);
      expect(e.timeoutMs).to.equal(30);
      expect(calls).to.equal(2);
    });
  });

  describe('responses that break the contract', () => {
    it('malformed JSON → LaporResponseError', async () => {
      worker.use(http.get(`${API}/v1/config`, () => new HttpResponse('{"institutions": [', { status: 200, headers: { 'Content-Type': 'application/json' } })));
      const e = await rejection(() => client().getConfig());
      expect(e).to.be.instanceOf(LaporResponseError);
      expect(e.path).to.equal('');
    });

    it('a wrong shape names the failing path and returns nothing', async () => {
      const bad = report();
      (bad.clocks[0] as any).dueAt = 'tomorrow';
      worker.use(http.post(`${API}/v1/reports`, () => HttpResponse.json({ trackingId: TRACKING_ID, accessToken: TOKEN, report: bad }, { status: 201 })));
      const e = await rejection(() => client().submitReport(reportInput()));
      expect(e).to.be.instanceOf(LaporResponseError);
      expect(e.path).to.equal('report.clocks.0.dueAt');
      expect(e.message).to.contain('report.clocks.0.dueAt');
      expect(e.status).to.equal(201);
      expect(JSON.stringify(e)).not.to.contain(TOKEN);
    });

    it('a wrong tracking id in a report is refused', async () => {
      worker.use(http.get(`${API}/v1/reports/:id`, () => HttpResponse.json(report({ trackingId: 'LPR-0000-OOOO' }))));
      const e = await rejection(() => client().getReport(TRACKING_ID));
      expect(e.path).to.equal('trackingId');
    });
  });

  describe('redaction of access codes', () => {
    it('masks the token in the message, body and request info of an HTTP error', async () => {
      worker.use(
        http.get(`${API}/v1/reports/:id`, () =>
          HttpResponse.json(
            {
              error: {
                code: 'weird_code',
                message: `Token ${TOKEN} rejected (Authorization: Bearer ${TOKEN})`,
                accessToken: TOKEN,
                fields: [{ path: 'accessToken', code: 'invalid', message: `bad ${TOKEN}` }],
              },
            },
            { status: 401 },
          ),
        ),
      );
      const e = await rejection(() => client().getReport(TRACKING_ID, TOKEN));
      expect(e).to.be.instanceOf(LaporHttpError);
      const everything = JSON.stringify({ message: e.message, body: e.body, request: e.request, stack: e.stack, cause: e.cause });
      expect(everything).not.to.contain(TOKEN);
      expect(everything).to.contain('[REDACTED]');
    });

    it('masks tokens in a 422 field message', async () => {
      worker.use(
        http.post(`${API}/v1/reports/:id/followups`, () =>
          HttpResponse.json(
            { error: { code: 'validation_failed', message: 'x', fields: [{ path: 'message', code: 'custom_x', message: `mentions ${TOKEN}` }] } },
            { status: 422 },
          ),
        ),
      );
      const e = await rejection(() => client().addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Halo' }));
      expect(e).to.be.instanceOf(LaporValidationError);
      expect(JSON.stringify(e.fields)).not.to.contain(TOKEN);
    });

    it('masks a short code typed as a person would (7kq4m 9xdht) in the form it was sent', async () => {
      // The SDK sends the stored form; a gateway echoing that must not slip past the mask.
      worker.use(
        http.get(`${API}/v1/reports/:id`, () =>
          HttpResponse.json({ error: { code: 'weird_code', message: 'Code 7KQ4M9XDHT rejected' } }, { status: 401 }),
        ),
      );
      const e = await rejection(() => client().getReport(TRACKING_ID, '7kq4m 9xdht'));
      expect(e).to.be.instanceOf(LaporHttpError);
      expect(JSON.stringify({ message: e.message, body: e.body })).not.to.contain('7KQ4M9XDHT');
    });

    it('network and timeout errors carry no headers', async () => {
      worker.use(http.get(`${API}/v1/reports/:id`, () => HttpResponse.error()));
      const e = await rejection(() => createLaporClient({ api: API, retry: 0 }).getReport(TRACKING_ID, TOKEN));
      expect(e).to.be.instanceOf(LaporNetworkError);
      expect(JSON.stringify({ ...e, message: e.message, request: e.request })).not.to.contain(TOKEN);
      expect(String(e.cause)).not.to.contain(TOKEN);
    });
  });
});
