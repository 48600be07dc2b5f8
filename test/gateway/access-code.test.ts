/**
 * The short access code (DESIGN.md): 10 Crockford base32 characters issued by the
 * gateway, stored only as an HMAC under a server key that is not in the database,
 * accepted as a person types it (any case, spaces, hyphens, O/I/L look-alikes); codes
 * issued before this format (base64url, stored as plain SHA-256) keep working.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_CODE_PATTERN } from '../../src/contract/index.js';
import { startGateway, type TestGateway } from './helpers.js';

describe('access codes', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  const read = (trackingId: string, code: string) => g.api(`/v1/reports/${trackingId}`, { token: code });

  it('are 10 Crockford base32 characters, random per report', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { accessToken } = await g.create();
      assert.match(accessToken, ACCESS_CODE_PATTERN);
      assert.doesNotMatch(accessToken, /[ILOU]/);
      codes.add(accessToken);
    }
    assert.equal(codes.size, 20);
  });

  // (Spaces are the SDK's and the lookup form's to remove: a Bearer credential has none.)
  it('are accepted in any case, in groups, with look-alikes; a wrong one is a 404', async () => {
    const { trackingId, accessToken } = await g.create();
    const grouped = `${accessToken.slice(0, 5)}-${accessToken.slice(5)}`;
    const lookAlike = accessToken.replace(/0/g, 'O').replace(/1/g, 'l');
    for (const typed of [accessToken, grouped, grouped.toLowerCase(), lookAlike]) {
      assert.equal((await read(trackingId, typed)).status, 200, `"${typed}" opens the report`);
    }
    const last = accessToken.at(-1) === 'Z' ? 'Y' : 'Z';
    assert.equal((await read(trackingId, accessToken.slice(0, 9) + last)).status, 404);
  });

  it('are stored as an HMAC under a key kept outside the database, never as the code or its plain hash', async () => {
    const { trackingId, accessToken } = await g.create();
    const db = g.gw.services.db;
    const row = (await db.get<{ access_hash: Buffer }>('SELECT access_hash FROM reports WHERE tracking_id = ?', [trackingId]))!;
    const dump = JSON.stringify(await db.get('SELECT * FROM reports WHERE tracking_id = ?', [trackingId]));
    const key = readFileSync(join(g.dir, 'secret'), 'utf8').trim();
    assert.ok(!dump.includes(accessToken), 'the code itself is not stored');
    assert.notDeepEqual(row.access_hash, createHash('sha256').update(accessToken).digest(), 'not an unkeyed hash');
    assert.deepEqual(row.access_hash, createHmac('sha256', key).update(accessToken).digest());
  });

  it('keep working after a restart (the key is kept in the data dir), and LAPOR_SECRET sets the key', async () => {
    const { trackingId, accessToken } = await g.create();
    await g.restart();
    assert.equal((await read(trackingId, accessToken)).status, 200);
    const other = await startGateway({ secret: 'operator-chosen-secret-value' });
    try {
      const made = await other.create();
      const row = (await other.gw.services.db.get<{ access_hash: Buffer }>('SELECT access_hash FROM reports WHERE tracking_id = ?', [
        made.trackingId,
      ]))!;
      assert.deepEqual(row.access_hash, createHmac('sha256', 'operator-chosen-secret-value').update(made.accessToken).digest());
    } finally {
      await other.close();
    }
  });

  it('codes issued before the short format (base64url, plain SHA-256) still open their report', async () => {
    const { trackingId } = await g.create();
    const old = randomBytes(32).toString('base64url');
    // What the gateway stored for a report filed before the change.
    await g.gw.services.db.run('UPDATE reports SET access_hash = ? WHERE tracking_id = ?', [createHash('sha256').update(old).digest(), trackingId]);
    assert.equal((await read(trackingId, old)).status, 200);
    assert.equal((await read(trackingId, old.toUpperCase() === old ? old.toLowerCase() : old.toUpperCase())).status, 404, 'old codes stay case-sensitive');
  });
});
