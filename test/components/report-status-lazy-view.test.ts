/**
 * `<lapor-report-status>`'s report view (report-status/report-view.ts: stepper, clocks,
 * responses, reply and rating) arrives in a chunk of its own, requested beside the
 * request for the report, so `lapor-widget/define` does not carry it up front (issue 27).
 * A lost download must not leave a blank or a spinner forever: the citizen is told there
 * is no connection, the retry fetches it again, and the report shows.
 */
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/report-status/report-status.js';
import { reportViewModule, type LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const lost = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

/** reportStatus.loadFailed.network in Indonesian (the element's default language). */
const NO_CONNECTION = 'Status terbaru belum dapat dimuat. Periksa koneksi internet Anda.';

/** The element following report A, as the widget's status tab or a page with its codes would. */
const following = () =>
  html`<lapor-report-status api=${API} site-key=${SITE_KEY} tracking-id=${TRACKING_A} access-token=${TOKEN_A} live="false"></lapor-report-status>`;

let gw: FakeGateway;

describe('<lapor-report-status> report view loaded with the report', () => {
  useFakeGateway((fresh) => (gw = fresh));
  afterEach(() => reportViewModule.setImportForTests());

  it('the lookup does not wait for the view; it is fetched after the first render, for a saved report offline', async () => {
    let asked = 0;
    reportViewModule.setImportForTests(() => (asked++, new Promise<never>(() => {})));
    const el = await fixture<LaporReportStatus>(html`<lapor-report-status api=${API} site-key=${SITE_KEY}></lapor-report-status>`);
    expect(q(el, '[part~="lookup-form"]'), 'on screen while the view is still on its way').to.exist;
    expect(asked, 'fetched once the lookup is on screen').to.equal(1);
    expect(q(el, '[part~="error"]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('updateComplete waits for the view: the report is on screen when it resolves', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    reportViewModule.setImportForTests(() => held.then(() => import('../../src/components/report-status/report-view.js')));
    const el = fixtureSync<LaporReportStatus>(following());
    await until(() => expect(el.report).to.exist);
    expect(text(q(el, '[part~="loading"]')), 'the report is in, its view is not: still "loading"').to.equal('Memuat…');
    setTimeout(release, 50);
    await el.updateComplete;
    expect(q(el, 'article[part~="report"]')).to.exist;
    expect(customElements.get('lapor-sla-countdown'), 'the countdown registers with the view').to.exist;
  });

  it('a lost download says "no connection"; its retry fetches the view again and the report shows', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    reportViewModule.setImportForTests(lost);
    const el = await fixture<LaporReportStatus>(following());
    await until(() => expect(q(el, '[part~="error"]')).to.exist);
    expect(text(q(el, '[part~="error"] p'))).to.equal(NO_CONNECTION);
    expect(q(el, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();

    reportViewModule.setImportForTests();
    const gets = gw.counts.get;
    q<HTMLButtonElement>(el, '[part~="error"] button')!.focus();
    q<HTMLButtonElement>(el, '[part~="error"] button')!.click();
    await until(() => expect(q(el, 'article[part~="report"]')).to.exist);
    expect(gw.counts.get, 'the report was in: only the view was fetched again').to.equal(gets);
    expect(q(el, '[part~="error"]')).to.not.exist;
    await until(() => expect(el.shadowRoot!.activeElement?.id, 'focus on the report, not <body>').to.equal('title'));
  });

  it('back online, a lost view is fetched again by itself', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    reportViewModule.setImportForTests(lost);
    const el = await fixture<LaporReportStatus>(following());
    await until(() => expect(q(el, '[part~="error"]')).to.exist);
    reportViewModule.setImportForTests();
    window.dispatchEvent(new Event('online'));
    await until(() => expect(q(el, 'article[part~="report"]')).to.exist);
    expect(q(el, '[part~="error"]')).to.not.exist;
  });
});
