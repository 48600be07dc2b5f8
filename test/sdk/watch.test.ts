import { expect } from '@open-wc/testing';
import { http, HttpResponse, sse } from 'msw';
import { createLaporClient, type LaporClientOptions, type ReportEvent, type Unsubscribe, type WatchConnectionState } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, NOW, OTHER_ID, OTHER_TOKEN, TOKEN, TRACKING_ID, event, report, until } from './fixtures.js';

const TICKET = 'tkt_0123456789abcdef';

/** Counts EventSources made and closed by the SDK (the real one underneath). */
function countingEventSource() {
  const all: EventSource[] = [];
  const stats = {
    made: 0,
    urls: [] as string[],
    /** Instances not closed (by us, or by a failed connection). */
    get open() {
      return all.filter((es) => es.readyState !== EventSource.CLOSED).length;
    },
  };
  class Counting extends EventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      all.push(this);
      stats.made++;
      stats.urls.push(String(url));
    }
  }
  return { stats, EventSource: Counting as typeof EventSource };
}

/** Serve /v1/events over msw, keeping every stream's server side and request URL, in order. */
function recordEventStreams() {
  const servers: any[] = [];
  const urls: string[] = [];
  worker.use(
    sse(`${API}/v1/events`, ({ client, request }) => {
      servers.push(client);
      urls.push(request.url);
    }),
  );
  return { servers, urls };
}

describe('sdk watch', () => {
  useMsw();
  let stops: Unsubscribe[] = [];
  afterEach(() => {
    for (const stop of stops) stop();
    stops = [];
  });

  function setup(tuning: LaporClientOptions['watch'] = {}) {
    const counting = countingEventSource();
    const client = createLaporClient({
      api: API,
      siteKey: 'demo-opd',
      retry: FAST_RETRY,
      watch: { EventSource: counting.EventSource, ...tuning },
    });
    const states: WatchConnectionState[] = [];
    const watchBodies: any[] = [];
    worker.use(
      http.post(`${API}/v1/watch`, async ({ request }) => {
        watchBodies.push(await request.json());
        return HttpResponse.json({ ticket: TICKET, expiresAt: NOW });
      }),
    );
    const watch = (ids: [string, string?][], into: ReportEvent[]) => {
      const stop = client.watch(
        ids.map(([trackingId, accessToken]) => ({ trackingId, accessToken })),
        (e) => into.push(e),
        { onState: (s) => states.push(s) },
      );
      stops.push(stop);
      return stop;
    };
    return { client, states, watchBodies, stats: counting.stats, watch };
  }

  it('shares one ticket and one EventSource between many watch() calls, and filters by report', async () => {
    const { states, watchBodies, stats, watch } = setup();
    let server: any;
    worker.use(
      sse(`${API}/v1/events`, ({ client }) => {
        server = client;
      }),
    );
    const a: ReportEvent[] = [];
    const b: ReportEvent[] = [];
    const both: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], a);
    watch([[OTHER_ID, OTHER_TOKEN]], b);
    watch([[TRACKING_ID, TOKEN], [OTHER_ID, OTHER_TOKEN]], both);
    await until(() => states.includes('live'), 'live');
    expect(states[0]).to.equal('connecting');
    expect(stats.made).to.equal(1);
    expect(watchBodies).to.have.length(1);
    expect(watchBodies[0].reports).to.deep.equal([
      { trackingId: TRACKING_ID, accessToken: TOKEN },
      { trackingId: OTHER_ID, accessToken: OTHER_TOKEN },
    ]);
    // Tokens go in the POST body, never in the stream's URL.
    expect(stats.urls[0]).to.equal(`${API}/v1/events?ticket=${TICKET}`);

    server.send({ id: '1', data: event('1') });
    server.send({ id: '2', data: event('2', { trackingId: OTHER_ID }) });
    // A named event reaches us too.
    server.send({ id: '3', event: 'report.status_changed', data: event('3', { type: 'report.status_changed', from: 'submitted', to: 'verified' }) });
    await until(() => both.length === 3, 'three events');
    expect(a.map((e) => e.id)).to.deep.equal(['1', '3']);
    expect(b.map((e) => e.id)).to.deep.equal(['2']);
    expect(both.map((e) => e.id)).to.deep.equal(['1', '2', '3']);
  });

  it('ignores events that break the contract or concern no watched report', async () => {
    const { states, watch } = setup();
    let server: any;
    worker.use(sse(`${API}/v1/events`, ({ client }) => void (server = client)));
    const got: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], got);
    await until(() => states.includes('live'), 'live');
    server.send({ id: 'x1', data: 'not json' });
    server.send({ id: 'x2', data: { ...event('x2'), type: 'report.deleted' } });
    server.send({ id: 'x3', data: event('x3', { trackingId: 'LPR-ZZZZ-ZZZZ' }) });
    server.send({ id: 'ok', data: event('ok') });
    await until(() => got.length === 1, 'the valid event');
    await new Promise((r) => setTimeout(r, 30));
    expect(got.map((e) => e.id)).to.deep.equal(['ok']);
  });

  it('reconnects after the stream errors, resuming from the last event id, without duplicates', async () => {
    const { states, watchBodies, stats, watch } = setup();
    const { servers, urls } = recordEventStreams();
    const got: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], got);
    await until(() => servers.length === 1 && states.includes('live'), 'first connection');
    servers[0].send({ id: 'e1', data: event('e1') });
    servers[0].send({ id: 'e2', data: event('e2') });
    await until(() => got.length === 2, 'two events');
    servers[0].error();
    await until(() => servers.length === 2, 'reconnect');
    expect(new URL(urls[1]!).searchParams.get('lastEventId')).to.equal('e2');
    expect(new URL(urls[1]!).searchParams.get('ticket')).to.equal(TICKET);
    expect(watchBodies).to.have.length(2);
    // The gateway replays from e2 (inclusive, say): e2 must not be delivered again.
    servers[1].send({ id: 'e2', data: event('e2') });
    servers[1].send({ id: 'e3', data: event('e3') });
    await until(() => got.length >= 3, 'third event');
    await new Promise((r) => setTimeout(r, 30));
    expect(got.map((e) => e.id)).to.deep.equal(['e1', 'e2', 'e3']);
    expect(stats.open).to.equal(1);
    expect(states.at(-1)).to.equal('live');
  });

  it('changing the watched set gets a new ticket and reconnects; unwatching everything closes', async () => {
    const { states, watchBodies, stats, watch } = setup();
    worker.use(sse(`${API}/v1/events`, () => undefined));
    const stopA = watch([[TRACKING_ID, TOKEN]], []);
    await until(() => states.includes('live'), 'live');
    const stopB = watch([[OTHER_ID, OTHER_TOKEN]], []);
    await until(() => watchBodies.length === 2 && stats.made === 2, 'second ticket');
    expect(watchBodies[1].reports).to.have.length(2);
    // Same report again: the union does not change, nothing reconnects.
    const stopA2 = watch([[TRACKING_ID, TOKEN]], []);
    await new Promise((r) => setTimeout(r, 30));
    expect(watchBodies).to.have.length(2);
    stopA2();
    stopA();
    await until(() => watchBodies.length === 3 && stats.made === 3, 'third connection');
    expect(watchBodies[2].reports).to.deep.equal([{ trackingId: OTHER_ID, accessToken: OTHER_TOKEN }]);
    stopB();
    await until(() => stats.open === 0, 'closed');
    expect(stats.made).to.equal(3);
  });

  it('falls back to polling with ETag after repeated failures, and synthesizes events only on change', async () => {
    const { client, states, stats, watch } = setup({ failuresBeforePolling: 3, pollIntervalMs: 20, sseRetryMs: 60_000 });
    let eventAttempts = 0;
    let current = report({ status: 'submitted', updatedAt: NOW });
    let etag = '"a"';
    const inm: (string | null)[] = [];
    worker.use(
      http.get(`${API}/v1/events`, () => (eventAttempts++, new HttpResponse(null, { status: 503 }))),
      http.get(`${API}/v1/reports/:id`, ({ request }) => {
        inm.push(request.headers.get('if-none-match'));
        if (request.headers.get('if-none-match') === etag) return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(current, { headers: { ETag: etag } });
      }),
    );
    await client.getReport(TRACKING_ID, TOKEN); // the element loads the report first: the baseline
    const got: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], got);
    await until(() => states.includes('polling'), 'polling');
    expect(eventAttempts).to.equal(3);
    expect(stats.open).to.equal(0);
    await until(() => inm.length >= 4, 'a few polls');
    expect(got).to.have.length(0);
    expect(inm.slice(1).every((v) => v === '"a"')).to.equal(true);

    const later = '2026-11-28T09:00:00.000Z';
    current = report({ status: 'verified', updatedAt: later });
    etag = '"b"';
    await until(() => got.length === 1, 'a synthesized event');
    const polled = inm.length;
    await until(() => inm.length >= polled + 3, 'more polls');
    expect(got).to.have.length(1);
    expect(got[0]).to.deep.include({
      id: `poll:${TRACKING_ID}:${later}`,
      type: 'report.status_changed',
      trackingId: TRACKING_ID,
      from: 'submitted',
      to: 'verified',
    });

    current = report({ status: 'verified', updatedAt: '2026-11-28T09:05:00.000Z', responses: [] });
    etag = '"c"';
    await until(() => got.length === 2, 'an update event');
    expect(got[1]!.type).to.equal('report.updated');
  });

  it('while polling, tries SSE again and goes live when it works', async () => {
    const { states, watch } = setup({ failuresBeforePolling: 2, pollIntervalMs: 20, sseRetryMs: 60 });
    let attempts = 0;
    let server: any;
    worker.use(
      http.get(`${API}/v1/reports/:id`, () => HttpResponse.json(report())),
      sse(`${API}/v1/events`, ({ client }) => void (server = client)),
    );
    // The first two stream attempts fail (registered later = matched first).
    worker.use(http.get(`${API}/v1/events`, () => (++attempts <= 2 ? new HttpResponse(null, { status: 503 }) : undefined)));
    const got: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], got);
    await until(() => states.includes('polling'), 'polling');
    await until(() => states.at(-1) === 'live', 'live again');
    server.send({ id: 's1', data: event('s1') });
    await until(() => got.length === 1, 'event over SSE');
  });

  it('pauses while the page is hidden and resumes from the last id when visible', async () => {
    const { states, stats, watch } = setup();
    const { servers, urls } = recordEventStreams();
    const got: ReportEvent[] = [];
    watch([[TRACKING_ID, TOKEN]], got);
    await until(() => states.includes('live'), 'live');
    servers[0].send({ id: 'h1', data: event('h1') });
    await until(() => got.length === 1, 'event');

    let visibility: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect(states.at(-1)).to.equal('paused');
      expect(stats.open).to.equal(0);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => servers.length === 2 && states.at(-1) === 'live', 'resumed');
      expect(new URL(urls[1]!).searchParams.get('lastEventId')).to.equal('h1');
    } finally {
      delete (document as any).visibilityState;
    }
  });

  it('a watch() stopped before the lazily loaded watch module is in never asks for a ticket', async () => {
    // A fresh client: its first watch() starts loading ./watch.js, so the stop below
    // lands while the subscription is still queued.
    const { client, watchBodies, stats, watch } = setup();
    worker.use(sse(`${API}/v1/events`, () => undefined));
    const stopEarly = watch([[OTHER_ID, OTHER_TOKEN]], []);
    stopEarly();
    // A later subscriber on the same client is served, and alone.
    watch([[TRACKING_ID, TOKEN]], []);
    await until(() => watchBodies.length === 1 && stats.made === 1, 'one ticket, one stream');
    expect(watchBodies[0].reports).to.deep.equal([{ trackingId: TRACKING_ID, accessToken: TOKEN }]);
    // Once loaded, watch() subscribes synchronously: the current state arrives at once.
    const now: WatchConnectionState[] = [];
    stops.push(client.watch([{ trackingId: TRACKING_ID, accessToken: TOKEN }], () => undefined, { onState: (s) => now.push(s) }));
    expect(now).to.have.length(1);
  });

  it('starts paused when watch() is called on a hidden page', async () => {
    const { states, stats, watch } = setup();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      watch([[TRACKING_ID, TOKEN]], []);
      await until(() => states.includes('paused'), 'paused');
      expect(stats.made).to.equal(0);
    } finally {
      delete (document as any).visibilityState;
    }
  });

  it('reports offline when the ticket cannot be fetched, and reconnects at once when back online', async () => {
    const counting = countingEventSource();
    // A 10 s backoff: only the `online` event can explain a quick reconnect.
    const client = createLaporClient({
      api: API,
      retry: { limit: 0, backoffMs: 10_000, maxBackoffMs: 10_000, random: () => 1 },
      watch: { EventSource: counting.EventSource, failuresBeforePolling: 5 },
    });
    let calls = 0;
    let up = false;
    worker.use(
      http.post(`${API}/v1/watch`, () => (calls++, up ? HttpResponse.json({ ticket: TICKET, expiresAt: NOW }) : HttpResponse.error())),
      sse(`${API}/v1/events`, () => undefined),
    );
    const states: WatchConnectionState[] = [];
    stops.push(client.watch([{ trackingId: TRACKING_ID, accessToken: TOKEN }], () => undefined, { onState: (s) => states.push(s) }));
    await until(() => states.includes('offline'), 'offline');
    expect(counting.stats.made).to.equal(0);
    expect(calls).to.equal(1);
    up = true;
    window.dispatchEvent(new Event('online'));
    await until(() => states.at(-1) === 'live', 'live after online', 2000);
    expect(counting.stats.made).to.equal(1);
  });
});
