/**
 * `<lapor-report-status>` validates the lookup and the follow-ups with the contract's zod
 * schemas, which arrive in a chunk of their own (report-status/load-validation.ts) so
 * that `lapor-widget/define` does not pay for zod up front. When that download fails
 * (a lost chunk on a bad connection) the citizen is told there is no connection, nothing
 * is sent unvalidated, what was typed stays, and the next try fetches it again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import { setValidationImportForTests } from '../../src/components/report-status/load-validation.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const lost = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

let gw: FakeGateway;

describe('<lapor-report-status> validation layer loaded on demand', () => {
  useFakeGateway((fresh) => (gw = fresh));
  afterEach(() => setValidationImportForTests());

  it('lookup: a failed download says "no connection", sends nothing, keeps the input; the next try works', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    setValidationImportForTests(lost);
    const el = await fixture<LaporReportStatus>(html`<lapor-report-status api=${API} site-key=${SITE_KEY} live="false"></lapor-report-status>`);
    const type = (id: string, value: string) => {
      const input = q<HTMLInputElement>(el, `#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('trackingId', TRACKING_A);
    type('accessToken', TOKEN_A);
    q<HTMLButtonElement>(el, 'form button')!.click();
    await until(() => expect(q(el, '[part~="not-found"]')).to.exist);
    expect(text(q(el, '[part~="not-found"]'))).to.equal('Tidak dapat terhubung. Periksa koneksi internet Anda.');
    expect(q(el, '[part~="not-found"]')!.getAttribute('role')).to.equal('alert');
    expect(gw.counts.get, 'nothing sent without validation').to.equal(0);
    expect(q<HTMLInputElement>(el, '#accessToken')!.value).to.equal(TOKEN_A);
    await expect(el).to.be.accessible();

    setValidationImportForTests();
    q<HTMLButtonElement>(el, 'form button')!.click();
    await until(() => expect(q(el, 'article')).to.exist);
    expect(gw.counts.get).to.equal(1);
  });

  it('reply: a failed download is a "no connection" send failure; the text stays and nothing is sent', async () => {
    gw.add(buildReport({ status: 'responded', replyUntil: new Date(Date.now() + 864e6).toISOString() }), TOKEN_A);
    const el = await fixture<LaporReportStatus>(html`<lapor-report-status
      api=${API}
      site-key=${SITE_KEY}
      tracking-id=${TRACKING_A}
      access-token=${TOKEN_A}
      live="false"
    ></lapor-report-status>`);
    await until(() => expect(q(el, '#reply')).to.exist);
    setValidationImportForTests(lost);
    const area = q<HTMLTextAreaElement>(el, '#reply')!;
    area.value = 'Lubangnya masih ada.';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    q<HTMLButtonElement>(el, '[part~="reply-form"] button')!.click();
    await until(() => expect(q(el, '.send-error')).to.exist);
    expect(text(q(el, '.send-error'))).to.contain('tidak ada koneksi');
    expect(gw.counts.followups).to.equal(0);
    expect(area.value).to.equal('Lubangnya masih ada.');
  });
});
