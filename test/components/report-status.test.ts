/**
 * `<lapor-report-status>`: what it shows for every status and side state, in both
 * languages, and that each of those views is accessible.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import { liveConverter } from '../../src/components/report-status/report-status.component.js';
import { REPORT_STATUSES, type Report } from '../../src/contract/index.js';
import { msg } from '../../src/i18n/catalog.js';
import { loadLocale } from '../../src/i18n/load.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { HOUR, TOKEN_A, TRACKING_A, at, buildReport, clock } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';
import { showReport } from '../fixtures/show-report.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

let gw: FakeGateway;

const show = (report: Report, lang = 'id', extra: { live?: boolean } = {}) => showReport(gw, report, lang, extra);

describe('<lapor-report-status> rendering', () => {
  useFakeGateway((fresh) => (gw = fresh));
  before(() => loadLocale('en'));

  for (const lang of ['id', 'en']) {
    for (const status of REPORT_STATUSES) {
      it(`shows ${status} as the current step in ${lang}, accessibly`, async () => {
        const el = await show(buildReport({ status }), lang, { live: false });
        const current = qa(el, '.stepper li[aria-current="step"]');
        expect(current, 'exactly one current step').to.have.length(1);
        expect(text(current[0]!.querySelector('.label'))).to.equal(msg(lang, `status.${status}`));
        expect(text(q(el, '#status-heading'))).to.contain(msg(lang, `status.${status}`));
        if (status === 'on_hold' || status === 'archived') {
          expect(text(current[0])).to.contain(status === 'archived' ? 'Laporan ganda' : 'Menunggu data dari pelapor');
          // Steps already walked stay visible before the side state.
          expect(qa(el, '.stepper li.done').length).to.be.greaterThan(0);
          if (status === 'archived') expect(qa(el, '.stepper li.upcoming')).to.have.length(0);
        } else {
          const done = qa(el, '.stepper li.done').map((li) => text(li.querySelector('.label')));
          expect(done).to.have.length(REPORT_STATUSES.indexOf(status));
        }
        await expect(el).to.be.accessible();
      });
    }
  }

  it('shows title, classification, tracking number and the institution handling it', async () => {
    const el = await show(buildReport({ status: 'in_progress' }), 'id', { live: false });
    expect(text(q(el, 'h2'))).to.equal('Jalan berlubang di depan Puskesmas Genteng');
    // In spaced groups, as it is read out (LPR 7K3M Q9XD).
    expect(text(q(el, '.eyebrow'))).to.contain('Pengaduan').and.contain(TRACKING_A.replaceAll('-', ' '));
    expect(text(q(el, '.institution'))).to.equal('Ditangani oleh Dinas Kesehatan Kabupaten Banyuwangi');
  });

  it('says when no institution has it yet', async () => {
    const el = await show(buildReport({ status: 'submitted' }), 'en', { live: false });
    expect(text(q(el, '.institution'))).to.equal('Not yet forwarded to an agency');
  });

  it('renders agency responses as text, never HTML, keeping line breaks', async () => {
    const el = await show(buildReport({ status: 'responded' }), 'id', { live: false });
    const message = q(el, '.response .message')!;
    expect(message.querySelector('b'), 'markup in a response must stay text').to.equal(null);
    expect(message.textContent).to.equal('Terima kasih.\nTim kami akan menambal jalan <b>besok</b>.');
    expect(getComputedStyle(message).whiteSpace).to.equal('pre-wrap');
    expect(text(q(el, '.response-meta'))).to.contain('Tanggapan Dinas Kesehatan Kabupaten Banyuwangi');
  });

  it("shows times in the institution's zone (WITA for Makassar), not the device's", async () => {
    const report = buildReport({
      status: 'forwarded',
      institution: { id: 'kec-x', name: 'Kecamatan Ujung Pandang', kind: 'kecamatan', timeZone: 'Asia/Makassar' },
      timeline: [{ id: 'only', at: '2026-12-07T01:00:00.000Z', type: 'status', status: 'submitted', from: null }],
    });
    const el = await show(report, 'id', { live: false });
    const time = text(q(el, '.timeline time'));
    expect(time).to.match(/09[.:]00/).and.match(/WITA$/);
    expect(q(el, '.timeline time')!.getAttribute('datetime')).to.equal('2026-12-07T01:00:00.000Z');
  });

  it('shows whether the report reached LAPOR!, with its LAPOR! number', async () => {
    const synced = await show(buildReport({ status: 'forwarded', upstream: { state: 'synced', laporId: '4821337' } }), 'id', {
      live: false,
    });
    expect(text(q(synced, '.upstream'))).to.equal('Laporan sudah tercatat di LAPOR! dengan nomor 4821337.');
    const pending = await show(buildReport({ trackingId: 'LPR-8P4N-R2WE', upstream: { state: 'pending' } }), 'en', { live: false });
    expect(text(q(pending, '.upstream'))).to.equal('This report is being forwarded to LAPOR!.');
  });

  it('renders every clock through <lapor-sla-countdown>, the binding one in the box the view leads with', async () => {
    const report = buildReport({
      status: 'submitted',
      clocks: [
        clock({ id: 'lapor.verify', dueAt: at(72 * HOUR), limit: { amount: 3, unit: 'working_days' } }),
        clock({ id: 'local.handle', dueAt: at(4 * HOUR) }),
      ],
    });
    const el = await show(report, 'id', { live: false });
    const countdowns = qa(el, 'lapor-sla-countdown');
    expect(countdowns).to.have.length(2);
    const urgent = q(el, '.promise lapor-sla-countdown')!;
    expect(urgent.getAttribute('clock-id')).to.equal('local.handle');
    expect(urgent.getAttribute('due')).to.equal(at(4 * HOUR));
    expect(urgent.getAttribute('state')).to.equal('running');
    expect(urgent.getAttribute('time-zone')).to.equal('Asia/Jakarta');
    expect(urgent.getAttribute('lang')).to.equal('id');
    expect(Number(urgent.getAttribute('server-offset'))).to.be.a('number');
    const now = (urgent as HTMLElement & { now?: () => number }).now;
    expect(now, 'countdowns read the gateway-corrected clock').to.be.a('function');
    expect(Math.abs(now!() - Date.now())).to.be.lessThan(60_000);
  });

  it('shows a loading state, accessibly, while the first answer is on its way', async () => {
    let open!: () => void;
    gw.getGate = new Promise<void>((r) => (open = r));
    gw.add(buildReport(), TOKEN_A);
    const el = await fixture<LaporReportStatus>(html`<lapor-report-status
      api=${API}
      site-key=${SITE_KEY}
      tracking-id=${TRACKING_A}
      access-token=${TOKEN_A}
      live="false"
    ></lapor-report-status>`);
    await until(() => expect(q(el, '[role="status"]')).to.exist);
    expect(text(q(el, '[role="status"]'))).to.equal('Memuat…');
    await expect(el).to.be.accessible();
    open();
    await until(() => expect(q(el, 'article')).to.exist);
  });

  it('treats live="false" (and off/0/no) as off, anything else or no attribute as on', () => {
    for (const off of ['false', 'FALSE', 'off', '0', 'no']) expect(liveConverter.fromAttribute(off), off).to.equal(false);
    for (const on of [null, '', 'true', 'live']) expect(liveConverter.fromAttribute(on), String(on)).to.equal(true);
  });

  it('does not open a live connection when live="false"', async () => {
    await show(buildReport(), 'id', { live: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(gw.counts.watch).to.equal(0);
    expect(gw.counts.events).to.equal(0);
  });
});
