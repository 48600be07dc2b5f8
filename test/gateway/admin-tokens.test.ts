/**
 * Issue 11, "fixed credentials": the demo admin tokens of earlier releases worked on every
 * start, and nothing configured scoped tokens from the environment.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { configFromEnv, parseAdminTokens } from '../../gateway/config.js';
import { RETIRED_DEMO_TOKENS } from '../../gateway/services/admin.js';
import { startGateway, validReport, type TestGateway, SPAWNS_SQLITE_ONLY } from './helpers.js';

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');

describe('admin tokens: nothing fixed in code', () => {
  let g: TestGateway;
  // As `npm start` runs: seeded, no LAPOR_ADMIN_TOKENS, so demo tokens are made.
  before(async () => (g = await startGateway({ adminTokens: undefined })));
  after(() => g.close());

  it('the fixed demo strings are refused on every admin route', async () => {
    const { trackingId } = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    for (const token of RETIRED_DEMO_TOKENS) {
      const queue = await g.api('/v1/admin/reports', { token, siteKey: null });
      assert.equal(queue.status, 401, `${token} lists the queue`);
      assert.equal((await g.api(`/v1/admin/reports/${trackingId}`, { token, siteKey: null })).status, 401);
      assert.equal((await g.transition(trackingId, { action: 'verify' }, token)).status, 401);
    }
  });

  it('demo tokens are random per start, printed by main.ts, and scoped', async () => {
    const tokens = g.gw.demoAdminTokens;
    assert.deepEqual(tokens.map((t) => t.institution), ['opd-dinkes', 'pkm-kabat', 'kec-genteng']);
    for (const t of tokens) assert.ok(t.token.length >= 24 && !RETIRED_DEMO_TOKENS.includes(t.token));
    const other = await startGateway({ adminTokens: undefined });
    try {
      assert.notDeepEqual(other.gw.demoAdminTokens.map((t) => t.token), tokens.map((t) => t.token));
    } finally {
      await other.close();
    }
    const dinkes = tokens.find((t) => t.institution === 'opd-dinkes')!.token;
    const mine = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    const theirs = await g.create(validReport({ institutionId: 'kec-genteng' }));
    assert.equal((await g.api(`/v1/admin/reports/${mine.trackingId}`, { token: dinkes, siteKey: null })).status, 200);
    assert.equal((await g.api(`/v1/admin/reports/${theirs.trackingId}`, { token: dinkes, siteKey: null })).status, 403);
  });

  it('no demo tokens when scoped tokens are configured', async () => {
    const configured = await startGateway();
    try {
      assert.deepEqual(configured.gw.demoAdminTokens, []);
    } finally {
      await configured.close();
    }
  });
});

describe('LAPOR_ADMIN_TOKEN / LAPOR_ADMIN_TOKENS', () => {
  it('a too-short LAPOR_ADMIN_TOKEN is refused at start, saying why', () => {
    assert.throws(() => configFromEnv({ LAPOR_ADMIN_TOKEN: 'rahasia123' }), /LAPOR_ADMIN_TOKEN: .*at least 24 characters \(it is 10\)/);
    assert.equal(configFromEnv({ LAPOR_ADMIN_TOKEN: 'x'.repeat(24) }).adminToken, 'x'.repeat(24));
  });

  it('plain tokens and sha256:<hex> map to one institution; bad entries are refused without echoing the token', () => {
    const plain = 'dinkes-admin-token-0123456789abcdef';
    const parsed = parseAdminTokens(
      JSON.stringify({ [plain]: { institution: 'opd-dinkes' }, [`sha256:${sha256hex('kec-token-0123456789abcdefgh')}`]: { institution: 'kec-genteng', label: 'Camat' } }),
    )!;
    assert.deepEqual(
      parsed.map((t) => [t.sha256.toString('hex'), t.institution, t.label]),
      [
        [sha256hex(plain), 'opd-dinkes', undefined],
        [sha256hex('kec-token-0123456789abcdefgh'), 'kec-genteng', 'Camat'],
      ],
    );
    assert.throws(() => parseAdminTokens('{"short-one":{"institution":"opd-dinkes"}}'), (e: Error) => /entry 1: .*at least 24/.test(e.message) && !e.message.includes('short-one'));
    assert.throws(() => parseAdminTokens('{"sha256:abc":{"institution":"opd-dinkes"}}'), /64 hex digits/);
    assert.throws(() => parseAdminTokens(`{"${'y'.repeat(30)}":{}}`), /institution/);
    assert.throws(() => parseAdminTokens('[1]'), /JSON object/);
    for (const token of RETIRED_DEMO_TOKENS) {
      assert.throws(() => parseAdminTokens(`{"sha256:${sha256hex(token)}":{"institution":"opd-dinkes"}}`), /refused/);
    }
  });

  it('a sha256: token works end to end; an unknown institution stops the start', async () => {
    const token = 'pkm-kabat-admin-0123456789abcdef';
    const g = await startGateway({ adminTokens: parseAdminTokens(JSON.stringify({ [`sha256:${sha256hex(token)}`]: { institution: 'pkm-kabat' } })) });
    try {
      const { trackingId } = await g.create(validReport({ institutionId: 'pkm-kabat' }));
      assert.equal((await g.transition(trackingId, { action: 'verify' }, token)).status, 200);
      assert.equal((await g.transition(trackingId, { action: 'start' }, `sha256:${sha256hex(token)}`)).status, 401, 'the hash is not a token');
    } finally {
      await g.close();
    }
    await assert.rejects(startGateway({ adminTokens: parseAdminTokens(JSON.stringify({ [token]: { institution: 'opd-nowhere' } })) }), /unknown institution "opd-nowhere"/);
  });
});

describe('npm start', { skip: SPAWNS_SQLITE_ONLY }, () => {
  it('prints random demo admin tokens, different at every start', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const printed = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lapor-main-'));
      const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
        env: { ...process.env, PORT: '0', LAPOR_DB: join(dir, 'db'), LAPOR_DATA_DIR: dir, LAPOR_SCHEDULER_MS: '0', LAPOR_ADMIN_TOKENS: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      await new Promise<void>((resolve) => child.stdout!.on('data', (c) => (out += c) && /upstream /.test(out) && resolve()));
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
      return [...out.matchAll(/admin token +(\S+) +\((.+?);/g)].map((m) => [m[1]!, m[2]!] as const);
    };
    const [first, second] = [await printed(), await printed()];
    assert.deepEqual(first.map(([, label]) => label), ['Dinas Kesehatan', 'Puskesmas Kabat', 'Kecamatan Genteng']);
    for (const [token] of first) assert.ok(token.length >= 24 && !RETIRED_DEMO_TOKENS.includes(token), token);
    assert.ok(first.every(([token], i) => token !== second[i]![0]), 'new tokens at every start');
  });

  it('stops with one clear line, not a stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
      env: { ...process.env, PORT: '0', LAPOR_ADMIN_TOKEN: 'admin123', LAPOR_DB: ':memory:' },
      encoding: 'utf8',
      // A bound, not a pace: tsx compiling the gateway on a busy machine takes its time.
      timeout: 60_000,
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^LAPOR! gateway not started: LAPOR_ADMIN_TOKEN: an admin token must be at least 24 characters \(it is 8\)/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '');
  });

  it('several processes on PostgreSQL: refuses to start without a shared secret, names an unreachable database', async () => {
    const { spawnSync } = await import('node:child_process');
    const start = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], { env: { ...process.env, PORT: '0', ...env }, encoding: 'utf8', timeout: 60_000 });
    const unshared = start({ LAPOR_DATABASE_URL: 'postgres://lapor:rahasia@127.0.0.1:1/lapor' });
    assert.equal(unshared.status, 1);
    assert.match(unshared.stderr, /^LAPOR! gateway not started: LAPOR_DATABASE_URL is set: set LAPOR_SECRET and LAPOR_ADMIN_TOKEN too/);
    // Port 1: nothing listens there.
    const unreachable = start({ LAPOR_DATABASE_URL: 'postgres://lapor:rahasia@127.0.0.1:1/lapor', LAPOR_SECRET: 'x'.repeat(64), LAPOR_ADMIN_TOKEN: 'y'.repeat(24) });
    assert.equal(unreachable.status, 1);
    assert.match(unreachable.stderr, /^LAPOR! gateway not started: PostgreSQL at postgres:\/\/lapor:\*\*\*@127\.0\.0\.1:1\/lapor: connect ECONNREFUSED/);
    assert.doesNotMatch(unreachable.stderr, /rahasia|\n\s+at /, 'no password, no stack trace');
  });
});
