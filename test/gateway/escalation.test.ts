/**
 * The escalation chain (issue 28), end to end over real HTTP with a controlled clock and
 * real providers' stand-ins (a local SMTP server, the WhatsApp Cloud API stand-in):
 * - with steps 1 and 2 minutes after submission, one report gets exactly one message per
 *   step, and another gets none after an admin starts handling it;
 * - a restart, a second gateway on the same database and repeated ticks fire nothing twice;
 * - after a forward the new institution's chain and contacts apply;
 * - steps to the regent wait for its service hours unless urgent;
 * - the message says which report, how long is left or how late, and links to the admin
 *   console, with no title, text or reporter; every step is on the admin's view of the
 *   report and nowhere in the citizen's.
 * Runs on SQLite, and on PostgreSQL with LAPOR_TEST_DATABASE_URL (npm test's gateway-pg step).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { AdminReport } from '../../src/contract/index.js';
import { createGateway } from '../../gateway/gateway.js';
import { parseEscalation } from '../../gateway/escalation/config.js';
import { ADMIN, TestClock, eventually, startGateway, validReport, type TestGateway } from './helpers.js';
import { startSmtp, startWhatsApp } from './notify-helpers.js';

const MINUTE = 60_000;

const ESCALATION = {
  steps: [
    { at: '-60m', to: 'institution' },
    { at: '-15m', to: 'head' },
    { at: '0m', to: 'regent' },
  ],
  institutions: {
    // Steps 1 and 2 minutes after submission (a camat has 2 hours).
    'kec-genteng': { steps: [{ at: '-119m', to: 'institution' }, { at: '-118m', to: 'head' }] },
    'rsud-blambangan': { steps: [{ at: '0m', to: 'regent' }] },
    'rsud-genteng': { steps: [{ at: '0m', to: 'regent', urgent: true }] },
  },
  contacts: {
    institution: {
      'kec-genteng': [{ email: 'admin.genteng@example.go.id' }, { whatsapp: '6281234567890' }],
      'opd-dinkes': [{ email: 'admin.dinkes@example.go.id', lang: 'en' }],
    },
    head: { 'kec-genteng': [{ email: 'camat.genteng@example.go.id' }], 'opd-dinkes': [{ email: 'kadis@example.go.id' }] },
    regent: [{ email: 'pengaduan@example.go.id' }],
  },
  serviceHours: {
    regent: { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30', source: "operator's choice (test): the demo OPD page's hours" },
  },
};

describe('escalation chain', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let g: TestGateway;
  const clock = new TestClock(); // Monday 7 Dec 2026 09:00 WIB

  before(async () => {
    smtp = await startSmtp();
    wa = await startWhatsApp();
    g = await startGateway({
      now: clock.now,
      escalation: parseEscalation(JSON.stringify(ESCALATION)),
      notify: { smtpUrl: smtp.url, mailFrom: 'LAPOR! Banyuwangi <lapor@banyuwangi.example>', whatsappUrl: wa.url, whatsappToken: 't', whatsappPhoneId: '1065', intervalMs: 0 },
    });
  });
  after(async () => {
    await g.close();
    await smtp.close();
    await wa.close();
  });

  const mailsTo = (to: string, id: string) => smtp.mails.filter((m) => m.to.includes(to) && m.header('subject')!.includes(id));
  /** One scheduler pass and everything it queued sent. */
  const pass = async () => {
    await g.gw.tick();
    await g.gw.notifications.worker.drain();
  };
  const at = async (ms: number, t0: number) => {
    clock.t = t0 + ms;
    await pass();
  };
  const detail = async (id: string) => z.parse(AdminReport, (await g.api(`/v1/admin/reports/${id}`, { token: ADMIN, siteKey: null })).json);
  const start = async (id: string, institutionId = 'kec-genteng') => {
    for (const input of [{ action: 'verify' }, { action: 'forward', institutionId }, { action: 'start' }]) {
      const r = await g.transition(id, input);
      assert.equal(r.status, 200, r.text);
    }
  };

  it('steps 1 and 2 minutes after submission: exactly one message per step; none after handling starts', async () => {
    const t0 = clock.t;
    const a = await g.create(validReport({ title: 'Judul pribadi warga A', reporter: { name: 'Siti Pelapor', email: 'siti@warga.id' } }));
    const b = await g.create(validReport());
    await at(30_000, t0);
    assert.equal(smtp.mails.length, 0, 'nothing before the first step');

    await at(MINUTE, t0);
    for (const id of [a.trackingId, b.trackingId]) {
      assert.equal(mailsTo('admin.genteng@example.go.id', id).length, 1, `step 1 by email (${id})`);
      assert.equal(wa.calls.filter((c) => c.body.template.components[0].parameters[0].text === id).length, 1, `step 1 by WhatsApp (${id})`);
    }
    await pass();
    await pass();

    // An admin starts handling b before its second step.
    clock.t = t0 + 90_000;
    await start(b.trackingId);
    await at(2 * MINUTE, t0);
    await at(10 * MINUTE, t0);
    await at(3 * 60 * MINUTE, t0); // past the deadline

    assert.equal(mailsTo('admin.genteng@example.go.id', a.trackingId).length, 1);
    assert.equal(mailsTo('camat.genteng@example.go.id', a.trackingId).length, 1, 'step 2 once');
    assert.equal(mailsTo('admin.genteng@example.go.id', b.trackingId).length, 1);
    assert.equal(mailsTo('camat.genteng@example.go.id', b.trackingId).length, 0, 'nothing after handling started');
    assert.equal(wa.calls.length, 2);

    // What the message says: which report, how long is left, a link into the console; nothing the citizen wrote.
    const mail = mailsTo('camat.genteng@example.go.id', a.trackingId)[0]!;
    assert.match(mail.header('subject')!, new RegExp(`Eskalasi: laporan ${a.trackingId} belum ditindaklanjuti, sisa 1 jam 58 menit`));
    assert.match(mail.decoded, /di Kecamatan Genteng belum ditindaklanjuti\. Sisa waktu 1 jam 58 menit dari batas 2 jam: paling lambat Senin, 7 Desember pukul 11\.00 WIB\./);
    assert.match(mail.decoded, /sebagai kepala instansi/);
    assert.ok(mail.decoded.includes(`${g.url}/admin.html#${a.trackingId}`), 'links to the report in the admin console');
    assert.equal(mail.header('list-unsubscribe'), undefined, 'no citizen opt-out link in a staff message');
    for (const secret of ['Judul pribadi warga A', 'Siti Pelapor', 'siti@warga.id', 'Pasar Genteng', a.accessToken]) assert.ok(!mail.decoded.includes(secret), secret);
    const call = wa.calls.find((c) => c.body.template.components[0].parameters[0].text === a.trackingId)!;
    assert.equal(call.body.template.name, 'lapor_escalation');
    assert.equal(call.body.to, '6281234567890');
    assert.deepEqual(
      call.body.template.components[0].parameters.map((p: { text: string }) => p.text),
      [a.trackingId, 'Kecamatan Genteng', 'Sisa 1 jam 59 menit', 'Senin, 7 Desember pukul 11.00 WIB', `${g.url}/admin.html#${a.trackingId}`],
    );

    // The admin sees every step on the report; b's second step was cancelled by the handling.
    const da = await detail(a.trackingId);
    assert.deepEqual(
      da.escalations!.map((e) => [e.at, e.to, e.state, e.recipients, [...e.channels].sort()]),
      [
        [-119, 'institution', 'sent', 2, ['email', 'whatsapp']],
        [-118, 'head', 'sent', 1, ['email']],
      ],
    );
    const db = await detail(b.trackingId);
    assert.deepEqual(db.escalations!.map((e) => [e.to, e.state]), [['institution', 'sent'], ['head', 'cancelled']]);

    // Never in the citizen's view: not in the report, not in its timeline.
    const citizen = await g.api(`/v1/reports/${a.trackingId}`, { headers: { Authorization: `Bearer ${a.accessToken}` } });
    assert.equal(citizen.status, 200);
    assert.doesNotMatch(citizen.text, /escalat|eskalasi|admin\.genteng|camat\.genteng/i);
  });

  it('a restart and a second gateway on the same database fire nothing twice', async () => {
    clock.t = Date.parse('2026-12-08T02:00:00.000Z'); // Tuesday 09:00 WIB
    const t0 = clock.t;
    const r = await g.create(validReport());
    await at(MINUTE, t0);
    assert.equal(mailsTo('admin.genteng@example.go.id', r.trackingId).length, 1);
    await g.restart();
    // Another gateway on the same database, ticking at the same moment as this one.
    const other = await createGateway({ ...g.options });
    try {
      clock.t = t0 + 2 * MINUTE;
      await Promise.all([g.gw.tick(), other.tick(), g.gw.tick()]);
      await Promise.all([g.gw.notifications.worker.drain(), other.notifications.worker.drain()]);
      await Promise.all([g.gw.tick(), other.tick()]);
      await Promise.all([g.gw.notifications.worker.drain(), other.notifications.worker.drain()]);
    } finally {
      await other.close();
    }
    await eventually(() => mailsTo('camat.genteng@example.go.id', r.trackingId).length >= 1);
    await new Promise((res) => setTimeout(res, 100));
    assert.equal(mailsTo('admin.genteng@example.go.id', r.trackingId).length, 1);
    assert.equal(mailsTo('camat.genteng@example.go.id', r.trackingId).length, 1);
    const rows = await g.gw.services.db.all<{ step: string }>('SELECT step FROM escalations WHERE tracking_id = ?', [r.trackingId]);
    assert.deepEqual(rows.map((x) => x.step).sort(), ['-118m:head', '-119m:institution']);
  });

  it("after a forward, the new institution's chain and contacts apply", async () => {
    clock.t = Date.parse('2026-12-09T02:00:00.000Z'); // Wednesday 09:00 WIB
    const t0 = clock.t;
    const r = await g.create(validReport());
    await at(MINUTE, t0); // Genteng's step 1
    await g.transition(r.trackingId, { action: 'verify' });
    await g.transition(r.trackingId, { action: 'forward', institutionId: 'opd-dinkes' });
    // Dinas Kesehatan: 4 service hours from 09:00 → 13:00; its chain is the default (-60m, -15m, 0m).
    await at(2 * MINUTE, t0);
    assert.equal(mailsTo('camat.genteng@example.go.id', r.trackingId).length, 0, "Genteng's step 2 no longer applies");
    await at(3 * 60 * MINUTE - 1000, t0);
    assert.equal(mailsTo('admin.dinkes@example.go.id', r.trackingId).length, 0);
    await at(3 * 60 * MINUTE, t0); // 12:00 = 13:00 − 60 min
    const mail = mailsTo('admin.dinkes@example.go.id', r.trackingId);
    assert.equal(mail.length, 1);
    // In the contact's language, with the service-hours limit.
    assert.match(mail[0]!.decoded, /at Dinas Kesehatan has not been taken up yet\. 1 hour left of the 4 service hours limit: due Wednesday, 9 December at 13:00 WIB\./);
    await at(3 * 60 * MINUTE + 45 * MINUTE, t0);
    assert.equal(mailsTo('kadis@example.go.id', r.trackingId).length, 1);
    await at(4 * 60 * MINUTE, t0);
    const late = mailsTo('pengaduan@example.go.id', r.trackingId);
    assert.equal(late.length, 1, 'the regent at the deadline (inside its service hours)');
    assert.match(late[0]!.header('subject')!, /mencapai batas waktu penanganan/);
    const d = await detail(r.trackingId);
    assert.deepEqual(
      d.escalations!.map((e) => [e.institutionId, e.to, e.state]),
      [
        ['kec-genteng', 'institution', 'sent'],
        ['opd-dinkes', 'institution', 'sent'],
        ['opd-dinkes', 'head', 'sent'],
        ['opd-dinkes', 'regent', 'sent'],
      ],
    );
  });

  it("a step to the regent waits for its service hours, unless it is urgent", async () => {
    clock.t = Date.parse('2026-12-09T14:00:00.000Z'); // Wednesday 21:00 WIB; RSUD: 4 wall-clock hours → 01:00
    const t0 = clock.t;
    const held = await g.create(validReport({ institutionId: 'rsud-blambangan' }));
    const urgent = await g.create(validReport({ institutionId: 'rsud-genteng' }));
    await at(4 * 60 * MINUTE, t0); // 01:00 Thursday
    assert.equal(mailsTo('pengaduan@example.go.id', urgent.trackingId).length, 1, 'urgent: at once');
    assert.equal(mailsTo('pengaduan@example.go.id', held.trackingId).length, 0, 'held: the regent office is closed');
    const d = await detail(held.trackingId);
    assert.deepEqual(d.escalations!.map((e) => [e.state, e.sendAt]), [['held', new Date('2026-12-10T07:30:00+07:00').toISOString()]]);
    await at(10 * 60 * MINUTE + 29 * MINUTE, t0); // 07:29
    assert.equal(mailsTo('pengaduan@example.go.id', held.trackingId).length, 0);
    await at(10 * 60 * MINUTE + 30 * MINUTE, t0); // 07:30
    const mail = mailsTo('pengaduan@example.go.id', held.trackingId);
    assert.equal(mail.length, 1);
    assert.match(mail[0]!.header('subject')!, /terlambat 6 jam 30 menit/);
  });

  it('a step with no contact is recorded, not sent; a hold pauses the chain', async () => {
    clock.t = Date.parse('2026-12-10T02:00:00.000Z'); // Thursday 09:00 WIB
    const t0 = clock.t;
    // Desa Kemiren: default chain, no contacts for its admins or head.
    const r = await g.create(validReport({ institutionId: 'desa-kemiren' }));
    const onHold = await g.create(validReport({ institutionId: 'desa-kemiren' }));
    await g.transition(onHold.trackingId, { action: 'hold', reason: 'Menunggu data dari pelapor' });
    await at(3 * 60 * MINUTE, t0); // 12:00: −60 min
    const d = await detail(r.trackingId);
    assert.deepEqual(d.escalations!.map((e) => [e.to, e.state]), [['institution', 'no_contact'], ['head', 'planned'], ['regent', 'planned']]);
    const h = await detail(onHold.trackingId);
    assert.deepEqual(h.escalations!.map((e) => e.state), ['paused', 'paused', 'paused']);
    const fired = await g.gw.services.db.all('SELECT step FROM escalations WHERE tracking_id = ?', [onHold.trackingId]);
    assert.deepEqual(fired, []);
  });
});
