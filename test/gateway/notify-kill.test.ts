/**
 * SIGKILL during a notification burst: the real gateway process (main.ts, as
 * upstream-kill.test.ts spawns it) is killed while the Cloud API stand-in holds one send
 * open. After the restart every message has been acknowledged exactly once, nothing that
 * was acknowledged goes again, and the one in flight at the kill (taken by the provider,
 * never answered) is sent again: that is the whole at-least-once window.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eventually, validReport } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';

const BURST = 20;
const HELD = 8;

async function spawnGateway(dir: string, waUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: '0',
      LAPOR_DB: join(dir, 'lapor.db'),
      LAPOR_DATA_DIR: dir,
      LAPOR_ADMIN_TOKEN: 'kill-test-admin-0123456789abcdef',
      LAPOR_RATE_LIMIT: 'off',
      LAPOR_WHATSAPP_URL: waUrl,
      LAPOR_WHATSAPP_TOKEN: 'kill-token',
      LAPOR_WHATSAPP_PHONE_ID: '1065',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code})`)));
  });
  return { child, url };
}

describe('notifications: SIGKILL during a burst', () => {
  let dir: string;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let child: ChildProcess | undefined;
  // Only the first process's HELD-th call is held; after the restart everything answers.
  let restarted = false;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-notify-kill-'));
    wa = await startWhatsApp({ hold: (n) => !restarted && n === HELD });
  });
  after(async () => {
    child?.kill('SIGKILL');
    await wa.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each message is acknowledged once; only the one in flight is sent again', async () => {
    let gw = await spawnGateway(dir, wa.url);
    child = gw.child;
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const res = await fetch(`${gw.url}/v1/reports`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify(validReport({ reporter: { phone: `08123456${String(1000 + i)}` }, notify: ['whatsapp'] })),
        });
        assert.equal(res.status, 201);
        ids.push(((await res.json()) as { trackingId: string }).trackingId);
      }),
    );
    await eventually(() => wa.calls.length >= HELD, 10_000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const beforeKill = wa.answered.map((c) => c.body.template.components[0].parameters[0].text as string);
    assert.equal(beforeKill.length, HELD - 1);

    restarted = true;
    gw = await spawnGateway(dir, wa.url);
    child = gw.child;
    await eventually(() => wa.answered.length >= BURST, 15_000);
    await new Promise((r) => setTimeout(r, 300)); // anything extra would show up now
    const acknowledged = wa.answered.map((c) => c.body.template.components[0].parameters[0].text as string);
    assert.deepEqual([...acknowledged].sort(), [...ids].sort(), 'every report acknowledged exactly once');
    const held = wa.calls[HELD - 1]!.body.template.components[0].parameters[0].text;
    assert.equal(wa.calls.filter((c) => c.body.template.components[0].parameters[0].text === held).length, 2, 'the held one went again');
    assert.equal(wa.calls.length, BURST + 1);
  });
});
