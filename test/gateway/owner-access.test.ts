/**
 * Issue 23, "the owner is never locked out by a stranger", with every guess limit at its
 * production default (options.ts DEFAULT_RATE_LIMIT). Before:
 * - anyone who knew a tracking number could make 10 wrong guesses and keep the owner at
 *   429 for reading, replying and live updates until the reply deadline passed;
 * - on PostgreSQL 200 concurrent wrong codes from one client were 96 checks (limit 10):
 *   the limit was read and charged in separate steps;
 * - anyone who knew the citizen's phone number could have the code rotated ("Lupa kode
 *   akses?") and lock out the saved one.
 * Runs on SQLite and, with LAPOR_TEST_DATABASE_URL, on PostgreSQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustProxy } from '../../gateway/http/client.js';
import { DEFAULT_RATE_LIMIT } from '../../gateway/options.js';
import { eventually, startGateway, validReport, type TestGateway } from './helpers.js';
import { startSmtp } from './notify-helpers.js';

const OWNER = '203.0.113.7';
const wrongCodeFor = (code: string) => (code.startsWith('Z') ? 'Y' : 'Z') + code.slice(1);

describe('guessing never locks the owner out', () => {
  let g: TestGateway;
  before(async () => {
    g = await startGateway({ rateLimit: DEFAULT_RATE_LIMIT, trustProxy: parseTrustProxy('loopback') });
  });
  after(() => g.close());

  /** A call as the client at `address` (a trusted proxy reports it). */
  const as = (address: string, path: string, opts: Parameters<TestGateway['api']>[1] = {}) =>
    g.api(path, { ...opts, headers: { ...opts.headers, 'X-Forwarded-For': address } });

  async function responded() {
    const created = await g.create(validReport({ institutionId: 'opd-dinkes' }), { headers: { 'X-Forwarded-For': OWNER } });
    for (const a of [{ action: 'verify' }, { action: 'forward', institutionId: 'opd-dinkes' }, { action: 'start' }, { action: 'respond', message: 'Sudah kami tindak lanjuti.' }]) {
      assert.equal((await g.transition(created.trackingId, a)).status, 200);
    }
    return created;
  }

  it('strangers from 40 addresses empty the report\'s bucket; the owner still reads, watches, replies and rates', async () => {
    const { trackingId, accessToken } = await responded();
    const wrong = wrongCodeFor(accessToken);
    const strangers = Array.from({ length: 40 }, (_, i) => `198.51.100.${i + 1}`);
    const seen: number[] = [];
    for (const address of strangers) {
      for (let k = 0; k < 3; k++) seen.push((await as(address, `/v1/reports/${trackingId}`, { token: wrong })).status);
    }
    // The first three addresses spent the report's bucket (10) with 9 looks; the fourth took
    // its last token. From then on each address gets two looks (a typo's grace), and its
    // third try is refused before its code is looked at.
    assert.deepEqual(seen.slice(0, 9), Array(9).fill(404));
    for (let i = 3; i < 40; i++) assert.deepEqual(seen.slice(3 * i, 3 * i + 3), [404, 404, 429], `address ${i + 1}`);
    const again = await as(strangers[0]!, `/v1/reports/${trackingId}`, { token: accessToken });
    assert.equal(again.status, 429, 'a stranger who kept guessing is refused even with the right code: no oracle');
    assert.ok(Number(again.headers.get('retry-after')) >= 1);

    // The owner, meanwhile: every citizen route works.
    assert.equal((await as(OWNER, `/v1/reports/${trackingId}`, { token: accessToken })).status, 200);
    assert.equal((await as(OWNER, '/v1/watch', { body: { reports: [{ trackingId, accessToken }] } })).status, 201);
    const reply = await as(OWNER, `/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'reply', message: 'Terima kasih, jalannya sudah diperbaiki.' } });
    assert.equal(reply.status, 201, reply.text);
    assert.equal((await g.transition(trackingId, { action: 'complete' })).status, 200);
    const rate = await as(OWNER, `/v1/reports/${trackingId}/followups`, { token: accessToken, body: { kind: 'rating', score: 5 } });
    assert.equal(rate.status, 201, rate.text);
    // A typo of the owner's own during the attack is forgiven once.
    assert.equal((await as(OWNER, `/v1/reports/${trackingId}`, { token: wrong })).status, 404);
    assert.equal((await as(OWNER, `/v1/reports/${trackingId}`, { token: accessToken })).status, 200);
  });

  it('200 concurrent wrong codes from one client: at most 3 are checked (the pair bucket), the rest 429 unchecked', async () => {
    const { trackingId, accessToken } = await g.create();
    const wrong = wrongCodeFor(accessToken);
    const results = await Promise.all(Array.from({ length: 200 }, () => as('192.0.2.200', `/v1/reports/${trackingId}`, { token: wrong })));
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    assert.deepEqual([...counts].sort(), [[404, 3], [429, 197]]);
    // And the client is charged: the right code from it now waits too (its pair bucket is empty).
    assert.equal((await as('192.0.2.200', `/v1/reports/${trackingId}`, { token: accessToken })).status, 429);
    assert.equal((await as(OWNER, `/v1/reports/${trackingId}`, { token: accessToken })).status, 200);
  });

  it('wrong codes on one report from 200 clients at once: under attack each address gets two looks, the third is not checked', async () => {
    const { trackingId, accessToken } = await g.create();
    const wrong = wrongCodeFor(accessToken);
    const round = async () => (await Promise.all(Array.from({ length: 200 }, (_, i) => as(`192.0.2.${i}`, `/v1/reports/${trackingId}`, { token: wrong })))).map((r) => r.status);
    const started = performance.now();
    for (const n of [1, 2]) {
      const statuses = await round();
      assert.ok(statuses.every((s) => s === 404), `round ${n}: ${[...new Set(statuses)]}`);
    }
    const third = await round();
    // Unchecked, but for the tokens the report's bucket refilled meanwhile (1 per 10 s):
    // with one of those, the report is not under attack for that one try.
    const refilled = Math.ceil((performance.now() - started) / 10_000);
    assert.ok(third.every((s) => s === 429 || s === 404), `round 3: ${[...new Set(third)]}`);
    assert.ok(third.filter((s) => s === 404).length <= refilled, `round 3: ${third.filter((s) => s === 404).length} checked, ${refilled} refilled`);
    assert.equal((await as(OWNER, `/v1/reports/${trackingId}`, { token: accessToken })).status, 200, 'the owner reads');
  });
});

describe('"Lupa kode akses?" keeps the saved code until the new one is first used', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let g: TestGateway;
  const EMAIL = 'pelapor@example.id';
  before(async () => {
    smtp = await startSmtp();
    g = await startGateway({ notify: { smtpUrl: smtp.url, mailFrom: 'LAPOR! <lapor@banyuwangi.example>', intervalMs: 0 } });
  });
  after(async () => {
    await g.close();
    await smtp.close();
  });

  /** The code in the n-th "new access code" mail (index from 1: mail 0 is the confirmation). */
  const codeInMail = async (n: number) => {
    const mail = (await eventually(() => smtp.mails.filter((m) => m.to.includes(EMAIL))[n]))!;
    return /: ([0-9A-HJKMNP-TV-Z]{10})\./.exec(mail.decoded)![1]!;
  };
  const read = (trackingId: string, code: string) => g.api(`/v1/reports/${trackingId}`, { token: code });
  const ask = (trackingId: string) => g.api(`/v1/reports/${trackingId}/access-code`, { body: { contact: EMAIL } });

  it('a stranger asks for a new code: the saved one keeps working; the new one, once used, ends it', async () => {
    const r = await g.create(validReport({ reporter: { name: 'Siti', email: EMAIL }, notify: ['email'] }));
    assert.equal((await ask(r.trackingId)).status, 202);
    const first = await codeInMail(1);
    assert.notEqual(first, r.accessToken);
    assert.match((await smtp.mails.at(-1))!.decoded, /Kode lama tetap berlaku sampai kode baru ini pertama kali dipakai/);
    assert.equal((await read(r.trackingId, r.accessToken)).status, 200, 'the saved code still opens the report');
    assert.equal((await read(r.trackingId, r.accessToken)).status, 200, 'and again');

    // Asked again before the first new code was used: that one is replaced, the saved one still waits.
    assert.equal((await ask(r.trackingId)).status, 202);
    const second = await codeInMail(2);
    assert.equal((await read(r.trackingId, first)).status, 404, 'the unused new code is replaced');
    assert.equal((await read(r.trackingId, r.accessToken)).status, 200);

    // The citizen uses the new code: from then on only it works.
    assert.equal((await read(r.trackingId, second)).status, 200);
    assert.equal((await read(r.trackingId, r.accessToken)).status, 404, 'the saved code ended at the first use of the new one');
    assert.equal((await read(r.trackingId, second)).status, 200);
    const row = await g.gw.services.db.get<{ previous_access_hash: Buffer | null }>('SELECT previous_access_hash FROM reports WHERE tracking_id = ?', [r.trackingId]);
    assert.equal(row!.previous_access_hash, null);
  });
});
