/**
 * "Laporan saya" as a citizen comes back to it: works offline from the device; asks the
 * gateway on open and on reconnect, so a status changed while away is a badge before
 * anything is opened; the access code only behind "Tampilkan kode"; a report sent from
 * the outbox while the page was closed shows its code and counts as news.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/my-reports/my-reports.js';
import '../../src/components/widget/widget.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import type { LaporMyReports } from '../../src/components/my-reports/my-reports.component.js';
import { saveReport, getSaved, countUnseen } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { HOUR, TOKEN_A, TRACKING_A, at, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

let gw: FakeGateway;
const CODE = '7KQ4M9XDHT';

async function keepOld(extra: Partial<Parameters<typeof saveReport>[0]> = {}): Promise<void> {
  const old = buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'submitted', updatedAt: at(0) });
  await saveReport({ trackingId: TRACKING_A, accessToken: CODE, api: API, siteKey: SITE_KEY, title: old.title, classification: old.classification, status: old.status, savedAt: at(0), report: old, ...extra });
}

async function mount(): Promise<LaporMyReports> {
  const el = await fixture<LaporMyReports>(html`<lapor-my-reports api=${API} site-key=${SITE_KEY} lang="id"></lapor-my-reports>`);
  await el.ready;
  await el.updateComplete;
  return el;
}

describe('<lapor-my-reports> on a return visit', () => {
  useFakeGateway((fresh) => (gw = fresh));

  it('asks the gateway on open: a status changed while away is a badge before anything is opened', async () => {
    await keepOld();
    // Meanwhile, on the gateway: verified.
    gw.add(buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'verified', updatedAt: at(HOUR) }), CODE);
    const el = await mount();
    await until(() => expect(text(q(el, `[data-id="${TRACKING_A}"] .status`))).to.equal('Terverifikasi'), 5000);
    expect(q(el, `[data-id="${TRACKING_A}"] .badge`)).to.exist;
    expect(await countUnseen()).to.equal(1);
  });

  it('offline: lists what the device has (no error), and refreshes when the connection returns', async () => {
    await keepOld();
    gw.add(buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'verified', updatedAt: at(HOUR) }), CODE);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    gw.down = true;
    try {
      const el = await mount();
      expect(text(q(el, `[data-id="${TRACKING_A}"] .status`))).to.equal('Belum diverifikasi');
      expect(q(el, '[role="alert"]')).to.equal(null);
      delete (navigator as { onLine?: boolean }).onLine;
      gw.down = false;
      window.dispatchEvent(new Event('online'));
      await until(() => expect(text(q(el, `[data-id="${TRACKING_A}"] .status`))).to.equal('Terverifikasi'), 5000);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('the widget asks on load: its launcher shows the badge without "Laporan saya" being opened', async () => {
    await keepOld();
    gw.add(buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'verified', updatedAt: at(HOUR) }), CODE);
    const widget = await fixture<LaporWidget>(html`<lapor-widget api=${API} site-key=${SITE_KEY} lang="id"></lapor-widget>`);
    await until(() => expect(q(widget, '[part="badge"]')).to.exist, 8000);
    expect(text(q(widget, '[part="launcher"]'))).to.contain('1 laporan Anda ada kabar baru');
    expect(widget.shadowRoot!.querySelector('lapor-my-reports')).to.equal(null);
  });

  it('shows the access code only after a deliberate tap on "Tampilkan kode akses"', async () => {
    await keepOld();
    gw.add(buildReport({ trackingId: TRACKING_A, status: 'submitted', updatedAt: at(0) }), CODE);
    const el = await mount();
    const item = q(el, `[data-id="${TRACKING_A}"]`)!;
    expect(item.textContent).to.not.contain('7KQ4M');
    const button = item.querySelector<HTMLButtonElement>('[part~="show-code"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(text(item.querySelector('[part~="code"]'))).to.equal('7KQ4M-9XDHT');
    await expect(el).to.be.accessible();
  });

  it('a report sent from the outbox shows its code, says truly when it was saved and received, and counts as news until kept', async () => {
    // Queued on the device at 07.30 WIB, received by the gateway at 08.00 WIB (its createdAt).
    await keepOld({ codeSeen: false, queuedAt: '2026-12-07T00:30:00.000Z', report: buildReport({ trackingId: TRACKING_A, status: 'submitted', createdAt: '2026-12-07T01:00:00.000Z', updatedAt: at(0) }) });
    gw.add(buildReport({ trackingId: TRACKING_A, status: 'submitted', updatedAt: at(0) }), CODE);
    expect(await countUnseen()).to.equal(1);
    const el = await mount();
    const item = q(el, `[data-id="${TRACKING_A}"]`)!;
    const note = text(item.querySelector('[part~="code-note"]'));
    // Never a guess about who was looking ("terkirim saat Anda tidak membuka halaman"): the two times it knows.
    expect(note).to.not.contain('tidak membuka halaman');
    expect(note).to.match(/^Tersimpan di perangkat ini 7 Des 2026,? 07\.30 WIB karena belum ada koneksi, lalu diterima petugas 7 Des 2026,? 08\.00 WIB; batas waktunya dihitung sejak itu\./);
    expect(text(item.querySelector('[part~="code"]'))).to.equal('7KQ4M-9XDHT');
    expect(el.unseenCount).to.equal(1);
    // Both buttons are real targets (not 145×19 unstyled text): at least 44 px high.
    for (const b of item.querySelectorAll('.code-row button')) expect(b.getBoundingClientRect().height).to.be.at.least(44);
    [...item.querySelectorAll('button')].find((b) => b.textContent!.includes('Sudah saya simpan'))!.click();
    await until(async () => expect((await getSaved(TRACKING_A))!.codeSeen).to.equal(true));
    await until(() => expect(el.unseenCount).to.equal(0));
    // Focus is not dropped to <body>: it lands on "Tampilkan kode akses", which now holds the code.
    await until(() => expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.contain('show-code'));
  });
});
