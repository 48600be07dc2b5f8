/**
 * "Lupa kode akses?" in the lookup view of <lapor-report-status> (issue 16): the tracking
 * number above plus the phone or email given with the report; the gateway's neutral
 * answer is shown as a status, its errors (429) in the field.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import { loadLocale } from '../../src/i18n/load.js';
import { worker } from '../helpers/msw.js';
import { API, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TRACKING_A } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<lapor-report-status> "Lupa kode akses?"', () => {
  useFakeGateway(() => undefined);
  before(() => loadLocale('en'));

  const mount = (lang = 'id') =>
    fixture<LaporReportStatus>(html`<lapor-report-status api=${API} site-key=${SITE_KEY} lang=${lang} live="false"></lapor-report-status>`);
  const typeIn = async (el: LaporReportStatus, sel: string, value: string) => {
    const input = q<HTMLInputElement>(el, sel)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
  };

  it('asks for the contact, sends it with the tracking number, and says the neutral answer', async () => {
    const posts: { path: string; body: unknown }[] = [];
    worker.use(
      http.post(`${API}/v1/reports/:id/access-code`, async ({ request }) => {
        posts.push({ path: new URL(request.url).pathname, body: await request.json() });
        return HttpResponse.json({ message: 'ok' }, { status: 202 });
      }),
    );
    const el = await mount();
    await until(() => expect(q(el, '[part~="forgot"]')).to.exist);
    expect(text(q(el, '[part~="forgot"]'))).to.equal('Lupa kode akses?');
    q<HTMLButtonElement>(el, '[part~="forgot"]')!.click();
    // The form and its strings load on this click; then the contact field has focus.
    await until(() => expect(el.shadowRoot!.activeElement?.id).to.equal('contact'));
    // Nothing typed: both missing things are named, nothing is sent.
    q<HTMLButtonElement>(el, '[part~="forgot-form"] button')!.click();
    await until(() => expect(text(q(el, '#contact-error'))).to.equal('Isi nomor HP atau email yang Anda berikan saat melapor.'));
    expect(text(q(el, '#trackingId-error'))).to.equal('Nomor pelacakan wajib diisi.');
    expect(posts).to.have.length(0);
    await typeIn(el, '#trackingId', TRACKING_A.toLowerCase());
    await typeIn(el, '#contact', ' 081234567890 ');
    q<HTMLButtonElement>(el, '[part~="forgot-form"] button')!.click();
    await until(() => expect(text(q(el, '[part~="forgot-form"] [role="status"]'))).to.contain('kode akses baru sudah dikirim'));
    expect(posts).to.deep.equal([{ path: `/v1/reports/${TRACKING_A}/access-code`, body: { contact: '081234567890' } }]);
    await expect(el).to.be.accessible();
  });

  it('shows a refusal (429) in English at the field', async () => {
    worker.use(
      http.post(`${API}/v1/reports/:id/access-code`, () =>
        HttpResponse.json({ error: { code: 'rate_limited', message: 'x', requestId: 'r' } }, { status: 429, headers: { 'Retry-After': '600' } }),
      ),
    );
    const el = await mount('en');
    await until(() => expect(q(el, '[part~="forgot"]')).to.exist);
    expect(text(q(el, '[part~="forgot"]'))).to.equal('Forgot the access code?');
    q<HTMLButtonElement>(el, '[part~="forgot"]')!.click();
    // The form and its strings load on this click; then the contact field has focus.
    await until(() => expect(el.shadowRoot!.activeElement?.id).to.equal('contact'));
    await typeIn(el, '#trackingId', TRACKING_A);
    await typeIn(el, '#contact', 'warga@example.id');
    q<HTMLButtonElement>(el, '[part~="forgot-form"] button')!.click();
    await until(() => expect(text(q(el, '#contact-error'))).to.match(/Too many requests/), 5000);
    expect(q(el, '#contact')!.getAttribute('aria-invalid')).to.equal('true');
  });
});
