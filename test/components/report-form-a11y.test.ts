/** Accessibility: axe in every state and both languages; keyboard-only completion; the success panel. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { formatAccessCode } from '../../src/contract/access-code.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { worker } from '../helpers/msw.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, $$, VALID, fillValid, mountForm, setOnline, settle, submitButton } from './report-form-helpers.js';

describe('<lapor-report-form> accessibility', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh), { restoreOnline: true });

  for (const lang of ['id', 'en'] as const) {
    describe(`axe (${lang})`, () => {
      it('empty', async () => {
        const el = await mountForm({ lang });
        await expect(el).to.be.accessible();
      });

      it('with errors and the summary', async () => {
        const el = await mountForm({ lang });
        submitButton(el).click();
        await settle(el);
        expect($(el, '[part~="error-summary"]')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('uploading', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        worker.use(
          http.post(`${API}/v1/attachments`, async () => {
            await gate;
            return HttpResponse.json({ id: 'att-1', name: 'surat.pdf', mime: 'application/pdf', bytes: 9 }, { status: 201 });
          }),
        );
        const el = await mountForm({ lang });
        const input = $<HTMLInputElement>(el, '#f-attachmentIds')!;
        const dt = new DataTransfer();
        dt.items.add(new File(['%PDF-1.7\n'], 'surat.pdf', { type: 'application/pdf' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change'));
        await waitUntil(() => !!$(el, 'progress'), 'uploading', { timeout: 3000 });
        await expect(el).to.be.accessible();
        release();
      });

      it('queued', async () => {
        setOnline(false);
        const el = await mountForm({ lang });
        await fillValid(el);
        const queued = oneEvent(el, 'lapor-submit');
        submitButton(el).click();
        await queued;
        await el.updateComplete;
        const said = $(el, '[part~="queued"]')!.textContent!;
        expect(said).to.contain(lang === 'id' ? 'Laporan tersimpan, belum terkirim' : 'Report saved, not sent yet');
        // Plainly: its clock has not started; it goes by itself, also from a page opened later.
        expect(said).to.contain(
          lang === 'id' ? 'Batas waktu penanganan baru mulai dihitung saat laporan diterima petugas.' : 'The deadline for handling it starts only once the officers receive it.',
        );
        expect(said).to.contain(lang === 'id' ? 'membuka lagi halaman mana pun di situs ini' : 'open any page of this site');
        await expect(el).to.be.accessible();
      });

      it('success (the GOV.UK confirmation), light and dark', async () => {
        const el = await mountForm({ lang });
        await fillValid(el);
        const sent = oneEvent(el, 'lapor-submit');
        submitButton(el).click();
        await sent;
        await el.updateComplete;
        await expect(el).to.be.accessible();
        await emulateMedia({ colorScheme: 'dark' });
        try {
          await expect(el).to.be.accessible();
        } finally {
          await emulateMedia({ colorScheme: 'light' });
        }
      });

      it('"Kantor yang dituju" opened, and updates asked on WhatsApp', async () => {
        const el = await mountForm({ lang });
        $<HTMLButtonElement>(el, '.auto-office button')!.click();
        $<HTMLInputElement>(el, '#f-notify-whatsapp')!.click();
        await el.updateComplete;
        expect($(el, '#f-institutionId')).to.exist;
        expect($(el, '.reveal #f-reporter-phone')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('draft offer', async () => {
        const el = await mountForm({ lang });
        await type(el);
        el.remove();
        const again = await mountForm({ lang });
        await waitUntil(() => !!$(again, '#draft-h'), 'offer');
        await expect(again).to.be.accessible();
      });
    });
  }

  async function type(el: LaporReportForm): Promise<void> {
    const title = $<HTMLInputElement>(el, '#f-title')!;
    title.value = VALID.title;
    title.dispatchEvent(new Event('input'));
    await el.updateComplete;
  }

  it('fits a 320 px phone without sideways scrolling; every target is at least 44 px high', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await mountForm();
      submitButton(el).click(); // with errors and the summary: the longest state
      await settle(el);
      expect(el.scrollWidth, 'no horizontal overflow').to.be.at.most(el.clientWidth);
      const targets = $$(el, 'button, .button, input:not([type="radio"]):not([type="checkbox"]):not(.visually-hidden), select, textarea, .choice, .check, summary');
      expect(targets.length).to.be.greaterThan(10);
      for (const target of targets) {
        const { height, width } = target.getBoundingClientRect();
        if (!width) continue; // not rendered (closed <details>)
        expect(height, `${target.outerHTML.slice(0, 60)}`).to.be.at.least(44);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('accessible names are the visible labels', async () => {
    const el = await mountForm();
    for (const input of $$<HTMLInputElement>(el, 'input[id], textarea, select')) {
      if (input.type === 'radio') continue;
      const label = $(el, `label[for="${input.id}"]`);
      expect(label, `label for ${input.id}`).to.exist;
      expect(input.getAttribute('aria-label'), `${input.id} has no aria-label overriding its label`).to.equal(null);
    }
    expect($(el, 'label[for="f-title"]')!.textContent!.trim()).to.match(/^Judul laporan/);
  });

  it('keyboard only: Tab, arrows, typing, Space and Enter complete a report', async () => {
    const el = await mountForm();
    const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
    // Into the form: the first stop is the checked report type.
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('value')).to.equal('complaint');
    await sendKeys({ press: 'ArrowRight' });
    expect(active()?.getAttribute('value')).to.equal('aspiration');
    await sendKeys({ press: 'Tab' });
    expect(active()?.id).to.equal('f-title');
    await sendKeys({ type: VALID.title });
    await sendKeys({ press: 'Tab' });
    expect(active()?.id).to.equal('f-body');
    await sendKeys({ type: VALID.body });
    // The photo comes early (a phone's camera is the citizen's evidence), right after the details.
    await sendKeys({ press: 'Tab' });
    expect(active()?.id).to.equal('f-attachmentIds');
    await sendKeys({ press: 'Tab' });
    expect(active()?.id).to.equal('f-location');
    await sendKeys({ type: 'Gent' });
    await waitUntil(() => active()?.getAttribute('aria-expanded') === 'true', 'options', { timeout: 2000 });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi');
    // Tab on to "Anonim" and tick it with Space.
    for (let i = 0; i < 10 && active()?.id !== 'f-anonymous'; i++) await sendKeys({ press: 'Tab' });
    expect(active()?.id).to.equal('f-anonymous');
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 10 && active()?.getAttribute('type') !== 'submit'; i++) await sendKeys({ press: 'Tab' });
    expect(active()).to.equal(submitButton(el));
    const sent = oneEvent(el, 'lapor-submit');
    await sendKeys({ press: 'Enter' });
    await sent;
    expect(gw.reportPosts).to.have.length(1);
    expect(gw.reportPosts[0]!.body).to.deep.include({
      classification: 'aspiration',
      title: VALID.title,
      body: VALID.body,
      anonymous: true,
      location: { text: 'Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi', locationId: 'loc-genteng-kulon' },
    });
    await el.updateComplete;
    expect(active()?.id).to.equal('done-h');
  });

  it('success: codes copyable with a polite "Tersalin", "Lacak laporan" fires lapor-track, share only where it exists', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    try {
      const el = await mountForm();
      await fillValid(el);
      const sent = oneEvent(el, 'lapor-submit');
      submitButton(el).click();
      const { detail } = await sent;
      await el.updateComplete;
      const result = [...gw.created.values()][0]!;
      const [copyTracking, copyCode] = $$<HTMLButtonElement>(el, 'button[part~="copy"]');
      expect(copyTracking!.getAttribute('aria-label')).to.equal('Salin nomor pelacakan');
      copyCode!.click();
      await settle(el);
      // Copied as shown: 7KQ4M-9XDHT.
      expect(copied).to.deep.equal([formatAccessCode(result.accessToken)]);
      const statuses = $$(el, '.copied[role="status"]').map((s) => s.textContent!.trim());
      expect(statuses).to.deep.equal(['', 'Tersalin']);
      const keep = $(el, '[part~="warning"]')!.textContent!;
      expect(keep).to.contain('Simpan nomor pelacakan dan kode akses');
      // Consistent with "Laporan saya", which shows the code again on this device (it used to say "only once").
      expect(keep).to.not.contain('hanya ditampilkan sekali');
      expect(keep).to.contain('Di perangkat ini keduanya tetap ada di "Laporan saya"');
      expect(!!$(el, 'button[part~="share"]')).to.equal(typeof navigator.share === 'function');
      const track = oneEvent(el, 'lapor-track');
      $<HTMLButtonElement>(el, 'button[part~="track"]')!.click();
      expect((await track).detail).to.deep.equal({ trackingId: detail.trackingId, accessToken: result.accessToken });
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });
});
