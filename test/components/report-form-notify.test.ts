/**
 * "Kirim pembaruan ke WhatsApp/email saya" (issue 16), in plain sight whenever the gateway
 * sends updates (issue 24: it hid inside a collapsed "(opsional)"): a box per channel the
 * gateway offers, never ticked for the citizen, the number or address right under a
 * ticked box; ticked, it sends `notify`, and with Anonim the consented channel's contact
 * is the one thing sent (never the name). A gateway that sends nothing offers nothing.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { worker } from '../helpers/msw.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, config, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, fillValid, mountForm, settle, submitButton, type } from './report-form-helpers.js';

describe('<lapor-report-form> asks before sending updates', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh));

  it('shows each channel the gateway offers without opening anything, unticked; unticked sends no notify', async () => {
    const el = await mountForm();
    await fillValid(el);
    const updates = $(el, 'fieldset.updates')!;
    expect(updates, 'not inside the collapsed contact section').to.exist;
    expect(updates.closest('details')).to.equal(null);
    const wa = $<HTMLInputElement>(el, '#f-notify-whatsapp')!;
    expect(wa.checked).to.equal(false);
    expect($(el, 'label[for="f-notify-whatsapp"]')!.textContent).to.equal('Kirim pembaruan ke WhatsApp saya');
    expect($<HTMLInputElement>(el, '#f-notify-email')!.checked).to.equal(false);
    await expect(el).to.be.accessible();
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.reportPosts[0]!.body).to.not.have.property('notify');
  });

  it('a ticked channel reveals its number right under it; left empty, the form asks for it before sending', async () => {
    const el = await mountForm();
    await fillValid(el);
    expect($(el, 'fieldset.updates #f-reporter-phone')).to.equal(null);
    $<HTMLInputElement>(el, '#f-notify-whatsapp')!.click();
    await el.updateComplete;
    const phone = $<HTMLInputElement>(el, 'fieldset.updates .reveal #f-reporter-phone')!;
    expect(phone, 'the number right under its box').to.exist;
    expect($(el, 'details.contact #f-reporter-phone'), 'asked once').to.equal(null);
    submitButton(el).click();
    await settle(el);
    expect(gw.reportPosts).to.have.length(0);
    expect($(el, '#e-f-reporter-phone')!.textContent).to.equal('Nomor HP wajib diisi.');
    await type(el, '#f-reporter-phone', '081234567890');
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.reportPosts[0]!.body.notify).to.deep.equal(['whatsapp']);
    expect(gw.reportPosts[0]!.body.reporter).to.deep.equal({ phone: '081234567890' });
    // The confirmation says where news will go.
    await settle(el);
    expect($(el, '.next-steps')!.textContent).to.contain('Kami akan mengirim kabar perkembangan laporan ke WhatsApp 081234567890.');
  });

  it("with Anonim ticked, sends only the consented channel's contact and notify", async () => {
    const el = await mountForm();
    await fillValid(el);
    $<HTMLDetailsElement>(el, 'details.contact')!.open = true;
    await type(el, '#f-reporter-name', 'Siti Aminah');
    await type(el, '#f-reporter-phone', '081234567890');
    $<HTMLInputElement>(el, '#f-notify-email')!.click();
    await el.updateComplete;
    await type(el, '#f-reporter-email', 'siti@example.id');
    $<HTMLInputElement>(el, '#f-anonymous')!.click();
    await el.updateComplete;
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    const body = gw.reportPosts[0]!.body;
    expect(body.anonymous).to.equal(true);
    expect(body.notify).to.deep.equal(['email']);
    expect(body.reporter).to.deep.equal({ email: 'siti@example.id' });
  });

  it('a gateway that sends no updates offers none: name and contact stay in the collapsed part', async () => {
    worker.use(http.get(`${API}/v1/config`, () => HttpResponse.json({ ...config, notify: [] })));
    const el = await mountForm();
    expect($(el, 'fieldset.updates')).to.equal(null);
    expect($(el, '#f-notify-whatsapp')).to.equal(null);
    expect($(el, 'details.contact summary')!.textContent).to.equal('Kontak Anda (opsional)');
    expect($(el, 'details.contact #f-reporter-phone')).to.exist;
  });
});
