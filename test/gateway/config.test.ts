import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv, parseSiteKeys } from '../../gateway/config.js';
import { originMatches } from '../../gateway/http/cors.js';

describe('configuration from the environment', () => {
  it('defaults match DESIGN.md', () => {
    const c = configFromEnv({});
    assert.equal(c.port, 8787);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dbPath, '.data/lapor.db');
    assert.equal(c.dataDir, '.data/');
    assert.ok(c.adminToken.length >= 24 && c.adminTokenGenerated);
    assert.deepEqual(Object.keys(c.siteKeys), ['demo-opd', 'demo-smart-kampung']);
    assert.equal(c.siteKeys['demo-smart-kampung']!.channel, 'smart_kampung');
    assert.equal(c.upstream, undefined);
  });

  it('reads PORT=0, tokens, upstream, rate limits', () => {
    const c = configFromEnv({ PORT: '0', LAPOR_ADMIN_TOKEN: 'abcdefghijklmnopqrstuvwx', LAPOR_UPSTREAM_URL: 'http://x', LAPOR_UPSTREAM_AUTH: 'k', LAPOR_UPSTREAM_TOKEN: 't', LAPOR_RATE_LIMIT: 'off' });
    assert.equal(c.port, 0);
    assert.equal(c.adminToken, 'abcdefghijklmnopqrstuvwx');
    assert.equal(c.adminTokenGenerated, false);
    assert.deepEqual([c.upstream?.url, c.upstream?.auth, c.upstream?.token], ['http://x', 'k', 't']);
    assert.ok(Object.values(c.rateLimit!).every((v) => v === false), 'LAPOR_RATE_LIMIT=off turns every family off');
    assert.deepEqual(configFromEnv({ LAPOR_RATE_LIMIT_SUBMIT: '5:0.5' }).rateLimit?.submit, { capacity: 5, refillPerSecond: 0.5 });
    assert.throws(() => configFromEnv({ LAPOR_RATE_LIMIT: 'lots' }));
  });

  it('LAPOR_SITE_KEYS: validated JSON', () => {
    assert.deepEqual(parseSiteKeys('{"dinkes-bwi":{"origins":["https://dinkes.banyuwangikab.go.id"],"channel":"web"}}'), {
      'dinkes-bwi': { origins: ['https://dinkes.banyuwangikab.go.id'], channel: 'web' },
    });
    assert.throws(() => parseSiteKeys('{"a":{"origins":"x"}}'), /origins/);
    assert.throws(() => parseSiteKeys('{"a":{"origins":[],"channel":"fax"}}'), /channel/);
  });

  it('origin patterns: exact, any port, any', () => {
    assert.ok(originMatches(['http://localhost:*'], 'http://localhost:8787'));
    assert.ok(originMatches(['http://localhost:*'], 'http://localhost'));
    assert.ok(!originMatches(['http://localhost:*'], 'http://localhost.evil.example:80'));
    assert.ok(!originMatches(['http://localhost:*'], 'https://localhost:8787'));
    assert.ok(originMatches(['https://a.example'], 'https://a.example'));
    assert.ok(!originMatches(['https://a.example'], 'https://a.example:444'));
    assert.ok(originMatches(['*'], 'https://anything.example'));
  });
});
