/**
 * Issue 23, "limits that cost nothing to abuse": a malformed tracking id is refused before
 * any bucket or query. Before: "Lupa kode akses?" took a per-report bucket for any id
 * (2,000 addresses × 15 kB junk ids: 9,960 × 202, memory 119 → 479 MB, buckets kept 20
 * minutes), and a NUL byte in an id was a 500 with a stack trace on PostgreSQL. Runs on
 * SQLite and, with LAPOR_TEST_DATABASE_URL, on PostgreSQL (where the NUL byte mattered).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustProxy } from '../../gateway/http/client.js';
import { tidyTrackingId } from '../../gateway/http/ids.js';
import { RateLimiter } from '../../gateway/http/rate-limit.js';
import { DEFAULT_RATE_LIMIT } from '../../gateway/options.js';
import { ADMIN, FULL_SCALE, startGateway, type ApiResult, type TestGateway } from './helpers.js';

describe('malformed tracking ids are refused before any bucket or query', () => {
  let g: TestGateway;
  before(async () => {
    // Every limit on, as in production; X-Forwarded-For from loopback names the client.
    g = await startGateway({ rateLimit: DEFAULT_RATE_LIMIT, trustProxy: parseTrustProxy('loopback') });
  });
  after(() => g.close());

  /** How many rate-limit buckets the gateway holds, whatever the database. */
  async function buckets(): Promise<number> {
    const { db } = g.gw.services;
    if (db.dialect === 'postgres') return Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM rate_buckets'))!.n);
    const limiters = [...Object.values(g.gw.services.limits), g.gw.notifications.recoveryByClient, g.gw.notifications.recoveryByReport];
    return limiters.reduce((n, l) => n + (l as RateLimiter).size, 0);
  }

  it('tidies what people type, refuses everything else', () => {
    assert.equal(tidyTrackingId(' lpr-7k3m-q9xd '), 'LPR-7K3M-Q9XD');
    assert.equal(tidyTrackingId('LPR%2D7K3M%2DQ9XD'), 'LPR-7K3M-Q9XD');
    // Spaces, dots and dashes anywhere, without LPR (issue 24: "lpr nmy4 63jy", "NMY4-63JY").
    assert.equal(tidyTrackingId('lpr%207k3m%20q9xd'), 'LPR-7K3M-Q9XD');
    assert.equal(tidyTrackingId('7K3M-Q9XD-'), 'LPR-7K3M-Q9XD');
    for (const junk of ['LPR-7K3M-Q9X', 'LPR-7K3M-Q9XD\u0000', 'LPR-0000-1111', '%E0%A4%A', 'x'.repeat(15_000), '', 'LPR-7K3M-Q9XD/', 'LPR_7K3M_Q9XD']) {
      assert.equal(tidyTrackingId(junk), undefined, JSON.stringify(junk.slice(0, 20)));
    }
  });

  it('a NUL byte or junk in an id is 404 on every route that takes one, never 500', async () => {
    const { trackingId, accessToken } = await g.create();
    const nul = `${trackingId}%00`;
    const long = 'A'.repeat(15_000);
    for (const id of [nul, `%00${trackingId}`, long, 'LPR-AAAA-AAA%00', '..%2F..%2Fetc%2Fpasswd', 'LPR-%ZZ']) {
      const calls: [string, () => Promise<ApiResult>][] = [
        ['GET report', () => g.api(`/v1/reports/${id}`, { token: accessToken })],
        ['follow-up', () => g.api(`/v1/reports/${id}/followups`, { token: accessToken, body: { kind: 'rating', score: 5 } })],
        ['Lupa kode akses?', () => g.api(`/v1/reports/${id}/access-code`, { body: { contact: 'warga@example.id' } })],
        ['admin detail', () => g.api(`/v1/admin/reports/${id}`, { token: ADMIN, siteKey: null })],
        ['admin transition', () => g.api(`/v1/admin/reports/${id}/transitions`, { token: ADMIN, siteKey: null, body: { action: 'verify' } })],
        ['upstream retry', () => g.api(`/v1/admin/upstream/reports/${id}`, { token: ADMIN, siteKey: null, body: { action: 'retry' } })],
        ['follow page', () => g.api(`/r/${id}`, { siteKey: null })],
      ];
      for (const [what, call] of calls) {
        const r = await call();
        assert.equal(r.status, 404, `${what} ${id.slice(0, 24)}: ${r.status} ${r.text.slice(0, 200)}`);
        assert.equal(r.json?.error?.code, 'not_found', what);
        assert.doesNotMatch(r.text, /at \w+ \(|node_modules|stack/i, 'no stack trace');
      }
    }
    // The report itself is untouched, and a well-formed id typed in lower case still works.
    assert.equal((await g.api(`/v1/reports/${trackingId.toLowerCase()}`, { token: accessToken })).status, 200);
  });

  // The attack was 10,000 requests from 2,000 addresses (LAPOR_TEST_FULL_SCALE=1 sends
  // them); one junk id from each of the 2,000 addresses shows the same (a bucket per id or
  // per address would be 2,000 buckets), at a fifth of the run time (npm test has 8 minutes).
  const REQUESTS = FULL_SCALE ? 10_000 : 2_000;
  it(`${REQUESTS.toLocaleString('en')} junk recovery ids from 2,000 addresses: every one 404, no bucket left behind`, async () => {
    const before = await buckets();
    const junk = 'x'.repeat(15_000);
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        const res = await fetch(`${g.url}/v1/reports/${junk}${i}/access-code`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'X-Forwarded-For': `198.18.${(i % 2000) >> 8}.${i % 256}` },
          body: JSON.stringify({ contact: '081234567890' }),
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    assert.deepEqual([...statuses], [[404, REQUESTS]]);
    assert.equal(await buckets(), before, 'not one bucket more');
  });
});
