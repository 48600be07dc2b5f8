/**
 * A host page's own words (issue 25: `registerCatalog` was not exported and no element had
 * a slot):
 *  - registerTranslation({ $code, …keys }) as Shoelace / Web Awesome: overrides our
 *    strings in a connected form at once, survives our own strings arriving later (a lazily
 *    loaded section, English), accepts `en-US`, plural forms, and adds a language of the
 *    host's own that falls back to Indonesian for what it leaves out;
 *  - named slots: the form's `intro`, `privacy` (above the send button) and `after-submit`
 *    (on the success and queued screens), the widget's `header`, and the widget passing
 *    `intro`/`privacy`/`after-submit` on to the form in its dialog.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/widget/widget.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import { msg, registerCatalog, registerTranslation } from '../../src/i18n/catalog.js';
import { normalizeLang } from '../../src/i18n/lang.js';
import { loadLocale } from '../../src/i18n/load.js';
import { until } from '../fixtures/fake-gateway.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { $, fillValid, mountForm, setOnline, submitButton } from './report-form-helpers.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** What a slot shows: the elements assigned to it, through forwarding slots too. */
const shown = (slot: HTMLSlotElement | null) => (slot?.assignedElements({ flatten: true }) ?? []).map((el) => text(el));

describe('registerTranslation: the host page changes our words', () => {
  useReportFormFixture(() => undefined, { restoreOnline: true });

  it("overrides a string of a connected form at once (the page's own word for 'send')", async () => {
    const el = await mountForm();
    expect(text(submitButton(el))).to.equal('Kirim laporan');
    registerTranslation({ $code: 'id', 'form.submit': 'Kirim aduan ke Dinas' });
    await el.updateComplete;
    expect(text(submitButton(el))).to.equal('Kirim aduan ke Dinas');
  });

  it('keeps winning over our strings that arrive later (a lazy section, English)', async () => {
    registerTranslation({ $code: 'en', 'form.heading': 'Tell the regency' }, { $code: 'en-US', 'field.title': 'Subject' });
    registerCatalog('id', { 'form.heading': 'Sampaikan laporan' });
    await loadLocale('en');
    expect(msg('en', 'form.heading')).to.equal('Tell the regency');
    expect(msg('en', 'field.title')).to.equal('Subject');
    expect(msg('en', 'form.submit')).to.equal('Send report', 'keys left out keep ours');
    const el = await mountForm({ lang: 'en' });
    expect(text($(el, 'label[for="f-title"]'))).to.contain('Subject');
  });

  it('plural forms, chosen by the language', () => {
    registerTranslation({ $code: 'en', 'duration.days': { one: 'one whole day', other: '{n} whole days' } });
    expect(msg('en', 'duration.days', { n: 1 })).to.equal('one whole day');
    expect(msg('en', 'duration.days', { n: 3 })).to.equal('3 whole days');
  });

  it("adds a language of the host's own, Indonesian where it says nothing", async () => {
    expect(normalizeLang('jv')).to.equal('id', 'unknown before it is registered');
    registerTranslation({ $code: 'jv', 'form.submit': 'Kirim laporan panjenengan' });
    expect(normalizeLang('jv-ID')).to.equal('jv');
    const el = await mountForm({ lang: 'jv' });
    expect(text(submitButton(el))).to.equal('Kirim laporan panjenengan');
    expect(text($(el, 'label[for="f-title"]'))).to.contain('Judul laporan');
  });

  it('ignores a translation without a language code', () => {
    registerTranslation({ $code: '  ', 'form.submit': 'nothing' });
    expect(msg('id', 'form.submit')).to.not.equal('nothing');
  });
});

describe('slots: the host page adds its own words', () => {
  useReportFormFixture(() => undefined, { restoreOnline: true });

  it('the form: intro above the fields, privacy above the send button', async () => {
    const el = await mountForm();
    el.innerHTML = '<p slot="intro">Laporan ke Dinas Kesehatan dijawab dalam 4 jam kerja.</p><p slot="privacy">Data Anda hanya dipakai untuk menangani laporan ini.</p>';
    await el.updateComplete;
    const intro = $<HTMLSlotElement>(el, 'form slot[name="intro"]');
    const privacy = $<HTMLSlotElement>(el, 'form slot[name="privacy"]');
    expect(shown(intro)).to.deep.equal(['Laporan ke Dinas Kesehatan dijawab dalam 4 jam kerja.']);
    expect(shown(privacy)).to.deep.equal(['Data Anda hanya dipakai untuk menangani laporan ini.']);
    // In that order on the page: intro before the first field, privacy right before "send".
    const form = $(el, 'form')!;
    expect(form.firstElementChild).to.equal(intro);
    expect(privacy!.nextElementSibling).to.equal(submitButton(el));
    expect(el.querySelector('[slot="intro"]')!.getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('the form: after-submit on the success screen, and on the queued one', async () => {
    const el = await mountForm();
    el.innerHTML = '<p slot="after-submit">Butuh bantuan? Telepon 112.</p>';
    await fillValid(el);
    submitButton(el).click();
    await until(() => expect($(el, '[part~="success"]')).to.exist);
    expect(shown($(el, '[part~="success"] slot[name="after-submit"]'))).to.deep.equal(['Butuh bantuan? Telepon 112.']);

    const queued = await mountForm();
    queued.innerHTML = '<p slot="after-submit">Kami kirim begitu tersambung.</p>';
    setOnline(false);
    await fillValid(queued);
    submitButton(queued).click();
    await until(() => expect($(queued, '[part~="queued"]')).to.exist);
    expect(shown($(queued, '[part~="queued"] slot[name="after-submit"]'))).to.deep.equal(['Kami kirim begitu tersambung.']);
  });

  it("the widget: header under its title, and the form's slots passed on into its dialog", async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id">
      <span slot="header">Dinas Kesehatan Kabupaten Banyuwangi</span>
      <p slot="intro">Tulis keluhan layanan puskesmas di sini.</p>
      <p slot="privacy">Kami menjaga data Anda.</p>
    </lapor-widget>`);
    el.show();
    await el.updateComplete;
    expect(shown(el.shadowRoot!.querySelector('.header slot[name="header"]'))).to.deep.equal(['Dinas Kesehatan Kabupaten Banyuwangi']);
    const form = el.shadowRoot!.querySelector('lapor-report-form')!;
    await until(() => expect(form.shadowRoot?.querySelector('form slot[name="intro"]')).to.exist);
    expect(shown(form.shadowRoot!.querySelector('slot[name="intro"]'))).to.deep.equal(['Tulis keluhan layanan puskesmas di sini.']);
    expect(shown(form.shadowRoot!.querySelector('slot[name="privacy"]'))).to.deep.equal(['Kami menjaga data Anda.']);
    // The dialog is still labelled by our title alone.
    expect(text(el.shadowRoot!.getElementById(el.shadowRoot!.querySelector('dialog')!.getAttribute('aria-labelledby')!))).to.equal('Layanan Pengaduan LAPOR!');
  });
});
