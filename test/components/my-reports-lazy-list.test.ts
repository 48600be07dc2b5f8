/**
 * `<lapor-my-reports>`'s list (my-reports/report-list.ts) arrives in a chunk of its own,
 * requested when the element connects, beside the read of the device's stores, so that
 * `lapor-widget/define` does not carry it up front (issue 27). A lost download must not
 * hide the citizen's reports for good: it says there is no connection, and its retry
 * fetches the list again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/my-reports/my-reports.js';
import { reportListModule, type LaporMyReports } from '../../src/components/my-reports/my-reports.component.js';
import { saveReport } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const lost = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

let gw: FakeGateway;

describe('<lapor-my-reports> list loaded on connect', () => {
  useFakeGateway((fresh) => (gw = fresh), { outbox: true });
  afterEach(() => reportListModule.setImportForTests());

  it('a lost download says "no connection"; its retry brings the list, nothing on the device is lost', async () => {
    const report = buildReport({ trackingId: TRACKING_A, title: 'Lampu jalan mati di Jalan Ahmad Yani', status: 'submitted' });
    gw.add(report, TOKEN_A);
    await saveReport({
      trackingId: TRACKING_A,
      accessToken: TOKEN_A,
      api: API,
      siteKey: SITE_KEY,
      title: report.title,
      classification: report.classification,
      status: report.status,
      savedAt: report.createdAt,
      report,
    });
    reportListModule.setImportForTests(lost);
    const el = await fixture<LaporMyReports>(html`<lapor-my-reports api=${API} site-key=${SITE_KEY}></lapor-my-reports>`);
    await until(() => expect(q(el, '[role="alert"]')).to.exist);
    expect(text(q(el, '[role="alert"] p'))).to.equal('Tidak dapat terhubung. Periksa koneksi internet Anda.');
    expect(q(el, 'li.item')).to.not.exist;
    await expect(el).to.be.accessible();

    reportListModule.setImportForTests();
    q<HTMLButtonElement>(el, '[role="alert"] button')!.focus();
    q<HTMLButtonElement>(el, '[role="alert"] button')!.click();
    await until(() => expect(q(el, `li[data-id="${TRACKING_A}"] h3`)).to.exist);
    expect(text(q(el, `li[data-id="${TRACKING_A}"] h3`))).to.equal('Lampu jalan mati di Jalan Ahmad Yani');
    expect(q(el, '[role="alert"]')).to.not.exist;
    await until(() => expect(el.shadowRoot!.activeElement?.id, 'focus on the heading, not <body>').to.equal('heading'));
  });
});
