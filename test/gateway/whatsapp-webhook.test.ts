/**
 * `GET/POST /v1/channels/whatsapp/webhook` over real HTTP: Meta's verification handshake,
 * the X-Hub-Signature-256 check (unsigned, wrongly signed, signed over other bytes, signed
 * with another secret: all 401, nothing stored), 200 only once the delivery is durable,
 * a retried delivery handled once, two messages delivered out of order handled in
 * WhatsApp's order, another phone number's traffic ignored, statuses recorded.
 * Payload shapes and their sources: whatsapp-helpers.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startGateway, type TestGateway } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { APP_SECRET, Citizen, envelope, sign, VERIFY_TOKEN, WA_TOKEN, wamid, whatsappOptions } from './whatsapp-helpers.js';

describe('WhatsApp webhook', () => {
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let g: TestGateway;
  before(async () => {
    wa = await startWhatsApp({ token: WA_TOKEN });
    g = await startGateway(whatsappOptions(wa.url, { settleMs: 300, maxHoldMs: 2000 }));
  });
  after(async () => {
    await g.close();
    await wa.close();
  });
  const inbox = () => g.gw.services.db.all<{ message_id: string; state: string }>('SELECT message_id, state FROM whatsapp_inbox ORDER BY id');
  const verify = (q: string) => fetch(`${g.url}/v1/channels/whatsapp/webhook?${q}`);

  it("answers Meta's verification with the challenge only for our verify token", async () => {
    const ok = await verify(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    for (const q of [
      `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
      `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}x&hub.challenge=1`,
      `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
      `hub.mode=subscribe&hub.challenge=1`,
    ]) {
      const res = await verify(q);
      assert.equal(res.status, 403, q);
      assert.doesNotMatch(await res.text(), /"1"|^1$/);
    }
  });

  it('refuses an unsigned or wrongly signed POST with 401 and stores nothing', async () => {
    const c = new Citizen(() => g.url, wa);
    const body = c.body(c.message('text', { text: { body: 'Halo, saya mau lapor' } }));
    const other = c.body(c.message('text', { text: { body: 'Pesan lain' } }));
    const cases: [string, string | null][] = [
      ['no header', null],
      ['empty', ''],
      ['not sha256=', sign(body).replace('sha256=', 'sha1=')],
      ['other secret', sign(body, `${APP_SECRET}-old`)],
      ['signed over another body', sign(other)],
      ['truncated MAC', sign(body).slice(0, 40)],
    ];
    for (const [what, signature] of cases) {
      const res = await c.post(body, signature);
      assert.equal(res.status, 401, what);
      const json = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(json.error.code, 'unauthorized', what);
      assert.match(json.error.message, /tanda tangan/i);
    }
    // A body changed by one byte after signing (a proxy re-encoding JSON, say) is refused too.
    const tampered = body.replace('Halo', 'Hal0');
    assert.equal((await c.post(tampered, sign(body))).status, 401);
    assert.deepEqual(await inbox(), []);
    assert.equal(wa.calls.length, 0, 'nothing answered');
  });

  it('a signed delivery is stored before the 200, and a retried delivery is handled once', async () => {
    const c = new Citizen(() => g.url, wa);
    const body = c.body(c.message('text', { text: { body: 'Halo' } }));
    const first = await c.post(body);
    assert.equal(first.status, 200);
    // Durable on answer: the row is there the moment the 200 is.
    assert.equal((await inbox()).filter((r) => body.includes(r.message_id)).length, 1);
    // Meta retries (no 200 seen in time): the same bytes again, twice.
    assert.equal((await c.post(body)).status, 200);
    assert.equal((await c.post(body)).status, 200);
    const answers = await c.next(2);
    assert.match(answers[0]!.text, /Selamat datang/);
    assert.equal(answers[1]!.kind, 'list');
    assert.deepEqual(await c.quiet(600), [], 'the retries were not answered again');
    assert.equal((await inbox()).filter((r) => body.includes(r.message_id)).length, 1);
  });

  it("two messages delivered out of order are handled in WhatsApp's order", async () => {
    const c = new Citizen(() => g.url, wa);
    await c.text('Halo');
    await c.next(2);
    // Sent: "Pengaduan" (tap) at t, then "batal" at t+1; delivered the other way round.
    const tap = c.tapMessage('Pengaduan');
    const cancel = c.message('text', { text: { body: 'batal' } });
    assert.ok(Number(tap['timestamp']) < Number(cancel['timestamp']));
    await c.post(c.body(cancel));
    await c.post(c.body(tap));
    const said = (await c.next(2)).map((a) => a.text);
    assert.match(said[0]!, /tentang apa/, 'the tap first: the category question');
    assert.match(said[1]!, /dibatalkan/, 'then the cancel');
    assert.deepEqual(await c.quiet(), []);
  });

  it("several messages in one delivery, another number's traffic ignored, statuses recorded", async () => {
    const c = new Citizen(() => g.url, wa);
    const mine = c.message('text', { text: { body: 'Halo' } });
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            ...((envelope({ contacts: [{ profile: { name: c.name }, wa_id: c.number }], messages: [mine] }) as any).entry[0].changes),
            // The same app serves another business number: not ours to answer.
            ...((envelope({ messages: [{ from: '6289900000000', id: wamid(), timestamp: '1749416383', type: 'text', text: { body: 'bukan untuk kita' } }] }, '999000999') as any).entry[0].changes),
          ],
        },
      ],
    });
    assert.equal((await c.post(body)).status, 200);
    await c.next(2);
    assert.equal(wa.calls.filter((x) => x.body.to === '6289900000000').length, 0);
    // Meta's statuses for our two answers: delivered, then read; a late "sent" does not go back.
    const rows = await g.gw.services.db.all<{ wamid: string }>('SELECT wamid FROM whatsapp_outbox WHERE wa_id = ? ORDER BY id', [c.number]);
    assert.equal(rows.length, 2);
    const status = (id: string, s: string) => ({ id, status: s, timestamp: String(c.clock), recipient_id: c.number });
    const statuses = JSON.stringify(envelope({ statuses: [status(rows[0]!.wamid, 'delivered'), status(rows[0]!.wamid, 'read'), status(rows[0]!.wamid, 'sent')] }));
    assert.equal((await c.post(statuses)).status, 200);
    const delivery = await g.gw.services.db.get<{ delivery: string }>('SELECT delivery FROM whatsapp_outbox WHERE wamid = ?', [rows[0]!.wamid]);
    assert.equal(delivery?.delivery, 'read');
  });

  it('the site key "whatsapp" is the channel\'s own: a configured one stops the start', async () => {
    await assert.rejects(
      startGateway({ ...whatsappOptions(wa.url), siteKeys: { whatsapp: { origins: ['https://wa.example'], channel: 'web' } } }),
      /the site key "whatsapp" is the WhatsApp channel's own/,
    );
  });

  it('a signed body that is not a WhatsApp webhook is 400; unknown message types get a polite answer', async () => {
    const junk = JSON.stringify({ hello: 'world' });
    const c = new Citizen(() => g.url, wa);
    assert.equal((await c.post(junk)).status, 400);
    assert.equal((await c.post('{not json')).status, 400);
    await c.send(c.message('audio', { audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: '123', voice: true } }));
    const [answer, hint] = await c.next(2);
    assert.match(answer!.text, /belum dapat menerima pesan suara/);
    assert.match(hint!.text, /Kirim pesan apa saja untuk membuat laporan baru/);
    // A reaction needs no answer.
    await c.send(c.message('reaction', { reaction: { message_id: 'wamid.x', emoji: '👍' } }));
    assert.deepEqual(await c.quiet(), []);
    await eventually(async () => (await inbox()).every((r) => r.state === 'done'));
  });
});
