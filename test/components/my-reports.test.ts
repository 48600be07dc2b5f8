/**
 * `<lapor-my-reports>`: saved and queued reports, most urgent first, all live on one
 * connection, the unseen badge, opening and removing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/my-reports/my-reports.js';
import type { LaporMyReports, UnseenChangeDetail } from '../../src/components/my-reports/my-reports.component.js';
import { byUrgency } from '../../src/components/my-reports/sort.js';
import type { Report } from '../../src/contract/index.js';
import { loadLocale } from '../../src/i18n/load.js';
import { enqueue } from '../../src/store/outbox.js';
import { getSaved, saveReport, type SavedReport } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import {
  HOUR,
  TOKEN_A,
  TOKEN_B,
  TOKEN_C,
  TRACKING_A,
  TRACKING_B,
  TRACKING_C,
  at,
  buildReport,
  clock,
  statusEvent,
} from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const order = (el: Element) => qa(el, 'li.item').map((li) => li.dataset['id'] ?? `queued:${li.dataset['clientId']}`);

let gw: FakeGateway;

const reportA = () => buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'submitted' });
const reportB = () =>
  buildReport({
    trackingId: TRACKING_B,
    title: 'Sampah menumpuk di pasar Genteng',
    status: 'submitted',
    clocks: [clock({ id: 'local.handle', dueAt: at(2 * HOUR) })],
  });
const reportC = () => buildReport({ trackingId: TRACKING_C, title: 'Permohonan informasi anggaran desa', status: 'completed', classification: 'info_request' });

async function keep(report: Report, token: string): Promise<void> {
  gw.add(report, token);
  await saveReport({
    trackingId: report.trackingId,
    accessToken: token,
    api: API,
    siteKey: SITE_KEY,
    title: report.title,
    classification: report.classification,
    status: report.status,
    savedAt: report.createdAt,
    report,
  });
}

async function queue(): Promise<void> {
  await enqueue({
    clientId: 'client-1',
    idempotencyKey: 'idem-key-0001',
    api: API,
    siteKey: SITE_KEY,
    input: {
      classification: 'aspiration',
      title: 'Usul taman bermain di kelurahan',
      body: 'Mohon dibangun taman bermain anak di lahan kosong dekat balai kelurahan.',
      location: { text: 'Kelurahan Penganjuran' },
    },
    attachments: [],
    createdAt: new Date().toISOString(),
    attempts: 1,
  });
}

async function mount(lang = 'id'): Promise<LaporMyReports> {
  const el = await fixture<LaporMyReports>(html`<lapor-my-reports api=${API} site-key=${SITE_KEY} lang=${lang}></lapor-my-reports>`);
  await until(() => expect(q(el, '[role="status"]')).to.equal(null));
  await el.ready;
  await el.updateComplete;
  return el;
}

describe('<lapor-my-reports>', () => {
  useFakeGateway((fresh) => (gw = fresh), { outbox: true });
  before(() => loadLocale('en'));

  for (const [lang, empty] of [
    ['id', 'Belum ada laporan yang tersimpan di perangkat ini.'],
    ['en', 'No reports are saved on this device yet.'],
  ] as const) {
    it(`says so when nothing is saved (${lang})`, async () => {
      const el = await mount(lang);
      expect(text(q(el, '.empty'))).to.contain(empty);
      expect(el.unseenCount).to.equal(0);
      expect(gw.counts.watch, 'nothing to watch, no connection').to.equal(0);
      await expect(el).to.be.accessible();
    });
  }

  it('lists queued and saved reports, most urgent first, each with status and countdown', async () => {
    await keep(reportC(), TOKEN_C);
    await keep(reportA(), TOKEN_A);
    await keep(reportB(), TOKEN_B);
    await queue();
    const el = await mount();
    expect(order(el)).to.deep.equal(['queued:client-1', TRACKING_B, TRACKING_A, TRACKING_C]);
    const queued = q(el, 'li.queued')!;
    expect(text(queued)).to.contain('Usul taman bermain di kelurahan').and.contain('Menunggu koneksi');
    const b = q(el, `li[data-id="${TRACKING_B}"]`)!;
    expect(text(b.querySelector('.status'))).to.equal('Belum diverifikasi');
    expect(b.querySelector('lapor-sla-countdown')?.getAttribute('due')).to.equal(at(2 * HOUR));
    expect(q(el, `li[data-id="${TRACKING_C}"] lapor-sla-countdown`), 'no running clock, no countdown').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('speaks English when asked, queued entries included', async () => {
    await keep(reportA(), TOKEN_A);
    await queue();
    const el = await mount('en');
    await until(() => expect(text(q(el, 'h2'))).to.equal('My reports'));
    expect(text(q(el, 'li.queued .status'))).to.equal('Waiting for connection');
    const note = text(q(el, 'li.queued .note'));
    expect(note).to.match(/^Not sent yet: saved on this device \d+ \w+ \d{4},? \d\d:\d\d WIB\. It is sent by itself/);
    expect(note).to.contain('The deadline for handling it starts only once the officers receive it.');
    expect(text(q(el, `li[data-id="${TRACKING_A}"] .status`))).to.equal('Not yet verified');
    expect(text(q(el, `li[data-id="${TRACKING_A}"] .remove`))).to.contain('Remove from this device');
    await expect(el).to.be.accessible();
  });

  it('keeps every saved report live on ONE stream, also with one opened, and moves it when the list changes', async () => {
    await keep(reportA(), TOKEN_A);
    await keep(reportB(), TOKEN_B);
    await keep(reportC(), TOKEN_C);
    // The previous test's element can be removed with its ticket request still on the way,
    // which then lands on this test's fake gateway (seen in 2 of 5 runs of this file): only
    // watches that include B, which the test before this one does not watch, are this test's.
    const watches = () => gw.watchBodies.filter((b) => b.reports.some((r) => r.trackingId === TRACKING_B));
    const el = await mount();
    await until(() => expect(gw.openStreams).to.equal(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(watches()).to.have.length(1);
    expect(gw.counts.events).to.equal(1);
    expect(watches()[0]!.reports.map((r) => r.trackingId).sort()).to.deep.equal([TRACKING_A, TRACKING_B, TRACKING_C]);

    // Opening one renders a <lapor-report-status> that shares the same connection.
    q<HTMLButtonElement>(el, `li[data-id="${TRACKING_A}"] .toggle`)!.click();
    const detail = await until(() => expect(q(el, 'lapor-report-status')).to.exist).then(() => q(el, 'lapor-report-status')!);
    await until(() => expect(detail.shadowRoot!.querySelector('article')).to.exist);
    await new Promise((r) => setTimeout(r, 100));
    expect(gw.counts.events, 'the opened report adds no connection').to.equal(1);
    expect(watches()).to.have.length(1);

    // A new saved report: one new subscription replaces the old one.
    const d = buildReport({ trackingId: 'LPR-ABCD-EFGH', title: 'Jembatan retak di Desa Kemiren' });
    await keep(d, 'dddddddddddddddddddddddddddddddd');
    await until(() => expect(watches()).to.have.length(2));
    await until(() => expect(gw.counts.events).to.equal(2));
    await new Promise((r) => setTimeout(r, 100));
    // One resubscription for the whole new list: the old stream replaced, not one per report.
    expect(watches()).to.have.length(2);
    expect(gw.counts.events).to.equal(2);
    expect(watches()[1]!.reports).to.have.length(4);
  });

  it('applies pushed changes, counts them as unseen, and clears the count when opened', async () => {
    const b = reportB();
    await keep(reportA(), TOKEN_A);
    await keep(b, TOKEN_B);
    const el = await mount();
    const counts: number[] = [];
    el.addEventListener('lapor-unseen-change', (e) => counts.push((e as CustomEvent<UnseenChangeDetail>).detail.count));
    await until(() => expect(gw.openStreams, JSON.stringify(gw.counts)).to.equal(1));
    expect(el.unseenCount).to.equal(0);

    gw.push(statusEvent(b, 'verified'));
    await until(async () =>
      expect(el.unseenCount, JSON.stringify({ counts: gw.counts, open: gw.openStreams, saved: await getSaved(TRACKING_B).then((x) => [x?.status, x?.lastSeenUpdatedAt, x?.report?.updatedAt]) })).to.equal(1),
    );
    const item = q(el, `li[data-id="${TRACKING_B}"]`)!;
    expect(text(item.querySelector('.status'))).to.equal('Terverifikasi');
    expect(text(item.querySelector('[part~="badge"]'))).to.equal('Ada pembaruan');
    expect(text(q(el, '.count'))).to.equal('1');
    expect(text(q(el, '.unseen'))).to.equal('1 laporan berubah sejak terakhir Anda lihat');
    expect((await getSaved(TRACKING_B))?.status, 'the snapshot is kept on the device').to.equal('verified');
    await expect(el).to.be.accessible();

    item.querySelector<HTMLButtonElement>('.toggle')!.click();
    await until(() => expect(el.unseenCount).to.equal(0));
    expect(counts).to.deep.equal([1, 0]);
    expect(q(el, '.count')).to.equal(null);
  });

  it('removes a report from the device only after confirmation', async () => {
    await keep(reportA(), TOKEN_A);
    await keep(reportB(), TOKEN_B);
    const el = await mount();
    const removeA = () => q<HTMLButtonElement>(el, `li[data-id="${TRACKING_A}"] .remove`)!;

    removeA().click();
    await until(() => expect(q(el, '.confirm')).to.exist);
    expect(text(q(el, '.confirm p'))).to.contain(`Hapus laporan ${TRACKING_A} dari perangkat ini?`);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Ya, hapus');
    await expect(el).to.be.accessible();
    q<HTMLButtonElement>(el, '.confirm .secondary')!.click();
    await until(() => expect(q(el, '.confirm')).to.equal(null));
    expect(await getSaved(TRACKING_A)).to.exist;
    expect(el.shadowRoot!.activeElement, 'focus returns to the remove button').to.equal(removeA());

    removeA().click();
    await until(() => expect(q(el, '.confirm')).to.exist);
    q<HTMLButtonElement>(el, '.confirm .danger')!.click();
    await until(() => expect(order(el)).to.deep.equal([TRACKING_B]));
    expect(await getSaved(TRACKING_A)).to.equal(undefined);
    await until(() => expect(text(q(el, '[aria-live="polite"]'))).to.equal(`Laporan ${TRACKING_A} dihapus dari perangkat ini.`));
  });

  it('follows changes made by other tabs or the form (the store tells it)', async () => {
    const el = await mount();
    expect(q(el, '.empty')).to.exist;
    await keep(reportA(), TOKEN_A);
    await until(() => expect(order(el)).to.deep.equal([TRACKING_A]));
    await queue();
    await until(() => expect(order(el)).to.deep.equal(['queued:client-1', TRACKING_A]));
  });
});

describe('my-reports order', () => {
  const entry = (report: Report): SavedReport => ({
    trackingId: report.trackingId,
    accessToken: TOKEN_A,
    api: API,
    title: report.title,
    classification: report.classification,
    status: report.status,
    savedAt: report.createdAt,
    report,
  });

  it('puts the nearest running deadline first, then breached, then the rest by last update', () => {
    const soon = entry(buildReport({ trackingId: 'LPR-AAAA-AAAA', clocks: [clock({ id: 'local.handle', dueAt: at(1 * HOUR) })] }));
    const later = entry(buildReport({ trackingId: 'LPR-BBBB-BBBB', clocks: [clock({ id: 'local.handle', dueAt: at(9 * HOUR) })] }));
    const breached = entry(
      buildReport({ trackingId: 'LPR-CCCC-CCCC', status: 'in_progress', clocks: [clock({ id: 'local.handle', state: 'breached' })] }),
    );
    const doneOld = entry(buildReport({ trackingId: 'LPR-DDDD-DDDD', status: 'completed', updatedAt: at(10 * HOUR) }));
    const doneNew = entry(buildReport({ trackingId: 'LPR-EEEE-EEEE', status: 'completed', updatedAt: at(20 * HOUR) }));
    const sorted = [doneOld, breached, later, doneNew, soon].sort(byUrgency).map((e) => e.trackingId);
    expect(sorted).to.deep.equal(['LPR-AAAA-AAAA', 'LPR-BBBB-BBBB', 'LPR-CCCC-CCCC', 'LPR-EEEE-EEEE', 'LPR-DDDD-DDDD']);
  });
});
