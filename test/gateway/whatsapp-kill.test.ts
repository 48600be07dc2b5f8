/**
 * SIGKILL of the real gateway process (demo/start.ts, as `npm start` runs it) in the middle
 * of a WhatsApp conversation loses no step:
 * - killed while our answer to a step is in flight (the Cloud API stand-in holds it): the
 *   step was committed with its answer queued, so the next process sends that answer (the
 *   one message that may go twice) and the citizen goes on from there;
 * - killed after the webhook's 200 but before the message was handled (it is still
 *   settling): it was stored, so the next process handles it.
 * Then the citizen finishes and the report carries every answer given before the kills.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventually } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { killGateway, spawnGateway } from './spawn-gateway.js';
import { APP_SECRET, Citizen, PHONE_ID, VERIFY_TOKEN, WA_TOKEN } from './whatsapp-helpers.js';

describe('WhatsApp: SIGKILL mid-conversation', () => {
  let dir: string;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let child: ChildProcess | undefined;
  let url = '';
  let holdNext = false;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapor-wa-kill-'));
    wa = await startWhatsApp({
      token: WA_TOKEN,
      hold: () => {
        if (!holdNext) return false;
        holdNext = false;
        return true;
      },
    });
  });
  after(async () => {
    if (child) await killGateway(child);
    await wa.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    const gw = await spawnGateway(dir, {
      LAPOR_WHATSAPP_URL: wa.url,
      LAPOR_WHATSAPP_TOKEN: WA_TOKEN,
      LAPOR_WHATSAPP_PHONE_ID: PHONE_ID,
      LAPOR_WHATSAPP_APP_SECRET: APP_SECRET,
      LAPOR_WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    });
    child = gw.child;
    url = gw.url;
  }
  const stored = <T>(sql: string, params: unknown[] = []): T | undefined => {
    const db = new Database(join(dir, 'lapor.db'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T | undefined;
    } finally {
      db.close();
    }
  };

  it('loses no step', async () => {
    await start();
    const c = new Citizen(() => url, wa);
    await c.text('Halo');
    await c.next(2);
    await c.tap('Pengaduan');
    await c.next();

    // 1. The answer to "Infrastruktur" is taken by the Cloud API but never answered: killed then.
    holdNext = true;
    const callsBefore = wa.calls.length;
    await c.tap('Infrastruktur');
    await eventually(() => wa.calls.length > callsBefore, 10_000);
    await killGateway(child!);
    const step = stored<{ state_json: string }>('SELECT state_json FROM whatsapp_conversations WHERE wa_id = ?', [c.number]);
    assert.equal(JSON.parse(step!.state_json).step, 'category', 'the step was committed before the answer went out');
    await start();
    const [list] = await c.next(2, 15_000); // the held answer, and the same answer once more
    assert.deepEqual(list!.choices.map((x) => x.title), ['Jalan rusak', 'Lampu penerangan jalan', 'Drainase dan banjir', 'Jembatan']);
    assert.equal(c.answers().filter((a) => /Pilih yang paling sesuai untuk Infrastruktur/.test(a.text)).length, 2, 'the one in flight went again, once');

    // 2. Killed after the 200 for "Jalan rusak", before it was handled (still settling),
    // once every earlier answer is marked sent (else the last would go once more, as in 1).
    await eventually(() => stored<{ n: number }>("SELECT COUNT(*) AS n FROM whatsapp_outbox WHERE state <> 'sent'")!.n === 0, 10_000);
    await c.tap('Jalan rusak');
    await killGateway(child!);
    const waiting = stored<{ state: string }>("SELECT state FROM whatsapp_inbox WHERE wa_id = ? ORDER BY id DESC LIMIT 1", [c.number]);
    assert.equal(waiting?.state, 'pending', 'acknowledged to Meta and stored, not yet handled');
    await start();
    assert.match(await c.says(1), /Di mana kejadiannya/);

    // 3. On to the end: every answer from before the kills is in the report.
    await c.steps({ text: 'Pasar Genteng' }, 'Hari ini', { text: 'Jalan di depan Pasar Genteng berlubang besar sejak dua minggu, berbahaya untuk pengendara.' }, 'Lanjut', 'Biasa', 'Tidak usah');
    await c.tap('Kirim');
    const done = (await c.next())[0]!.text;
    const trackingId = /\*(LPR-[A-Z0-9-]+)\*/.exec(done)![1]!;
    const row = stored<{ classification: string; category_id: string; channel: string }>('SELECT classification, category_id, channel FROM reports WHERE tracking_id = ?', [trackingId]);
    assert.deepEqual({ ...row }, { classification: 'complaint', category_id: 'cat-infrastruktur.jalan-rusak', channel: 'whatsapp' });
    assert.equal(stored<{ n: number }>("SELECT COUNT(*) AS n FROM reports WHERE channel = 'whatsapp'")!.n, 1);
  });
});
