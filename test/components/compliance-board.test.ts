/**
 * `<lapor-compliance-board>` (issue 28) in real Chromium, the network mocked by msw: the
 * period it asks for (by the gateway's clock), a real sortable table (aria-sort, buttons
 * in the headers, keyboard), the chart hidden from assistive tech, axe clean in every
 * state, Indonesian and English, printable, themeable.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/compliance-board/compliance-board.js';
import type { LaporComplianceBoard } from '../../src/components/compliance-board/compliance-board.component.js';
import { resolvePeriod } from '../../src/components/compliance-board/period.js';
import { resetClients } from '../../src/components/shared/client-registry.js';
import { DATA } from '../fixtures/compliance-fixture.js';
import { loadLocale } from '../../src/i18n/load.js';
import { useMsw, worker } from '../helpers/msw.js';

const API = 'https://gateway.test';
const HOUR = 3_600_000;

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const qa = (el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element, table = 'units') => qa(el, `table[data-table=${table}] tbody tr`).map((tr) => tr.dataset['id']);

let requests: URL[] = [];
let siteKeys: (string | null)[] = [];
const serve = (answer: (url: URL) => Response | Promise<Response> = () => HttpResponse.json(DATA)) =>
  worker.use(
    http.get(`${API}/v1/public/compliance`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      siteKeys.push(request.headers.get('x-lapor-site-key'));
      return answer(url);
    }),
  );

async function board(attrs: { period?: string; lang?: string; institution?: string } = {}): Promise<LaporComplianceBoard> {
  const el = await fixture<LaporComplianceBoard>(html`<lapor-compliance-board
    api=${API}
    site-key="demo-opd"
    period=${attrs.period ?? '2025-12'}
    lang=${attrs.lang ?? 'id'}
    institution=${attrs.institution ?? ''}
  ></lapor-compliance-board>`);
  await el.ready;
  await el.updateComplete;
  return el;
}

describe('<lapor-compliance-board>', () => {
  useMsw();
  before(() => loadLocale('en'));
  beforeEach(() => {
    requests = [];
    siteKeys = [];
    resetClients();
  });
  afterEach(async () => {
    fixtureCleanup();
    await emulateMedia({ media: 'screen' });
  });

  it('asks for the whole month with the site key, and shows it as a real table in rank order', async () => {
    serve();
    const el = await board();
    expect(requests.map((u) => u.search)).to.deep.equal(['?from=2025-12-01&to=2025-12-31']);
    expect(siteKeys).to.deep.equal(['demo-opd']);
    const table = q(el, 'table[data-table=units]');
    expect(text(table.querySelector('caption'))).to.equal('Kinerja per instansi, 1 Des 2025 sampai 31 Des 2025');
    expect(qa(el, 'table[data-table=units] thead th').map((th) => [th.getAttribute('scope'), th.getAttribute('aria-sort'), text(th)])).to.deep.equal([
      ['col', 'ascending', 'Peringkat▲'],
      ['col', 'none', 'Instansi↕'],
      ['col', 'none', 'Pengaduan diterima↕'],
      ['col', 'none', 'Tepat waktu↕'],
      ['col', 'none', 'Median waktu sampai ditangani↕'],
      ['col', 'none', 'Terlambat saat ini↕'],
    ]);
    // Ranked first, best first; the unranked unit (1 report) last, shown with its figures.
    expect(rows(el)).to.deep.equal(['opd-dinkes', 'kec-genteng', 'pkm-sobo', 'kec-giri']);
    const cells = (id: string) => [...q(el, `tr[data-id="${id}"]`).children].map((c) => text(c));
    expect(cells('kec-genteng')).to.deep.equal(['2', 'Kecamatan Genteng batas 2 jam', '12', '73% (8 dari 11)', '1 jam 30 menit', '2']);
    expect(cells('opd-dinkes')[1]).to.equal('Dinas Kesehatan batas 4 jam layanan, Senin–Jumat 07.30–15.30 WIB');
    expect(cells('kec-giri')).to.deep.equal(['Tidak diperingkat', 'Kecamatan Giri batas 2 jam', '1', '100% (1 dari 1)', '1 menit', '0']);
    expect(q(el, 'tr[data-id="kec-genteng"] th').getAttribute('scope')).to.equal('row');
    // Groups: a kecamatan with its villages, the puskesmas under their agency.
    expect(rows(el, 'groups')).to.deep.equal(['kecamatan:kec-genteng', 'puskesmas:opd-dinkes']);
    expect(text(q(el, 'tr[data-id="puskesmas:opd-dinkes"] th'))).to.equal('Puskesmas di bawah Dinas Kesehatan 1 unit');
    expect(text(q(el, '[part~=note]'))).to.contain('sedikitnya 5 pengaduan');
    expect(text(q(el, '[part=period]'))).to.contain('Periode: 1 Des 2025 sampai 31 Des 2025');
  });

  it('sorts by any column with the header buttons, by keyboard too, and says how it is ordered', async () => {
    serve();
    const el = await board();
    const header = (column: string) => q(el, `table[data-table=units] [data-column=${column}]`);
    header('received').click();
    await el.updateComplete;
    expect(header('received').closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    expect(header('rank').closest('th')!.getAttribute('aria-sort')).to.equal('none');
    expect(rows(el)).to.deep.equal(['kec-genteng', 'opd-dinkes', 'pkm-sobo', 'kec-giri']);
    expect(text(q(el, '[role=status][aria-live=polite]'))).to.equal('Tabel diurutkan menurut Pengaduan diterima, dari besar ke kecil.');

    // Keyboard: the header is a button; Enter sorts, Space flips.
    header('median').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['kec-giri', 'opd-dinkes', 'kec-genteng', 'pkm-sobo']);
    expect(header('median').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['pkm-sobo', 'kec-genteng', 'opd-dinkes', 'kec-giri']);
    expect(header('median').closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    // Names A–Z; the other table keeps its own order.
    header('name').click();
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['opd-dinkes', 'kec-genteng', 'kec-giri', 'pkm-sobo']);
    expect(rows(el, 'groups')).to.deep.equal(['kecamatan:kec-genteng', 'puskesmas:opd-dinkes']);
  });

  it('draws "on time" as bars hidden from assistive tech, in the table\'s order', async () => {
    serve();
    const el = await board();
    const chart = q(el, 'figure[part=chart]');
    expect(chart.querySelector('ul')!.getAttribute('aria-hidden')).to.equal('true');
    expect([...chart.querySelectorAll('li')].map((li) => [text(li.querySelector('.bar-name')), li.className, text(li.querySelector('.bar-value'))])).to.deep.equal([
      ['Dinas Kesehatan', 'good', '100%'],
      ['Kecamatan Genteng', 'fair', '73%'],
      ['Puskesmas Sobo', 'poor', '40%'],
      ['Kecamatan Giri', 'good', '100%'],
    ]);
    expect(chart.querySelector('rect.fill')!.getAttribute('width')).to.equal('100');
  });

  it('is axe clean: loaded, loading, failed, empty', async () => {
    serve();
    await expect(await board()).to.be.accessible();
    fixtureCleanup();
    resetClients();
    let release: (() => void) | undefined;
    requests = [];
    serve(() => new Promise((r) => (release = () => r(HttpResponse.json(DATA)))));
    const loading = await fixture<LaporComplianceBoard>(html`<lapor-compliance-board api=${API} site-key="demo-opd" period="2025-12"></lapor-compliance-board>`);
    await loading.updateComplete;
    await new Promise<void>((r) => {
      const wait = () => (requests.length && release ? r() : setTimeout(wait, 10));
      wait();
    });
    expect(text(q(loading, '[role=status]'))).to.equal('Memuat angka kinerja…');
    await expect(loading).to.be.accessible();
    release!();
    await loading.ready;
    fixtureCleanup();
    resetClients();
    serve(() => HttpResponse.json({ ...DATA, units: [], groups: [] }));
    const empty = await board();
    expect(text(q(empty, '.empty'))).to.equal('Belum ada pengaduan pada periode ini.');
    await expect(empty).to.be.accessible();
  });

  it('a failure says so and offers to try again', async () => {
    let fail = true;
    serve(() => (fail ? HttpResponse.json({ error: { code: 'internal', message: 'Terjadi kesalahan di server.' } }, { status: 500 }) : HttpResponse.json(DATA)));
    const el = await fixture<LaporComplianceBoard>(html`<lapor-compliance-board api=${API} site-key="demo-opd" period="2025-12"></lapor-compliance-board>`);
    await el.ready;
    await el.updateComplete;
    const alert = q(el, '[role=alert]');
    expect(text(alert)).to.contain('Angka kinerja tidak dapat dimuat.');
    await expect(el).to.be.accessible();
    fail = false;
    (q(el, '[part=button]') as HTMLButtonElement).click();
    await el.updateComplete;
    await el.ready;
    await el.updateComplete;
    expect(rows(el)).to.have.length(4);
  });

  it('English, complete', async () => {
    serve();
    const el = await board({ lang: 'en' });
    expect(text(q(el, '[part=heading]'))).to.equal('Complaint handling performance');
    expect(text(q(el, 'table[data-table=units] caption'))).to.equal('Performance by agency, 1 Dec 2025 to 31 Dec 2025');
    expect(text(q(el, 'tr[data-id="kec-giri"] td'))).to.equal('Not ranked');
    expect(text(q(el, 'tr[data-id="opd-dinkes"] th'))).to.equal('Dinas Kesehatan 4 service hour limit, Monday–Friday 07:30–15:30 WIB');
    expect(text(q(el, 'tr[data-id="kec-genteng"] td:nth-of-type(3)'))).to.equal('73% (8 of 11)');
  });

  it('a rolling period is counted in the gateway\'s days: a wrong device clock is corrected', async () => {
    // The first answer says the gateway is 3 days ahead of this device: the board asks again.
    const ahead = Date.now() + 3 * 24 * HOUR;
    serve(() => HttpResponse.json({ ...DATA, serverTime: new Date(ahead).toISOString() }));
    const el = await board({ period: '7d' });
    await new Promise((r) => setTimeout(r, 50));
    await el.ready;
    const device = resolvePeriod('7d', Date.now(), 'Asia/Jakarta');
    const gateway = resolvePeriod('7d', ahead, 'Asia/Jakarta');
    expect(requests.map((u) => [u.searchParams.get('from'), u.searchParams.get('to')])).to.deep.equal([
      [device.from, device.to],
      [gateway.from, gateway.to],
    ]);
  });

  it('one institution: asks for it', async () => {
    serve(() => HttpResponse.json({ ...DATA, units: [DATA.units[0]!], groups: [DATA.groups[0]!] }));
    const el = await board({ institution: 'kec-genteng' });
    expect(requests[0]!.searchParams.get('institution')).to.equal('kec-genteng');
    expect(rows(el)).to.deep.equal(['kec-genteng']);
  });

  it('prints: no sort arrows or hints, every row, black on white', async () => {
    serve();
    const el = await board();
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(q(el, '.arrow')).display).to.equal('none');
    expect(getComputedStyle(q(el, '.hint')).display).to.equal('none');
    expect(getComputedStyle(q(el, '.scroll')).overflowX).to.equal('visible');
    expect(getComputedStyle(q(el, 'caption')).color).to.equal('rgb(0, 0, 0)');
  });

  it('themeable with --lapor-* tokens and ::part()', async () => {
    serve();
    const el = await board();
    el.style.setProperty('--lapor-color-danger', 'rgb(200, 0, 100)');
    expect(getComputedStyle(q(el, 'td.late')).color).to.equal('rgb(200, 0, 100)');
    for (const part of ['heading', 'period', 'table', 'sort-button', 'unranked', 'chart', 'bar', 'note']) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
    }
  });
});
