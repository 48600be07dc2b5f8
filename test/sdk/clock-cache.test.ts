import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createLaporClient } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, TOKEN, TRACKING_ID, config, report } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('sdk clock skew and caching', () => {
  useMsw();

  it('corrects for a server clock 24 h ahead from serverTime in the body', async () => {
    worker.use(
      http.get(`${API}/v1/config`, async () => {
        await new Promise((r) => setTimeout(r, 40));
        return HttpResponse.json(config(new Date(Date.now() + DAY).toISOString()));
      }),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    expect(c.clockOffsetMs).to.equal(0);
    const sent = Date.now();
    await c.getConfig();
    const roundTrip = Date.now() - sent;
    // The server stamped at ~t+40 ms; the midpoint of a ~40 ms round trip is ~t+20: the
    // estimate is off by at most half the round trip (as measured: a busy machine stretches it).
    const bound = Math.max(100, roundTrip / 2 + 10);
    expect(Math.abs(c.clockOffsetMs - DAY)).to.be.below(bound);
    expect(Math.abs(c.serverNow() - (Date.now() + DAY))).to.be.below(bound);
  });

  it('keeps what a fast answer said when a slow one, stamped early in its round trip, comes later', async () => {
    let holdMs = 0;
    worker.use(
      http.get(`${API}/v1/config`, async () => {
        // Stamped as the request arrives, answered holdMs later.
        const stamp = new Date(Date.now() + DAY).toISOString();
        await new Promise((r) => setTimeout(r, holdMs));
        return HttpResponse.json(config(stamp));
      }),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await c.getConfig();
    const fast = c.clockOffsetMs;
    holdMs = 800;
    await c.getConfig();
    // Its midpoint would put the gateway ~400 ms behind what the fast answer said.
    expect(Math.abs(c.clockOffsetMs - fast)).to.be.below(100);
  });

  it('reads report.serverTime on a submit, and the Date header when the body has none', async () => {
    worker.use(
      http.get(`${API}/v1/institutions`, () =>
        HttpResponse.json({ items: [] }, { headers: { Date: new Date(Date.now() - DAY).toUTCString() } }),
      ),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await c.searchInstitutions('x');
    // The Date header has second precision.
    expect(Math.abs(c.clockOffsetMs + DAY)).to.be.below(1500);
  });

  it('learns the offset from an error answer too', async () => {
    worker.use(
      http.get(`${API}/v1/reports/:id`, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'x' } }, { status: 404, headers: { Date: new Date(Date.now() + DAY).toUTCString() } }),
      ),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await c.getReport(TRACKING_ID).catch(() => undefined);
    expect(Math.abs(c.clockOffsetMs - DAY)).to.be.below(1500);
  });

  it('getConfig keeps the ETag, sends If-None-Match and reuses the body on 304', async () => {
    const seen: (string | null)[] = [];
    worker.use(
      http.get(`${API}/v1/config`, ({ request }) => {
        const inm = request.headers.get('if-none-match');
        seen.push(inm);
        if (inm === '"v1"') return new HttpResponse(null, { status: 304, headers: { ETag: '"v1"' } });
        return HttpResponse.json(config(), { headers: { ETag: '"v1"' } });
      }),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    const first = await c.getConfig();
    const second = await c.getConfig();
    expect(seen).to.deep.equal([null, '"v1"']);
    expect(second).to.deep.equal(first);
  });

  it('a changed config replaces the cached one', async () => {
    let version = 1;
    worker.use(
      http.get(`${API}/v1/config`, ({ request }) => {
        const etag = `"v${version}"`;
        if (request.headers.get('if-none-match') === etag) return new HttpResponse(null, { status: 304 });
        const body = config();
        body.institutions[0]!.name = `Dinas v${version}`;
        return HttpResponse.json(body, { headers: { ETag: etag } });
      }),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await c.getConfig();
    version = 2;
    expect((await c.getConfig()).institutions[0]!.name).to.equal('Dinas v2');
    expect((await c.getConfig()).institutions[0]!.name).to.equal('Dinas v2');
  });

  it('getReport uses If-None-Match per report and code, returning the cached report on 304', async () => {
    const seen: (string | null)[] = [];
    worker.use(
      http.get(`${API}/v1/reports/:id`, ({ request }) => {
        seen.push(request.headers.get('if-none-match'));
        if (request.headers.get('if-none-match') === '"r1"') return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(report({ status: 'verified' }), { headers: { ETag: '"r1"' } });
      }),
    );
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await c.getReport(TRACKING_ID, TOKEN);
    const again = await c.getReport(TRACKING_ID, TOKEN);
    await c.getReport(TRACKING_ID); // another code (none): its own cache entry
    expect(again.status).to.equal('verified');
    expect(seen).to.deep.equal([null, '"r1"', null]);
  });
});
