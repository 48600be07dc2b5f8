/**
 * Email notifications end to end: a real SMTP server (smtp-server, started here) receives
 * the confirmation with the tracking number, the access code and a follow link, then a
 * status email after an admin transition. Consent is required; opt-out stops the next one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startGateway, validReport, type TestGateway } from './helpers.js';
import { startSmtp } from './notify-helpers.js';

const EMAIL = 'warga@example.id';

describe('notifications: email over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let g: TestGateway;
  before(async () => {
    smtp = await startSmtp({ refuse: (to) => (to.startsWith('bounce') ? 550 : undefined) });
    g = await startGateway({ notify: { smtpUrl: smtp.url, mailFrom: 'LAPOR! Banyuwangi <lapor@banyuwangi.example>', intervalMs: 0 } });
  });
  after(async () => {
    await g.close();
    await smtp.close();
  });

  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));
  /** The i-th mail to `to`, once it has arrived. */
  const mailAt = async (to: string, i: number) => (await eventually(() => mailsTo(to)[i]))!;

  it('confirms with the tracking number, the access code and a follow link, then tells of a status change', async () => {
    const to = `a-${EMAIL}`;
    const r = await g.create(validReport({ reporter: { name: 'Siti', email: to }, notify: ['email'] }));
    const mail = await mailAt(to, 0);
    assert.match(mail.header('subject')!, new RegExp(r.trackingId));
    assert.match(mail.decoded, new RegExp(`Kode akses Anda: ${r.accessToken}`));
    // Follow link: the code only in the fragment, which browsers never send to a server.
    assert.ok(mail.decoded.includes(`${g.url}/r/${r.trackingId}#${r.accessToken}`));
    assert.match(mail.decoded, /<html lang="id">/);
    assert.match(mail.header('list-unsubscribe')!, new RegExp(`<${g.url}/notify/stop/${r.trackingId}\\.email\\.`));
    assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');

    // The follow link's page: served by the gateway; the code stays in the fragment, which
    // fetch (like a browser) never sends; its script hands it to the widget.
    const follow = await fetch(`${g.url}/r/${r.trackingId}#${r.accessToken}`);
    assert.equal(follow.status, 200);
    assert.match(follow.headers.get('content-type')!, /text\/html/);
    assert.match(follow.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await follow.text(), /<script src="\/follow.js"><\/script>/);
    assert.match(await (await fetch(`${g.url}/follow.js`)).text(), /history\.replaceState[\s\S]*LaporWidget\('track', id, code/);

    assert.equal((await g.transition(r.trackingId, { action: 'verify' })).status, 200);
    const second = await mailAt(to, 1);
    assert.match(second.decoded, new RegExp(`Laporan Anda ${r.trackingId} sudah diverifikasi`));
    // Status mails carry no code (the row's code was wiped after the confirmation was sent).
    assert.doesNotMatch(second.decoded, new RegExp(r.accessToken));
    const stored = await g.gw.services.db.all<{ params_json: string }>('SELECT params_json FROM notifications WHERE tracking_id = ?', [r.trackingId]);
    assert.ok(stored.every((n) => !n.params_json.includes(r.accessToken)));

    // Forwarded names the agency; archived gives the reason.
    await g.transition(r.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    const third = await mailAt(to, 2);
    assert.match(third.decoded, /diteruskan ke Dinas Kesehatan/);
  });

  it('writes in the report\'s language', async () => {
    const to = `en-${EMAIL}`;
    const r = await g.create(validReport({ reporter: { email: to }, notify: ['email'] }), { lang: 'en' });
    const mail = await mailAt(to, 0);
    assert.match(mail.header('subject')!, /has been received/);
    assert.match(mail.decoded, new RegExp(`Your access code: ${r.accessToken}`));
    assert.match(mail.decoded, /<html lang="en">/);
  });

  it('sends nothing without consent, and refuses consent without the contact (localized field error)', async () => {
    const to = `none-${EMAIL}`;
    const r = await g.create(validReport({ reporter: { email: to } }));
    await g.transition(r.trackingId, { action: 'verify' });
    await g.gw.notifications.worker.drain();
    assert.equal(mailsTo(to).length, 0);

    const bad = await g.submit(validReport({ reporter: { name: 'Budi' }, notify: ['email', 'whatsapp'] }));
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.json.error.fields.map((f: any) => [f.path, f.message]),
      [
        ['reporter.email', 'Email wajib diisi.'],
        ['reporter.phone', 'Nomor HP wajib diisi.'],
      ],
    );
    const en = await g.submit(validReport({ notify: ['email'] }), undefined, { lang: 'en' });
    assert.equal(en.json.error.fields[0].message, 'Email is required.');
  });

  it('opt-out: GET only asks, POST stops the next message', async () => {
    const to = `stop-${EMAIL}`;
    const r = await g.create(validReport({ reporter: { email: to }, notify: ['email'] }));
    const mail = await mailAt(to, 0);
    const link = mail.header('list-unsubscribe')!.slice(1, -1);
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post">/);
    // The GET changed nothing: a verify still mails.
    await g.transition(r.trackingId, { action: 'verify' });
    await mailAt(to, 1);

    const done = await fetch(link, { method: 'POST' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /tidak akan menerima pesan lagi/);
    await g.transition(r.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    await g.gw.notifications.worker.drain();
    assert.equal(mailsTo(to).length, 2);
    const row = await g.gw.services.db.get(`SELECT state FROM notifications WHERE tracking_id = ? AND event LIKE 'forwarded:%'`, [r.trackingId]);
    assert.equal(row, undefined, 'nothing is even queued after an opt-out');

    // A forged or altered link does nothing.
    const forged = await fetch(link.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'), { method: 'POST' });
    assert.equal(forged.status, 404);
  });

  it('a refused address (SMTP 5xx) is given up at once, not retried', async () => {
    const r = await g.create(validReport({ reporter: { email: `bounce-${EMAIL}` }, notify: ['email'] }));
    const row = await eventually(async () => {
      const n = await g.gw.services.db.get<any>('SELECT state, attempts, last_error FROM notifications WHERE tracking_id = ?', [r.trackingId]);
      return n?.state === 'failed' ? n : undefined;
    });
    assert.equal(row.attempts, 1);
    assert.match(row.last_error, /550/);
    // nodemailer's refusal names the address; neither it nor the access code is kept.
    assert.ok(!row.last_error.includes(`bounce-${EMAIL}`), row.last_error);
    assert.ok(!row.last_error.includes(r.accessToken), row.last_error);
  });
});
