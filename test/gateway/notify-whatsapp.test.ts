/**
 * WhatsApp notifications through a local stand-in for the WhatsApp Business Cloud API.
 * The request shape is Meta's: POST {base}/{phone-number-id}/messages, Bearer token,
 * `messaging_product: "whatsapp"`, `type: "template"`, `template: {name, language: {code},
 * components: [{type: "body", parameters: [{type: "text", text}]}]}`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages; the same
 * template object in Meta's WhatsApp Node.js SDK reference,
 * https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/messages/template).
 * Also here: retries with backoff, "Lupa kode akses?" and contact erasure after retention.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startGateway, TestClock, validReport, type TestGateway } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';

const PHONE = '081234567890';
const WA = '6281234567890';
const TOKEN = 'wa-test-token';

describe('notifications: WhatsApp Cloud API', () => {
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let g: TestGateway;
  const clock = new TestClock();
  before(async () => {
    wa = await startWhatsApp();
    g = await startGateway({
      now: clock.now,
      notify: {
        whatsappUrl: wa.url,
        whatsappToken: TOKEN,
        whatsappPhoneId: '106540352242922',
        intervalMs: 0,
        backoffMs: 60_000,
        retentionDays: 30,
        recovery: { client: { capacity: 6, refillPerSecond: 0.001 }, report: { capacity: 3, refillPerSecond: 0.001 } },
      },
    });
  });
  after(async () => {
    await g.close();
    await wa.close();
  });

  const callsFor = (trackingId: string) => wa.calls.filter((c) => c.body.template.components[0].parameters[0].text === trackingId);
  /** The calls for a report once there are `n` of them. */
  const nCalls = async (trackingId: string, n: number) => (await eventually(() => (callsFor(trackingId).length >= n ? callsFor(trackingId) : undefined)))!;

  it('sends approved templates in the report\'s language, with the request shape of Meta\'s reference', async () => {
    const r = await g.create(validReport({ anonymous: true, reporter: { name: 'Siti', phone: PHONE }, notify: ['whatsapp'] }));
    const [call] = await nCalls(r.trackingId, 1);
    assert.equal(call!.path, '/v23.0/106540352242922/messages');
    assert.equal(call!.authorization, `Bearer ${TOKEN}`);
    const { body } = call!;
    assert.equal(body.messaging_product, 'whatsapp');
    assert.equal(body.type, 'template');
    assert.equal(body.to, WA);
    assert.equal(body.template.name, 'lapor_confirmation');
    assert.deepEqual(body.template.language, { code: 'id' });
    const params = body.template.components[0].parameters;
    assert.ok(params.every((p: any) => p.type === 'text'));
    assert.deepEqual(params.slice(0, 3).map((p: any) => p.text), [r.trackingId, r.accessToken, `${g.url}/r/${r.trackingId}#${r.accessToken}`]);
    assert.match(params[3].text, new RegExp(`^${g.url}/notify/stop/${r.trackingId}\\.whatsapp\\.`));
    // Anonymous: the name was never stored, so it cannot travel anywhere.
    assert.doesNotMatch(JSON.stringify(call!.body), /Siti/);

    await g.transition(r.trackingId, { action: 'verify' });
    await g.transition(r.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    const calls = await nCalls(r.trackingId, 3);
    assert.deepEqual(calls.map((c) => c.body.template.name), ['lapor_confirmation', 'lapor_verified', 'lapor_forwarded']);
    assert.equal(calls[2]!.body.template.components[0].parameters[1].text, 'Dinas Kesehatan');
  });

  it('a failure is retried after the backoff, then sent once', async () => {
    wa.state.status = 503;
    const r = await g.create(validReport({ reporter: { phone: PHONE }, notify: ['whatsapp'] }), { lang: 'en' });
    await eventually(() => callsFor(r.trackingId).length === 1);
    wa.state.status = 200;
    await g.gw.notifications.worker.drain();
    assert.equal(callsFor(r.trackingId).length, 1, 'not before the backoff');
    const row = await g.gw.services.db.get<any>('SELECT state, attempts, last_error FROM notifications WHERE tracking_id = ?', [r.trackingId]);
    assert.deepEqual([row.state, row.attempts], ['pending', 1]);
    assert.match(row.last_error, /503/);
    clock.advance(60_000);
    assert.equal(await g.gw.notifications.worker.drain(), 1);
    const calls = callsFor(r.trackingId);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[1]!.body.template.language, { code: 'en' });
    await g.gw.notifications.worker.drain();
    assert.equal(callsFor(r.trackingId).length, 2, 'sent once');
  });

  it('"Lupa kode akses?": a new code only to the matching contact, the same answer otherwise', async () => {
    // Filed in English without asking for updates: the new code still comes in English.
    const r = await g.create(validReport({ reporter: { phone: PHONE } }), { lang: 'en' });
    const ask = (contact: string) => g.api(`/v1/reports/${r.trackingId}/access-code`, { body: { contact } });
    const wrong = await ask('081299999999');
    const right = await ask('+62 812-3456-7890');
    assert.equal(wrong.status, 202);
    assert.equal(right.status, 202);
    assert.deepEqual(wrong.json, right.json);
    const [call] = await nCalls(r.trackingId, 1);
    assert.equal(call!.body.template.name, 'lapor_code');
    assert.deepEqual(call!.body.template.language, { code: 'en' });
    assert.equal(call!.body.to, WA);
    const code = call!.body.template.components[0].parameters[1].text as string;
    await g.gw.notifications.worker.drain();
    assert.equal(callsFor(r.trackingId).length, 1, 'the wrong contact got nothing');
    // Rotated: the new code opens the report, the old one no longer does.
    assert.equal((await g.api(`/v1/reports/${r.trackingId}`, { token: code })).status, 200);
    assert.equal((await g.api(`/v1/reports/${r.trackingId}`, { token: r.accessToken })).status, 404);
    // Rate-limited per report, matched or not.
    assert.equal((await ask('081200000000')).status, 202);
    assert.equal((await ask('081200000000')).status, 429);
  });

  it('tells of the first SLA breach once: "Instansi terlambat menanggapi laporan Anda"', async () => {
    const r = await g.create(validReport({ reporter: { phone: PHONE }, notify: ['whatsapp'] }));
    await nCalls(r.trackingId, 1);
    clock.advance(5 * 3_600_000); // past the 4 clock hours of local.handle
    assert.ok((await g.gw.tick()) >= 1);
    const calls = await nCalls(r.trackingId, 2);
    assert.equal(calls[1]!.body.template.name, 'lapor_sla_breached');
    clock.advance(30 * 86_400_000); // every other clock breaches too: the same news, not sent again
    await g.gw.tick();
    await g.gw.notifications.worker.drain();
    assert.equal(callsFor(r.trackingId).length, 2);
  });

  it('erases the contact details once the report is closed plus the retention period', async () => {
    const r = await g.create(validReport({ reporter: { name: 'Budi', phone: PHONE }, notify: ['whatsapp'] }));
    for (const input of [
      { action: 'verify' },
      { action: 'forward', institutionId: 'opd-dinkes' },
      { action: 'start' },
      { action: 'respond', message: 'Jalan sudah kami tambal.' },
      { action: 'complete' },
    ]) {
      assert.equal((await g.transition(r.trackingId, input)).status, 200);
    }
    await g.gw.notifications.worker.drain();
    const names = callsFor(r.trackingId).map((c) => c.body.template.name);
    assert.deepEqual(names, ['lapor_confirmation', 'lapor_verified', 'lapor_forwarded', 'lapor_responded', 'lapor_completed']);
    assert.equal(callsFor(r.trackingId)[3]!.body.template.components[0].parameters[2].text, 'Jalan sudah kami tambal.');
    const reporter = async () => (await g.gw.services.store.report(r.trackingId))!.reporter_json;
    clock.advance(29 * 86_400_000);
    await g.gw.notifications.worker.drain();
    assert.match((await reporter())!, /0812/);
    clock.advance(86_400_000 + 1);
    await g.gw.notifications.worker.drain();
    assert.equal(await reporter(), JSON.stringify({ name: 'Budi' }));
  });
});
