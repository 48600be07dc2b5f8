/**
 * The WhatsApp channel's pure parts, without a gateway: Meta's payloads read (shapes from
 * Meta's webhook reference, cited in whatsapp-helpers.ts), what citizens type read loosely,
 * messages cut to WhatsApp's limits, places named in words, the signature check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commandOf, parseDate, trackingAndCode } from '../../gateway/channels/whatsapp/commands.js';
import { whatsappIntakeFromEnv } from '../../gateway/channels/whatsapp/options.js';
import { configFromEnv } from '../../gateway/config.js';
import { titleOf } from '../../gateway/channels/whatsapp/draft.js';
import { buttons, list, page } from '../../gateway/channels/whatsapp/outgoing.js';
import { parseWebhook } from '../../gateway/channels/whatsapp/payload.js';
import { Places } from '../../gateway/channels/whatsapp/places.js';
import { signatureOf, validSignature } from '../../gateway/channels/whatsapp/signature.js';
import { duration } from '../../gateway/channels/whatsapp/status.js';
import { demoReference } from '../../demo/seed.js';
import { envelope, PHONE_ID } from './whatsapp-helpers.js';

describe('WhatsApp: reading what citizens type', () => {
  it('tracking numbers and codes as people type them', () => {
    const id = { trackingId: 'LPR-7K3M-Q9XD' };
    for (const typed of ['LPR-7K3M-Q9XD', 'lpr 7k3m q9xd', 'LPR7K3MQ9XD', '7K3M-Q9XD', ' lpr-7k3m-q9xd. ']) assert.deepEqual(trackingAndCode(typed), id, typed);
    assert.deepEqual(trackingAndCode('LPR-7K3M-Q9XD 7kq4m-9xdht'), { ...id, code: '7KQ4M9XDHT' });
    assert.deepEqual(trackingAndCode('LPR-7K3M Q9XD 7KQ4M 9XDHT'), { ...id, code: '7KQ4M9XDHT' });
    // 0/O and 1/I are not in the alphabet: not a tracking number.
    assert.deepEqual(trackingAndCode('LPR-7K3M-Q0XD'), {});
    assert.deepEqual(trackingAndCode('halo'), {});
  });

  it('commands at any step, in both languages', () => {
    for (const t of ['batal', 'BATAL', 'Batal.', 'cancel', 'stop']) assert.deepEqual(commandOf(t), { kind: 'cancel' }, t);
    assert.deepEqual(commandOf('EN'), { kind: 'lang', lang: 'en' });
    assert.deepEqual(commandOf('bahasa indonesia'), { kind: 'lang', lang: 'id' });
    assert.deepEqual(commandOf('cek LPR-7K3M-Q9XD'), { kind: 'check', trackingId: 'LPR-7K3M-Q9XD' });
    assert.deepEqual(commandOf('Check lpr 7k3m q9xd 7kq4m9xdht'), { kind: 'check', trackingId: 'LPR-7K3M-Q9XD', code: '7KQ4M9XDHT' });
    assert.deepEqual(commandOf('cek'), { kind: 'check' });
    assert.equal(commandOf('Jalan rusak parah, tolong dicek'), undefined);
    assert.equal(commandOf('batal ke sekolah karena banjir'), undefined, 'only the word alone is a command');
  });

  it('dates in Indonesian order, real calendar dates only', () => {
    const today = '2026-12-07';
    assert.equal(parseDate('20-11-2026', today), '2026-11-20');
    assert.equal(parseDate('20/11/26', today), '2026-11-20');
    assert.equal(parseDate('5.1.2026', today), '2026-01-05');
    assert.equal(parseDate('20-11', today), '2026-11-20');
    assert.equal(parseDate('2026-11-20', today), '2026-11-20');
    for (const bad of ['30-02-2026', '32-01-2026', '11/20/2026', 'kemarin sore', '']) assert.equal(parseDate(bad, today), undefined, bad);
  });

  it("a title from the story's first sentence, within 10–100 characters", () => {
    assert.equal(titleOf('Lampu jalan mati. Sudah tiga malam gelap di depan balai desa.'), 'Lampu jalan mati.');
    assert.equal(titleOf('Mati. Lampu jalan di depan balai desa sudah tiga malam tidak menyala.'), 'Mati. Lampu jalan di depan balai desa sudah tiga malam tidak menyala.');
    const long = titleOf(`${'Jalan berlubang '.repeat(12)}di depan pasar`);
    assert.ok(long.length <= 100 && long.endsWith('…') && !long.includes('  '), long);
  });
});

describe("WhatsApp: Meta's webhook payload", () => {
  const message = (m: Record<string, unknown>) => envelope({ contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }], messages: [{ from: '16505551234', id: 'wamid.X', timestamp: '1749416383', ...m }] });

  it('text, list and button replies, location, image and document', () => {
    const read = (m: Record<string, unknown>) => parseWebhook(message(m), PHONE_ID).messages[0]!;
    assert.deepEqual(read({ type: 'text', text: { body: 'Does it come in another color?' } }), {
      id: 'wamid.X',
      from: '16505551234',
      name: 'Sheena Nelson',
      at: 1749416383000,
      body: { kind: 'text', text: 'Does it come in another color?' },
    });
    assert.deepEqual(read({ type: 'interactive', context: { from: '15550783881', id: 'wamid.Y' }, interactive: { type: 'list_reply', list_reply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' } } }).body, {
      kind: 'choice',
      id: 'priority_express',
      title: 'Priority Mail Express',
    });
    assert.deepEqual(read({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } } }).body, { kind: 'choice', id: 'cancel-button', title: 'Cancel' });
    assert.deepEqual(read({ type: 'location', location: { address: '1 Hacker Way', latitude: 37.48, longitude: -122.15, name: 'Meta HQ', url: 'https://x' } }).body, {
      kind: 'location',
      lat: 37.48,
      lng: -122.15,
      name: 'Meta HQ',
      address: '1 Hacker Way',
    });
    assert.deepEqual(read({ type: 'image', image: { caption: 'This is a caption', mime_type: 'image/jpeg', sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3', id: '2754859441498128' } }).body, {
      kind: 'media',
      media: 'image',
      mediaId: '2754859441498128',
      mime: 'image/jpeg',
      caption: 'This is a caption',
      sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3',
    });
    assert.deepEqual(read({ type: 'document', document: { filename: 'surat.pdf', mime_type: 'application/pdf', sha256: 'x', id: '5' } }).body, {
      kind: 'media',
      media: 'document',
      mediaId: '5',
      mime: 'application/pdf',
      fileName: 'surat.pdf',
      sha256: 'x',
    });
    assert.deepEqual(read({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', id: '7', voice: true } }).body, { kind: 'unsupported', type: 'audio' });
    assert.deepEqual(read({ type: 'reaction', reaction: { message_id: 'wamid.Y', emoji: '👍' } }).body, { kind: 'ignored', type: 'reaction' });
  });

  it('statuses; fields we do not know are ignored; other numbers and senders without a number are skipped', () => {
    const s = parseWebhook(
      envelope({ statuses: [{ id: 'wamid.S', status: 'failed', timestamp: '1750857384', recipient_id: '5516992318222', errors: [{ code: 131047, title: 'Re-engagement message' }], pricing: { billable: true } }] }),
      PHONE_ID,
    );
    assert.deepEqual(s, { messages: [], statuses: [{ id: 'wamid.S', status: 'failed', at: 1750857384000, errorCode: 131047 }] });
    assert.equal(parseWebhook(message({ type: 'text', text: { body: 'x' }, identity: { acknowledged: true }, referral: { source_url: 'x' } }), PHONE_ID).messages.length, 1);
    assert.equal(parseWebhook(message({ type: 'text', text: { body: 'x' } }), '999').messages.length, 0);
    assert.equal(parseWebhook(envelope({ messages: [{ id: 'wamid.U', from_user_id: 'US.1', timestamp: '1', type: 'text', text: { body: 'x' } }] }), PHONE_ID).messages.length, 0);
    assert.throws(() => parseWebhook({ object: 'page', entry: [] }, PHONE_ID));
  });
});

describe('WhatsApp: messages within the limits, places, signature', () => {
  it('lists hold ≤ 10 rows with titles ≤ 24 and descriptions ≤ 72; buttons ≤ 3 with titles ≤ 20', () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ id: `r${i}`, title: `Pilihan yang sangat panjang nomor ${i}`, description: 'x'.repeat(100) }));
    const more = (next: number) => ({ id: `more:${next}`, title: 'Lainnya' });
    assert.deepEqual(page(rows, 0, more).map((r) => r.id), [...rows.slice(0, 9).map((r) => r.id), 'more:1']);
    assert.deepEqual(page(rows, 2, more).map((r) => r.id), [...rows.slice(18).map((r) => r.id), 'more:0'], 'the last page leads back to the first');
    assert.equal(page(rows.slice(0, 10), 0, more).length, 10, 'ten fit without paging');
    const l = list('Pilih', 'Pilih kategori yang sesuai', page(rows, 0, more)) as any;
    const out = l.interactive.action.sections[0].rows;
    assert.ok(out.length <= 10 && out.every((r: any) => [...r.title].length <= 24 && (!r.description || [...r.description].length <= 72)));
    assert.ok([...l.interactive.action.button].length <= 20);
    const b = buttons('x', [1, 2, 3, 4].map((i) => ({ id: String(i), title: 'Judul tombol yang kepanjangan' }))) as any;
    assert.equal(b.interactive.action.buttons.length, 3);
    assert.ok(b.interactive.action.buttons.every((x: any) => [...x.reply.title].length <= 20));
  });

  it('places named in typed words, the most specific first, the typed words kept when they say more', () => {
    const places = new Places(demoReference().locations);
    assert.deepEqual(places.named('Pasar Genteng'), [{ name: 'Kecamatan Genteng', locationId: 'loc-kec-genteng', text: 'Pasar Genteng' }]);
    assert.deepEqual(places.named('genteng'), [{ name: 'Kecamatan Genteng', locationId: 'loc-kec-genteng', text: 'Kecamatan Genteng' }]);
    assert.deepEqual(places.named('Genteng Kulon, Genteng').map((p) => p.locationId), ['loc-desa-genteng-kulon']);
    assert.deepEqual(places.named('ds. kemiren').map((p) => [p.locationId, p.text]), [['loc-desa-kemiren', 'Desa Kemiren, Kecamatan Glagah']]);
    assert.deepEqual(places.named('Jalan Ahmad Yani nomor 5'), []);
  });

  it('the signature: sha256=<hex HMAC of the raw bytes>', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const sig = signatureOf(body, 'secret');
    assert.match(sig, /^sha256=[0-9a-f]{64}$/);
    assert.ok(validSignature(body, sig, 'secret'));
    assert.ok(validSignature(body, sig.toUpperCase().replace('SHA256=', 'sha256='), 'secret'));
    for (const bad of [undefined, '', sig.replace('sha256=', ''), `${sig}00`, signatureOf(body, 'other')]) assert.equal(validSignature(body, bad, 'secret'), false, String(bad));
    assert.equal(validSignature(Buffer.concat([body, Buffer.from(' ')]), sig, 'secret'), false);
  });

  it('durations as the countdown says them', () => {
    assert.equal(duration((3 * 60 + 12) * 60_000 + 5_000, 'id'), '3 jam 12 menit');
    assert.equal(duration(26 * 3_600_000 + 60_000, 'id'), '1 hari 2 jam');
    assert.equal(duration(25 * 60_000, 'en'), '25 minutes');
    assert.equal(duration(-61 * 60_000, 'en'), '1 hour 1 minute');
    assert.equal(duration(20_000, 'id'), '0 menit');
  });
});

describe('WhatsApp: configuration', () => {
  const send = { LAPOR_WHATSAPP_URL: 'https://graph.facebook.com/v23.0', LAPOR_WHATSAPP_TOKEN: 't', LAPOR_WHATSAPP_PHONE_ID: '1' };
  it('both intake variables or neither, and the three that answer', () => {
    assert.equal(whatsappIntakeFromEnv({}), undefined);
    assert.deepEqual(whatsappIntakeFromEnv({ ...send, LAPOR_WHATSAPP_APP_SECRET: 's', LAPOR_WHATSAPP_VERIFY_TOKEN: 'v', LAPOR_WHATSAPP_IDLE_MINUTES: '45' }), {
      appSecret: 's',
      verifyToken: 'v',
      idleMinutes: 45,
    });
    assert.throws(() => whatsappIntakeFromEnv({ ...send, LAPOR_WHATSAPP_APP_SECRET: 's' }), /both LAPOR_WHATSAPP_APP_SECRET and LAPOR_WHATSAPP_VERIFY_TOKEN/);
    assert.throws(() => whatsappIntakeFromEnv({ LAPOR_WHATSAPP_APP_SECRET: 's', LAPOR_WHATSAPP_VERIFY_TOKEN: 'v' }), /needs LAPOR_WHATSAPP_URL/);
    assert.throws(() => whatsappIntakeFromEnv({ ...send, LAPOR_WHATSAPP_APP_SECRET: 's', LAPOR_WHATSAPP_VERIFY_TOKEN: 'v', LAPOR_WHATSAPP_IDLE_MINUTES: 'soon' }), /LAPOR_WHATSAPP_IDLE_MINUTES/);
    assert.equal(configFromEnv({ ...send, LAPOR_WHATSAPP_APP_SECRET: 's', LAPOR_WHATSAPP_VERIFY_TOKEN: 'v' }).whatsapp?.verifyToken, 'v');
  });
});
