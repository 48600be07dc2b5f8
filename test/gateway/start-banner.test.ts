/**
 * Issue 23, secrets: the super-admin token an operator sets was printed in clear in the
 * start banner, so it ended up in journald and docker logs. Now only its SHA-256
 * fingerprint is; a token the gateway made up itself (none was set) is still printed,
 * since nobody could sign in otherwise. The real production entry (gateway/main.ts).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGateway, spawnGateway, type SpawnedGateway } from './spawn-gateway.js';

const OPERATOR_TOKEN = 'operator-chosen-super-admin-token-0123456789';

describe('the start banner', () => {
  const dirs: string[] = [];
  const started: SpawnedGateway[] = [];
  after(async () => {
    for (const g of started) await killGateway(g.child);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const start = async (env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'lapor-banner-'));
    dirs.push(dir);
    const g = await spawnGateway(dir, env, 'ignore', 'gateway/main.ts');
    started.push(g);
    return g;
  };

  it('never prints an operator\'s LAPOR_ADMIN_TOKEN, only its fingerprint; a generated one is printed', async () => {
    const g = await start({ LAPOR_ADMIN_TOKEN: OPERATOR_TOKEN });
    const banner = g.lines.join('\n');
    assert.doesNotMatch(banner, new RegExp(OPERATOR_TOKEN.slice(0, 12)), 'not the token, nor a part of it');
    const fingerprint = createHash('sha256').update(OPERATOR_TOKEN).digest('hex').slice(0, 16);
    assert.match(banner, new RegExp(`admin token \\(all\\)\\s+set by LAPOR_ADMIN_TOKEN, sha256:${fingerprint}`));
    // The token still works: only the banner changed.
    const r = await fetch(`${g.url}/v1/admin/reports`, { headers: { Authorization: `Bearer ${OPERATOR_TOKEN}` } });
    assert.equal(r.status, 200);

    // A token it generated itself (nothing was set) is printed, saying so: nobody could sign in otherwise.
    const generated = await start({ LAPOR_ADMIN_TOKEN: '' });
    const line = generated.lines.find((l) => l.includes('admin token (all)'))!;
    const m = /admin token \(all\)\s+(\S+)\s+\(random; set LAPOR_ADMIN_TOKEN to fix it\)/.exec(line);
    assert.ok(m, line);
    const signedIn = await fetch(`${generated.url}/v1/admin/reports`, { headers: { Authorization: `Bearer ${m[1]}` } });
    assert.equal(signedIn.status, 200);
  });
});
