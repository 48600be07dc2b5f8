/**
 * Issue 11: no rate limit on reads, watch, follow-ups or admin routes; access codes could
 * be guessed without end; 200 replies grew the event log by 42 MB (every event stored the
 * whole report); clients told apart by socket address only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { parseTrustProxy, groupAddress } from '../../gateway/http/client.js';
import { familyOf } from '../../gateway/http/limits.js';
import { ADMIN, TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

const OFF = { submit: false, upload: false, read: false, watch: false, followup: false, admin: false, guessClient: false, guessReport: false, guessPair: false } as const;
const tight = { capacity: 2, refillPerSecond: 0.01 };

/** GET with an X-Forwarded-For header (fetch would not let a test vary the socket address either). */
function getWithForwarded(url: string, forwarded: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'X-Lapor-Site-Key': 'demo-opd', 'X-Forwarded-For': forwarded } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('token buckets on every route family', () => {
  it('maps routes to families (submit and upload charge in their routes)', () => {
    assert.equal(familyOf('GET', '/v1/config'), 'read');
    assert.equal(familyOf('GET', '/v1/reports/LPR-AAAA-BBBB'), 'read');
    assert.equal(familyOf('POST', '/v1/watch'), 'watch');
    assert.equal(familyOf('GET', '/v1/events'), 'watch');
    assert.equal(familyOf('POST', '/v1/reports/LPR-AAAA-BBBB/followups'), 'followup');
    assert.equal(familyOf('GET', '/v1/admin/reports'), 'admin');
    assert.equal(familyOf('POST', '/v1/reports'), undefined);
    assert.equal(familyOf('OPTIONS', '/v1/config'), undefined);
  });

  it('each family refuses the excess with 429 + Retry-After, localized', async () => {
    const families = ['read', 'watch', 'followup', 'admin', 'submit'] as const;
    for (const family of families) {
      const g = await startGateway({ rateLimit: { ...OFF, [family]: tight } });
      try {
        const { trackingId, accessToken } = await g.create();
        const call = {
          read: () => g.api('/v1/config'),
          watch: () => g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } }),
          followup: () => g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'rating', score: 3 } }),
          admin: () => g.api('/v1/admin/reports', { token: ADMIN, siteKey: null }),
          submit: () => g.submit(),
        }[family];
        // submit spent one token on create() already
        const allowed = family === 'submit' ? 1 : 2;
        for (let i = 0; i < allowed; i++) assert.notEqual((await call()).status, 429, `${family} #${i + 1}`);
        const refused = await call();
        assert.equal(refused.status, 429, `${family}: ${refused.text}`);
        assert.equal(refused.json.error.code, 'rate_limited');
        assert.ok(Number(refused.headers.get('retry-after')) >= 1);
        const en = await g.api('/v1/config', { lang: 'en' });
        if (family === 'read') assert.match(en.json.error.message, /Too many requests/);
        // /healthz is never limited.
        assert.equal((await g.api('/healthz', { siteKey: null })).status, 200);
      } finally {
        await g.close();
      }
    }
  });
});

describe('client identity', () => {
  it('IPv6 is grouped by /64; IPv4-mapped is IPv4', () => {
    assert.equal(groupAddress('2001:db8:1:2:aaaa::1'), groupAddress('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    assert.notEqual(groupAddress('2001:db8:1:2::1'), groupAddress('2001:db8:1:3::1'));
    assert.equal(groupAddress('2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(groupAddress('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(groupAddress('203.0.113.9'), '203.0.113.9');
  });

  it('LAPOR_TRUST_PROXY: hop count or addresses; "true" is refused', () => {
    assert.equal(parseTrustProxy(undefined), undefined);
    assert.equal(parseTrustProxy('false'), undefined);
    assert.equal(parseTrustProxy('1')!('10.0.0.1', 0), true);
    assert.equal(parseTrustProxy('1')!('10.0.0.1', 1), false);
    assert.equal(parseTrustProxy('loopback, 10.0.0.0/8')!('10.1.2.3', 0), true);
    assert.equal(parseTrustProxy('loopback, 10.0.0.0/8')!('192.0.2.1', 0), false);
    assert.throws(() => parseTrustProxy('true'), /hop count/);
    assert.throws(() => parseTrustProxy('not-an-address'), /LAPOR_TRUST_PROXY/);
  });

  it('X-Forwarded-For counts only from a trusted proxy; its /64 is one client', async () => {
    const rateLimit = { ...OFF, read: tight };
    const direct = await startGateway({ rateLimit });
    const proxied = await startGateway({ rateLimit, trustProxy: parseTrustProxy('loopback') });
    try {
      // Untrusted: the header is ignored, so varying it does not buy new buckets.
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await getWithForwarded(`${direct.url}/v1/config`, `198.51.100.${i}`));
      assert.deepEqual(seen, [200, 200, 429]);
      // Behind a trusted proxy each citizen has a bucket; addresses of one /64 share one.
      const url = `${proxied.url}/v1/config`;
      assert.deepEqual([await getWithForwarded(url, '198.51.100.1'), await getWithForwarded(url, '198.51.100.1'), await getWithForwarded(url, '198.51.100.1')], [200, 200, 429]);
      assert.equal(await getWithForwarded(url, '198.51.100.2'), 200);
      assert.deepEqual([await getWithForwarded(url, '2001:db8:5:6::1'), await getWithForwarded(url, '2001:db8:5:6::2'), await getWithForwarded(url, '2001:db8:5:6:7::3')], [200, 200, 429]);
      assert.equal(await getWithForwarded(url, '2001:db8:5:7::1'), 200);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});

describe('access-code guesses', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway({ rateLimit: { ...OFF, guessReport: { capacity: 5, refillPerSecond: 0.01 }, guessClient: { capacity: 8, refillPerSecond: 0.01 } } })));
  after(() => g.close());

  // With the pair buckets off (LAPOR_RATE_LIMIT_GUESS_PAIR=off) a stranger cannot be told
  // from the owner, so an empty report bucket refuses everyone; with them on (the default)
  // the owner still gets in: owner-access.test.ts.
  it('wrong codes for one report: 404 until the report\'s budget is spent, then 429 (read, follow-up and watch alike)', async () => {
    const { trackingId, accessToken } = await g.create();
    const wrong = 'A'.repeat(43);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await g.api(`/v1/reports/${trackingId}`, { token: wrong })).status);
    assert.deepEqual(statuses, [404, 404, 404, 404, 404]);
    const read = await g.api(`/v1/reports/${trackingId}`, { token: wrong });
    assert.equal(read.status, 429);
    assert.ok(Number(read.headers.get('retry-after')) >= 1);
    assert.equal((await g.api(`/v1/reports/${trackingId}/followups`, { token: wrong, body: { kind: 'rating', score: 1 } })).status, 429);
    assert.equal((await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken: wrong }] } })).status, 429);
    // Lower case or spaces do not buy a fresh budget.
    assert.equal((await g.api(`/v1/reports/${trackingId.toLowerCase()}`, { token: accessToken })).status, 429);
  });

  it('guessing across reports runs out the client\'s budget', async () => {
    // 5 failures spent above; 3 more unknown ids spend the client's 8 (a follow-up's counts too).
    for (const id of ['LPR-AAAA-AAAA', 'LPR-BBBB-BBBB']) assert.equal((await g.api(`/v1/reports/${id}`, { token: 'x' })).status, 404);
    assert.equal((await g.api('/v1/reports/LPR-CCCC-CCCC/followups', { token: 'x', body: { kind: 'rating', score: 1 } })).status, 404);
    const fresh = await g.create();
    assert.equal((await g.api(`/v1/reports/${fresh.trackingId}`, { token: fresh.accessToken })).status, 429);
  });
});

describe('citizen replies', () => {
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => (g = await startGateway({ now: clock.now, replies: { perReport: 15, perHour: 10 } })));
  after(() => g.close());

  async function responded() {
    const created = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    for (const a of [{ action: 'verify' }, { action: 'forward', institutionId: 'opd-dinkes' }, { action: 'start' }, { action: 'respond', message: 'Sudah kami tindak lanjuti.' }]) {
      assert.equal((await g.transition(created.trackingId, a)).status, 200);
    }
    return created;
  }
  const logBytes = async () => Number((await g.gw.services.db.get<{ n: number }>('SELECT COALESCE(SUM(LENGTH(data_json)), 0) AS n FROM events'))!.n);

  it('a reply flood is bounded per hour and per report; each reply adds < 1 kB to the event log', async () => {
    const { trackingId, accessToken } = await responded();
    const reply = (i: number) => g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: `Balasan ke-${i}: jalan masih berlubang, mohon dicek lagi ke lokasi.` } });
    const before = await logBytes();
    const statuses = [];
    for (let i = 1; i <= 11; i++) statuses.push((await reply(i)).status);
    assert.deepEqual(statuses, [...Array(10).fill(201), 429]);
    const perReply = ((await logBytes()) - before) / 10;
    assert.ok(perReply < 1024, `event log grew ${perReply.toFixed(0)} bytes per reply`);
    const hourly = await reply(12);
    assert.ok(Number(hourly.headers.get('retry-after')) > 0);

    clock.advance(3_600_000 + 1000);
    for (let i = 13; i <= 17; i++) assert.equal((await reply(i)).status, 201);
    const capped = await reply(18);
    assert.equal(capped.status, 409);
    assert.match(capped.json.error.message, /batas 15 balasan/);
    const view = await g.api(`/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(view.json.responses.filter((r: any) => r.author === 'citizen').length, 15);
  });

  it('events still carry the whole report on the wire, live and on resume', async () => {
    const { trackingId, accessToken } = await responded();
    await g.api(`/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Terima kasih.' } });
    const { ticket } = (await g.api('/v1/watch', { body: { reports: [{ trackingId, accessToken }] } })).json;
    const res = await fetch(`${g.url}/v1/events?ticket=${ticket}&lastEventId=0`);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('report.response_added')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = JSON.parse(/event: report\.response_added\ndata: (.*)\n/.exec(text)![1]!);
    assert.equal(data.report.trackingId, trackingId);
    assert.equal(data.report.responses.at(-1).message, 'Terima kasih.');
  });
});
