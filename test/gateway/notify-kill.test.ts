/**
 * SIGKILL during a notification burst: the real gateway process (main.ts, as
 * upstream-kill.test.ts spawns it) is killed while the Cloud API stand-in holds one send
 * open. After the restart every message has been acknowledged exactly once, nothing that
 * was acknowledged goes again, and the one in flight at the kill (taken by the provider,
 * never answered) is sent again: that is the whole at-least-once window.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, validReport } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { spawnGateway } from './spawn-gateway.js';

const whatsApp = (url: string) => ({ LAPOR_WHATSAPP_URL: url, LAPOR_WHATSAPP_TOKEN: 'kill-token', LAPOR_WHATSAPP_PHONE_ID: '1065' });

const BURST = 20;
const HELD = 8;

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
    let gw = await spawnGateway(dir, whatsApp(wa.url));
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
    gw = await spawnGateway(dir, whatsApp(wa.url));
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
