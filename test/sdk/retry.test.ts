import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createLaporClient, LaporHttpError, LaporNetworkError, LaporTimeoutError, LaporValidationError } from '../../src/sdk/index.js';
import { retryAfterSeconds } from '../../src/sdk/response.js';
import { backoffDelay, resolveRetry } from '../../src/sdk/retry.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, TOKEN, TRACKING_ID, config, rejection, report, reportInput } from './fixtures.js';

const submitted = () => HttpResponse.json({ trackingId: TRACKING_ID, accessToken: TOKEN, report: report() }, { status: 201 });

describe('sdk retries', () => {
  useMsw();

  it('500, 500, 201 → exactly three POSTs, one result, the same Idempotency-Key each time', async () => {
    const keys: (string | null)[] = [];
    const statuses = [500, 500];
    worker.use(
      http.post(`${API}/v1/reports`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        const status = statuses.shift();
        return status ? HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status }) : submitted();
      }),
    );
    const result = await createLaporClient({ api: API, retry: FAST_RETRY }).submitReport(reportInput());
    expect(result.trackingId).to.equal(TRACKING_ID);
    expect(keys.length).to.equal(3);
    expect(new Set(keys).size).to.equal(1);
    expect(keys[0]).to.be.a('string');
  });

  it('retries a network error on submit with the same key', async () => {
    const keys: (string | null)[] = [];
    worker.use(
      http.post(`${API}/v1/reports`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? HttpResponse.error() : submitted();
      }),
    );
    await createLaporClient({ api: API, retry: FAST_RETRY }).submitReport(reportInput(), { idempotencyKey: 'outbox-key-42' });
    expect(keys).to.deep.equal(['outbox-key-42', 'outbox-key-42']);
  });

  for (const status of [408, 429, 502, 503, 504]) {
    it(`retries ${status}`, async () => {
      let calls = 0;
      worker.use(http.get(`${API}/v1/config`, () => (++calls === 1 ? new HttpResponse(null, { status }) : HttpResponse.json(config()))));
      await createLaporClient({ api: API, retry: FAST_RETRY }).getConfig();
      expect(calls).to.equal(2);
    });
  }

  for (const status of [400, 401, 403, 404, 409, 422]) {
    it(`never retries ${status}`, async () => {
      let calls = 0;
      worker.use(
        http.post(`${API}/v1/reports`, () => (calls++, HttpResponse.json({ error: { code: 'x', message: 'm', fields: [] } }, { status }))),
      );
      const e = await rejection(() => createLaporClient({ api: API, retry: FAST_RETRY }).submitReport(reportInput()));
      expect(e).to.satisfy((x: unknown) => x instanceof LaporHttpError || x instanceof LaporValidationError);
      expect(calls).to.equal(1);
    });
  }

  it('gives up after `limit` retries with the last error', async () => {
    let calls = 0;
    worker.use(http.get(`${API}/v1/config`, () => (calls++, HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 503 }))));
    const e = await rejection(() => createLaporClient({ api: API, retry: { ...FAST_RETRY, limit: 2 } }).getConfig());
    expect(e).to.be.instanceOf(LaporHttpError);
    expect(e.status).to.equal(503);
    expect(calls).to.equal(3);
  });

  it('retry: 0 disables retries', async () => {
    let calls = 0;
    worker.use(http.get(`${API}/v1/config`, () => (calls++, new HttpResponse(null, { status: 503 }))));
    await rejection(() => createLaporClient({ api: API, retry: 0 }).getConfig());
    expect(calls).to.equal(1);
  });

  it('addFollowUp is not retried on a 500 (a reply would show twice), but is on a 503', async () => {
    let calls = 0;
    worker.use(http.post(`${API}/v1/reports/:id/followups`, () => (calls++, new HttpResponse(null, { status: 500 }))));
    const c = createLaporClient({ api: API, retry: FAST_RETRY });
    await rejection(() => c.addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Halo' }));
    expect(calls).to.equal(1);
    calls = 0;
    worker.use(http.post(`${API}/v1/reports/:id/followups`, () => (++calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json(report()))));
    await c.addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Halo' });
    expect(calls).to.equal(2);
  });

  it('honours Retry-After in seconds', async () => {
    const times: number[] = [];
    worker.use(
      http.get(`${API}/v1/config`, () => {
        times.push(performance.now());
        return times.length === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : HttpResponse.json(config());
      }),
    );
    await createLaporClient({ api: API, retry: { ...FAST_RETRY, maxBackoffMs: 5000 } }).getConfig();
    const waited = times[1]! - times[0]!;
    expect(waited).to.be.within(950, 1600);
  });

  it('caps Retry-After at maxBackoffMs', async () => {
    const times: number[] = [];
    worker.use(
      http.get(`${API}/v1/config`, () => {
        times.push(performance.now());
        return times.length === 1 ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3600' } }) : HttpResponse.json(config());
      }),
    );
    await createLaporClient({ api: API, retry: { ...FAST_RETRY, maxBackoffMs: 40 } }).getConfig();
    expect(times[1]! - times[0]!).to.be.within(30, 500);
  });

  it('waits backoffMs·2^(n-1) with jitter between attempts, never more than maxBackoffMs', async () => {
    const times: number[] = [];
    worker.use(
      http.get(`${API}/v1/config`, () => {
        times.push(performance.now());
        return times.length < 3 ? new HttpResponse(null, { status: 502 }) : HttpResponse.json(config());
      }),
    );
    // random → 1: no jitter, so the waits are 200 ms, then 400 ms capped to 250 ms.
    await createLaporClient({ api: API, retry: { limit: 2, backoffMs: 200, maxBackoffMs: 250, random: () => 1 } }).getConfig();
    expect(times[1]! - times[0]!).to.be.within(180, 240 + 150);
    expect(times[2]! - times[1]!).to.be.within(230, 250 + 150);
    // random → 0: full jitter can mean "again at once".
    times.length = 0;
    await createLaporClient({ api: API, retry: { limit: 2, backoffMs: 2000, random: () => 0 } }).getConfig();
    expect(times[2]! - times[0]!).to.be.below(500);
  });

  it('addFollowUp is not retried after a network error or a timeout (the reply may have arrived)', async () => {
    let calls = 0;
    worker.use(http.post(`${API}/v1/reports/:id/followups`, () => (calls++, HttpResponse.error())));
    const e = await rejection(() => createLaporClient({ api: API, retry: FAST_RETRY }).addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Halo' }));
    expect(e).to.be.instanceOf(LaporNetworkError);
    expect(calls).to.equal(1);
    calls = 0;
    worker.use(http.post(`${API}/v1/reports/:id/followups`, async () => (calls++, await new Promise((r) => setTimeout(r, 300)), HttpResponse.json(report()))));
    const t = await rejection(() =>
      createLaporClient({ api: API, timeoutMs: 40, retry: FAST_RETRY }).addFollowUp(TRACKING_ID, TOKEN, { kind: 'reply', message: 'Halo' }),
    );
    expect(t).to.be.instanceOf(LaporTimeoutError);
    expect(calls).to.equal(1);
  });

  it('a body that stalls after the headers counts against the timeout, and is retried', async () => {
    let calls = 0;
    worker.use(
      http.get(`${API}/v1/config`, () => {
        calls++;
        // Headers and the first bytes, then nothing: a 3G connection that dropped mid-body.
        const stalled = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"serverTime":')) });
        return new HttpResponse(stalled, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const e = await rejection(() => createLaporClient({ api: API, timeoutMs: 80, retry: { ...FAST_RETRY, limit: 1 } }).getConfig());
    expect(e).to.be.instanceOf(LaporTimeoutError);
    expect(calls).to.equal(2);
  });

  it('a 429 that exhausts retries says how long to wait', async () => {
    worker.use(http.get(`${API}/v1/config`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })));
    const e = await rejection(() => createLaporClient({ api: API, lang: 'en', retry: 0 }).getConfig());
    expect(e.code).to.equal('rate_limited');
    expect(e.message).to.equal('Too many requests. Try again in 7 seconds.');
  });

  it('a 429 of one second says "1 second" in English and "1 detik" in Indonesian', async () => {
    worker.use(http.get(`${API}/v1/config`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } })));
    const en = await rejection(() => createLaporClient({ api: API, lang: 'en', retry: 0 }).getConfig());
    expect(en.message).to.equal('Too many requests. Try again in 1 second.');
    const id = await rejection(() => createLaporClient({ api: API, lang: 'id', retry: 0 }).getConfig());
    expect(id.message).to.equal('Terlalu banyak permintaan. Coba lagi dalam 1 detik.');
  });

  describe('abort', () => {
    it('rethrows the AbortError untouched and does not retry', async () => {
      let calls = 0;
      worker.use(
        http.get(`${API}/v1/config`, async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 200));
          return HttpResponse.json(config());
        }),
      );
      const controller = new AbortController();
      const pending = createLaporClient({ api: API, retry: FAST_RETRY }).getConfig({ signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      const e = await rejection(() => pending);
      expect(e).to.be.instanceOf(DOMException);
      expect(e.name).to.equal('AbortError');
      expect(e).to.equal(controller.signal.reason);
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).to.equal(1);
    });

    it('an abort during the backoff stops the retries', async () => {
      let calls = 0;
      let served!: () => void;
      const firstAnswer = new Promise<void>((r) => (served = r));
      worker.use(http.get(`${API}/v1/config`, () => (calls++, served(), new HttpResponse(null, { status: 503, headers: { 'Retry-After': '5' } }))));
      const controller = new AbortController();
      const pending = createLaporClient({ api: API, retry: { ...FAST_RETRY, maxBackoffMs: 5000 } }).getConfig({ signal: controller.signal });
      // Abort once the first 503 is out (the client then waits its 5 s Retry-After), not at a guessed time.
      await firstAnswer;
      setTimeout(() => controller.abort(new DOMException('stop', 'AbortError')), 20);
      const e = await rejection(() => pending);
      expect(e.name).to.equal('AbortError');
      expect(e.message).to.equal('stop');
      expect(calls).to.equal(1);
    });

    it('an already aborted signal makes no request', async () => {
      let calls = 0;
      worker.use(http.get(`${API}/v1/config`, () => (calls++, HttpResponse.json(config()))));
      const e = await rejection(() => createLaporClient({ api: API }).getConfig({ signal: AbortSignal.abort() }));
      expect(e.name).to.equal('AbortError');
      expect(calls).to.equal(0);
    });
  });

  describe('policy', () => {
    it('defaults, numbers and objects resolve', () => {
      expect(resolveRetry(undefined)).to.include({ limit: 3, backoffMs: 500, maxBackoffMs: 10_000 });
      expect(resolveRetry(0).limit).to.equal(0);
      expect(resolveRetry({ limit: 5, backoffMs: 2 })).to.include({ limit: 5, backoffMs: 2 });
    });

    it('reconnect backoff (watch): full jitter, random × min(max, base·2^n)', () => {
      const policy = resolveRetry({ backoffMs: 100, maxBackoffMs: 1000, random: () => 0.5 });
      expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n))).to.deep.equal([50, 100, 200, 400, 500, 500]);
      expect(backoffDelay(resolveRetry({ random: () => 0 }), 3)).to.equal(0);
    });

    it('the seconds a rate-limit message names: delta-seconds or an HTTP date, rounded up', () => {
      const now = Date.parse('2026-11-28T08:00:00Z');
      expect(retryAfterSeconds('3', now)).to.equal(3);
      expect(retryAfterSeconds('Sat, 28 Nov 2026 08:00:09 GMT', now)).to.equal(9);
      expect(retryAfterSeconds('Sat, 28 Nov 2026 07:00:00 GMT', now)).to.equal(0);
      expect(retryAfterSeconds('soon', now)).to.equal(0);
      expect(retryAfterSeconds(null, now)).to.equal(0);
    });
  });
});
