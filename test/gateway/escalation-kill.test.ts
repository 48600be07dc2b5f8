/**
 * SIGKILL in the middle of an escalation send (issue 28): the real gateway process
 * (gateway/main.ts) is killed while the SMTP server holds one staff message unanswered.
 * After the restart every step has fired once (one `escalations` row each, no step
 * queued twice) and every recipient has exactly one accepted message: the one in flight
 * at the kill was never accepted and goes again, nothing accepted goes twice.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../../gateway/gateway.js';
import { eventually, validReport } from './helpers.js';
import { startSmtp } from './notify-helpers.js';
import { killGateway, spawnGateway } from './spawn-gateway.js';

// Two steps due at submission (a camat has 2 hours): the admins (two addresses) and the camat.
const ESCALATION = {
  steps: [{ at: '-60m', to: 'institution' }],
  institutions: { 'kec-genteng': { steps: [{ at: '-120m', to: 'institution' }, { at: '-120m', to: 'head' }] } },
  contacts: {
    institution: { 'kec-genteng': [{ email: 'admin1.genteng@example.go.id' }, { email: 'admin2.genteng@example.go.id' }] },
    head: { 'kec-genteng': [{ email: 'camat.genteng@example.go.id' }] },
  },
};
const HELD = 2;

describe('escalation: SIGKILL mid-send', () => {
  let dir: string;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let child: ChildProcess | undefined;
  let restarted = false;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-escalation-kill-'));
    writeFileSync(join(dir, 'escalation.json'), JSON.stringify(ESCALATION));
    smtp = await startSmtp({ hold: (n) => !restarted && n === HELD });
  });
  after(async () => {
    if (child) await killGateway(child);
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no step fires twice and no recipient gets a message twice', async () => {
    const env = {
      LAPOR_REFERENCE: join(REPO_ROOT, 'demo', 'seed-data.json'),
      LAPOR_ESCALATION: join(dir, 'escalation.json'),
      LAPOR_SMTP_URL: smtp.url,
      LAPOR_MAIL_FROM: 'lapor@banyuwangi.example',
      LAPOR_SCHEDULER_MS: '100',
    };
    let gw = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    child = gw.child;
    const res = await fetch(`${gw.url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Lapor-Site-Key': 'demo-opd', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(validReport()),
    });
    assert.equal(res.status, 201);
    const { trackingId } = (await res.json()) as { trackingId: string };

    // The second message is on the wire, unanswered: kill the sender now.
    await eventually(() => smtp.received.count >= HELD, 15_000);
    await killGateway(child);
    assert.equal(smtp.mails.length, HELD - 1, 'one accepted before the kill');

    restarted = true;
    gw = await spawnGateway(dir, env, 'inherit', 'gateway/main.ts');
    child = gw.child;
    await eventually(() => smtp.mails.length >= 3, 15_000);
    await new Promise((r) => setTimeout(r, 500)); // anything extra would show up now
    await killGateway(child);
    child = undefined;

    const to = smtp.mails.map((m) => m.to.join(',')).sort();
    assert.deepEqual(to, ['admin1.genteng@example.go.id', 'admin2.genteng@example.go.id', 'camat.genteng@example.go.id']);
    assert.ok(smtp.mails.every((m) => m.header('subject')!.includes(trackingId)));
    assert.equal(smtp.received.count, 4, 'the held one went again, nothing else did');

    const db = new Database(join(dir, 'lapor.db'), { readonly: true });
    try {
      const steps = db.prepare('SELECT step, state, recipients FROM escalations WHERE tracking_id = ? ORDER BY step').all(trackingId);
      assert.deepEqual(steps, [
        { step: '-120m:head', state: 'queued', recipients: 1 },
        { step: '-120m:institution', state: 'queued', recipients: 2 },
      ]);
      const rows = db.prepare('SELECT recipient, state FROM notifications WHERE tracking_id = ? AND recipient IS NOT NULL ORDER BY recipient').all(trackingId);
      assert.deepEqual(rows, [
        { recipient: 'admin1.genteng@example.go.id', state: 'sent' },
        { recipient: 'admin2.genteng@example.go.id', state: 'sent' },
        { recipient: 'camat.genteng@example.go.id', state: 'sent' },
      ]);
    } finally {
      db.close();
    }
  });
});
