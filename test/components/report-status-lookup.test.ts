/**
 * `<lapor-report-status>` without a tracking number: the "Lacak laporan" form, keyboard
 * only, validated with the contract, and the public `track()` method.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import { loadLocale } from '../../src/i18n/load.js';
import { saveReport } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

let gw: FakeGateway;

const mount = (lang = 'id') =>
  fixture<LaporReportStatus>(html`<lapor-report-status api=${API} site-key=${SITE_KEY} lang=${lang} live="false"></lapor-report-status>`);

describe('<lapor-report-status> lookup form', () => {
  useFakeGateway((fresh) => (gw = fresh));
  before(() => loadLocale('en'));
  beforeEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
  });

  for (const [lang, heading, tracking, code] of [
    ['id', 'Lacak laporan', 'Nomor pelacakan', 'Kode akses'],
    ['en', 'Track a report', 'Tracking number', 'Access code'],
  ] as const) {
    it(`asks for the tracking number and access code, labelled, in ${lang}`, async () => {
      const el = await mount(lang);
      await until(() => expect(text(q(el, 'h2'))).to.equal(heading));
      expect(text(q(el, 'label[for="trackingId"]'))).to.equal(tracking);
      expect(text(q(el, 'label[for="accessToken"]'))).to.equal(code);
      expect(gw.counts.get, 'nothing is fetched without both').to.equal(0);
      await expect(el).to.be.accessible();
    });
  }

  it('"Lupa kode akses?" is a secondary, link-styled action, not a second primary button; still a real target', async () => {
    const el = await mount();
    const submit = q<HTMLButtonElement>(el, 'form button[type="submit"]')!;
    const forgot = q<HTMLButtonElement>(el, 'button[part="forgot"]')!;
    expect(text(forgot)).to.equal('Lupa kode akses?');
    const f = getComputedStyle(forgot);
    expect(f.backgroundColor, 'no filled background').to.equal('rgba(0, 0, 0, 0)');
    expect(f.textDecorationLine).to.equal('underline');
    expect(f.backgroundColor).to.not.equal(getComputedStyle(submit).backgroundColor);
    expect(forgot.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('names each missing field and focuses the first', async () => {
    const el = await mount();
    q<HTMLButtonElement>(el, 'form button')!.click();
    await until(() => expect(focused(el)?.id).to.equal('trackingId'));
    expect(text(q(el, '#trackingId-error'))).to.equal('Nomor pelacakan wajib diisi.');
    expect(text(q(el, '#accessToken-error'))).to.equal('Kode akses wajib diisi.');
    expect(q(el, '#trackingId')!.getAttribute('aria-describedby')).to.contain('trackingId-error');
    expect(q(el, '#accessToken')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('is usable with the keyboard alone: errors, correction, then the report', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    const el = await mount();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('trackingId');
    // Lower case and stray spaces are forgiven.
    await sendKeys({ type: ' lpr-7k3m-q9xd ' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('accessToken');
    await sendKeys({ type: 'pendek' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(q(el, '#accessToken-error')).to.exist);
    // Says what the format is, not only that it is wrong.
    expect(text(q(el, '#accessToken-error'))).to.equal('Kode akses terdiri dari 10 huruf dan angka, misalnya 7KQ4M-9XDHT.');
    expect(q(el, '#trackingId-error')).to.equal(null);
    expect(focused(el)?.id).to.equal('accessToken');
    expect(gw.counts.get).to.equal(0);

    // Select what was typed and replace it with the right code.
    q<HTMLInputElement>(el, '#accessToken')!.select();
    await sendKeys({ type: TOKEN_A });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(q(el, 'article')).to.exist);
    expect(el.trackingId).to.equal(TRACKING_A);
    expect(text(q(el, '.stepper li[aria-current="step"] .label'))).to.equal('Terverifikasi');
    // The step already passed says what happened, not the status it no longer is.
    expect(text(q(el, '.stepper li.done .label'))).to.equal('Diterima');
  });

  it('accepts the short code as people type it: any case, in groups, with O for 0 and L for 1', async () => {
    gw.add(buildReport({ status: 'verified' }), '7KQ4M9XD01');
    const el = await mount();
    q<HTMLInputElement>(el, '#trackingId')!.focus();
    await sendKeys({ type: TRACKING_A.toLowerCase() });
    q<HTMLInputElement>(el, '#accessToken')!.focus();
    await sendKeys({ type: '7kq4m 9xdOl' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(q(el, 'article')).to.exist);
    expect(el.accessToken).to.equal('7KQ4M9XD01');
  });

  it('rejects a tracking number that cannot exist (0/O, 1/I are not used)', async () => {
    const el = await mount('en');
    await until(() => expect(q(el, '#trackingId')).to.exist);
    q<HTMLInputElement>(el, '#trackingId')!.focus();
    await sendKeys({ type: 'LPR-0O1I-AAAA' });
    q<HTMLInputElement>(el, '#accessToken')!.focus();
    await sendKeys({ type: TOKEN_A });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(q(el, '#trackingId-error')).to.exist);
    expect(text(q(el, '#trackingId-error'))).to.equal('The tracking number has 8 letters and digits after LPR, never 0, O, 1 or I, for example LPR 7K3M Q9XD.');
  });

  // Issue 24: "lpr nmy4 63jy", "lprnmy463jy" and "NMY4-63JY" were refused; the access code was already forgiving.
  for (const typed of ['lpr 7k3m q9xd', 'lpr7k3mq9xd', '7K3M-Q9XD', ' LPR–7K3M Q9XD ', 'lpr.7k3m.q9xd']) {
    it(`accepts the tracking number as people type it: "${typed}"`, async () => {
      gw.add(buildReport({ status: 'verified' }), TOKEN_A);
      const el = await mount();
      q<HTMLInputElement>(el, '#trackingId')!.focus();
      await sendKeys({ type: typed });
      q<HTMLInputElement>(el, '#accessToken')!.focus();
      await sendKeys({ type: TOKEN_A });
      await sendKeys({ press: 'Enter' });
      await until(() => expect(q(el, 'article')).to.exist);
      expect(el.trackingId).to.equal(TRACKING_A);
      expect(gw.counts.get).to.be.greaterThan(0);
    });
  }

  it('track() shows a report and resolves once it is loaded', async () => {
    gw.add(buildReport({ status: 'completed' }), TOKEN_A);
    const el = await mount();
    await el.track(TRACKING_A.toLowerCase(), TOKEN_A);
    expect(q(el, 'article')).to.exist;
    expect(el.report?.status).to.equal('completed');
    expect(el.getAttribute('tracking-id'), 'properties, not attributes, are set').to.equal(null);
  });

  it('track() without a code uses the one saved on this device', async () => {
    const report = gw.add(buildReport({ status: 'forwarded' }), TOKEN_A);
    await saveReport({ trackingId: TRACKING_A, accessToken: TOKEN_A, api: API, title: report.title, classification: 'complaint', status: 'forwarded', savedAt: report.createdAt, report });
    const el = await mount();
    await el.track(TRACKING_A);
    expect(q(el, 'article')).to.exist;
    expect(el.accessToken).to.equal(TOKEN_A);
  });

  it('track() without a code and nothing saved asks for the code, tracking number filled in', async () => {
    const el = await mount();
    await el.track(TRACKING_A);
    expect(q<HTMLInputElement>(el, '#trackingId')!.value).to.equal(TRACKING_A);
    expect(focused(el)?.id).to.equal('accessToken');
    expect(gw.counts.get).to.equal(0);
  });

  it('track() with a wrong code shows the not-found message and the form again', async () => {
    gw.add(buildReport(), TOKEN_A);
    const el = await mount();
    await el.track(TRACKING_A, 'x'.repeat(32));
    expect(text(q(el, '[part="not-found"]'))).to.equal('Laporan tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.');
    expect(q(el, 'form')).to.exist;
  });
});
