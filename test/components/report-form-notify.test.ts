/**
 * "Kirim pembaruan ke WhatsApp/email saya" (issue 16): offered per channel once its
 * contact is typed, never ticked for the citizen; ticked, it sends `notify`, and with
 * Anonim the consented channel's contact is the one thing sent (never the name).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import type { FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, fillValid, mountForm, submitButton, type } from './report-form-helpers.js';

describe('<lapor-report-form> asks before sending updates', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh));

  it('offers each channel once its contact is there, unticked; unticked sends no notify', async () => {
    const el = await mountForm();
    await fillValid(el);
    $<HTMLDetailsElement>(el, 'details.contact')!.open = true;
    await el.updateComplete;
    expect($(el, '#f-notify-whatsapp')).to.equal(null);
    await type(el, '#f-reporter-phone', '081234567890');
    const wa = $<HTMLInputElement>(el, '#f-notify-whatsapp')!;
    expect(wa.checked).to.equal(false);
    expect($(el, 'label[for="f-notify-whatsapp"]')!.textContent).to.equal('Kirim pembaruan ke WhatsApp saya');
    expect($(el, '#f-notify-email')).to.equal(null);
    await expect(el).to.be.accessible();
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.reportPosts[0]!.body).to.not.have.property('notify');
    expect(gw.reportPosts[0]!.body.reporter).to.deep.equal({ phone: '081234567890' });
  });

  it('with Anonim ticked, sends only the consented channel\'s contact and notify', async () => {
    const el = await mountForm();
    await fillValid(el);
    $<HTMLDetailsElement>(el, 'details.contact')!.open = true;
    await type(el, '#f-reporter-name', 'Siti Aminah');
    await type(el, '#f-reporter-phone', '081234567890');
    await type(el, '#f-reporter-email', 'siti@example.id');
    $<HTMLInputElement>(el, '#f-notify-email')!.click();
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
});
