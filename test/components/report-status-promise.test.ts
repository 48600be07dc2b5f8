/**
 * Issue 24, "one sentence that matters": the status view leads with the binding promise
 * in plain words — who should act, by when, what to do if that passes — a breached clock
 * outranks a running one, each clock is named by the step it waits for (never "Selesai
 * tepat waktu" beside a stepper not at Selesai), and "tidak diteruskan ke LAPOR!" is gone.
 * Times are real instants relative to now (the sentence says "sisa"/"terlambat" from the
 * gateway-corrected clock), in the institution's zone.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { tickNow } from '../../src/components/sla-countdown/ticker.js';
import type { Report } from '../../src/contract/index.js';
import { loadLocale } from '../../src/i18n/load.js';
import { FakeGateway, until } from '../fixtures/fake-gateway.js';
import { HOUR, buildReport, clock, institution, iso } from '../fixtures/report-fixtures.js';
import { showReport } from '../fixtures/show-report.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const MINUTE = 60_000;
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** "18.50 WIB": a time as the sentence says it (today, so no day). */
const wib = (ms: number, lang = 'id') => {
  const p = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const part = (t: string) => p.find((x) => x.type === t)!.value;
  return `${part('hour')}${lang === 'en' ? ':' : '.'}${part('minute')} WIB`;
};
/** Today in Jakarta? (a due time near midnight may fall on another day: the sentence then names it). */
const sameDay = (a: number, b: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(a) === new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(b);

let gw: FakeGateway;

const show = (report: Report, lang = 'id') => showReport(gw, report, lang, { live: false });

describe('<lapor-report-status> leads with the promise', () => {
  useFakeGateway((fresh) => (gw = fresh));
  before(() => loadLocale('en'));

  it('a breached 4-hour clock is the first sentence, outranking a running one, with what to do now', async () => {
    const now = Date.now();
    const due = now - (HOUR + 27 * MINUTE + 20_000);
    const report = buildReport({
      status: 'submitted',
      institution,
      createdAt: iso(due - 4 * HOUR),
      clocks: [
        clock({ id: 'lapor.verify', startedAt: iso(due - 4 * HOUR), dueAt: iso(now + 70 * HOUR), limit: { amount: 3, unit: 'working_days' } }),
        clock({ id: 'local.handle', state: 'breached', startedAt: iso(due - 4 * HOUR), dueAt: iso(due) }),
      ],
    });
    const el = await show(report);
    const box = q(el, '[part="urgent-clock"]')!;
    // First in the report after its header: before the stepper and the other clocks.
    const article = q(el, 'article')!;
    expect([...article.children].indexOf(box)).to.be.lessThan([...article.children].indexOf(q(el, 'section[aria-labelledby="status-heading"]')!));
    const day = sameDay(due, now) ? '' : '.* ';
    expect(text(box.querySelector('.lead'))).to.match(
      new RegExp(`^Dinas Kesehatan Kabupaten Banyuwangi seharusnya mulai menangani laporan Anda paling lambat ${day}pukul ${wib(due)} — sudah terlambat 1 jam 27 menit\\.$`),
    );
    expect(text(box.querySelector('.next'))).to.equal(
      'Laporkan keterlambatan ini ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor LPR 7K3M Q9XD.',
    );
    expect(box.classList.contains('late')).to.equal(true);
    expect(box.querySelector('lapor-sla-countdown')!.getAttribute('clock-id')).to.equal('local.handle');
    // The running working-day clock is listed below, named by the step it waits for.
    expect(text(q(el, '.clocks h3'))).to.equal('Batas waktu lainnya');
    expect(qa(el, '.clock-list .clock-name').map((n) => text(n))).to.deep.equal(['Diteruskan ke instansi']);
    await expect(el).to.be.accessible();
  });

  it("names the institution's public contact from the reference data, and LAPOR!'s own number when synced", async () => {
    const now = Date.now();
    const report = buildReport({
      status: 'forwarded',
      institution: { ...institution, contact: { phone: '(0333) 424 000', whatsapp: '0811 3333 0000' } },
      upstream: { state: 'synced', laporId: '4821337' },
      clocks: [clock({ id: 'lapor.followup', state: 'breached', dueAt: iso(now - 2 * HOUR), limit: { amount: 5, unit: 'working_days' } })],
    });
    const el = await show(report);
    expect(text(q(el, '.promise .lead'))).to.match(/^Dinas Kesehatan Kabupaten Banyuwangi seharusnya menanggapi laporan Anda paling lambat akhir hari .+ — sudah terlambat 2 jam\.$/);
    expect(text(q(el, '.promise .next'))).to.equal(
      'Hubungi Dinas Kesehatan Kabupaten Banyuwangi lewat telepon (0333) 424 000 atau WhatsApp 0811 3333 0000, atau laporkan keterlambatan ini ke LAPOR! lewat www.lapor.go.id atau SMS 1708 dengan menyebut nomor LAPOR! 4821337.',
    );
  });

  it('a running clock: who, by when, time left, and what to do if it passes; the minutes move with the clock', async () => {
    const now = Date.now();
    const due = now + 3 * HOUR + 59 * MINUTE + 30_000;
    const el = await show(buildReport({ status: 'submitted', clocks: [clock({ id: 'local.handle', dueAt: iso(due) })] }));
    const day = sameDay(due, now) ? '' : '.* ';
    expect(text(q(el, '.promise .lead'))).to.match(
      new RegExp(`^Petugas pengaduan seharusnya mulai menangani laporan Anda paling lambat ${day}pukul ${wib(due)} — sisa 3 jam 59 menit\\.$`),
    );
    expect(text(q(el, '.promise .next'))).to.match(/^Jika batas itu terlewati, laporkan keterlambatan ke LAPOR! lewat www\.lapor\.go\.id atau SMS 1708/);
    expect(q(el, '.promise.late')).to.equal(null);
    // Two minutes later (the gateway-corrected clock moves): re-rendered on the shared ticker.
    const realNow = Date.now;
    Date.now = () => realNow() + 2 * MINUTE;
    try {
      tickNow();
      await until(() => expect(text(q(el, '.promise .lead'))).to.contain('sisa 3 jam 57 menit'));
    } finally {
      Date.now = realNow;
    }
  });

  it('clock wording never contradicts the stepper: a met clock is "Tepat waktu", not "Selesai tepat waktu"', async () => {
    const now = Date.now();
    const report = buildReport({
      status: 'in_progress',
      clocks: [
        clock({ id: 'local.handle', state: 'met', dueAt: iso(now - HOUR), stoppedAt: iso(now - 2 * HOUR) }),
        clock({ id: 'lapor.verify', state: 'met', dueAt: iso(now + 48 * HOUR), stoppedAt: iso(now - 3 * HOUR), limit: { amount: 3, unit: 'working_days' } }),
      ],
    });
    const el = await show(report);
    expect(text(q(el, '.current'))).to.equal('Sedang ditangani');
    expect(q(el, '.promise'), 'nothing binds: every clock met').to.equal(null);
    const rows = qa(el, '.clock-list li').map((li) => text(li));
    expect(rows[0]).to.match(/^Mulai ditangani Tepat waktu \(/);
    expect(rows[1]).to.match(/^Diteruskan ke instansi Tepat waktu \(/);
    expect(text(q(el, 'article'))).to.not.contain('Selesai tepat waktu');
  });

  it('on hold: says why the time stands still, beside the paused clock', async () => {
    const el = await show(
      buildReport({ status: 'on_hold', statusReason: 'Menunggu data dari pelapor', clocks: [clock({ id: 'local.handle', state: 'paused', stoppedAt: iso(Date.now() - HOUR) })] }),
    );
    expect(text(q(el, '.promise .lead'))).to.equal('Laporan ini ditunda, jadi batas waktunya berhenti sementara. Saat dilanjutkan, waktu berjalan lagi dari sisa yang ada.');
    expect(q(el, '.promise .next')).to.equal(null);
  });

  it('standalone: the upstream line no longer says "tidak diteruskan ke LAPOR!" under "Layanan Pengaduan LAPOR!"', async () => {
    const el = await show(buildReport({ status: 'submitted', upstream: { state: 'disabled' } }));
    expect(text(q(el, '.upstream'))).to.equal('Laporan ini ditangani langsung oleh pemerintah daerah.');
  });

  it('speaks English, and axe finds nothing in dark mode with a late promise', async () => {
    const now = Date.now();
    const due = now - 25 * MINUTE - 10_000;
    const el = await show(buildReport({ status: 'submitted', clocks: [clock({ id: 'local.handle', state: 'breached', dueAt: iso(due) })] }), 'en');
    const day = sameDay(due, now) ? '' : ' on .+';
    expect(text(q(el, '.promise .lead'))).to.match(new RegExp(`^The complaints officers should start handling your report by ${wib(due, 'en')}${day} — it is 25 minutes late\\.$`));
    expect(text(q(el, '.promise .next'))).to.equal('Report this delay to LAPOR! at www.lapor.go.id or by SMS to 1708, quoting number LPR 7K3M Q9XD.');
    await emulateMedia({ colorScheme: 'dark' });
    try {
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
