/**
 * What a citizen keeps and reads: the short code shown `7KQ4M-9XDHT` in a fixed-width font
 * and saved as an image; Anonim sends no name or contact; an offline banner before any
 * submit; a photo waiting for the connection is not also offered "Coba lagi"; a picked
 * kecamatan is named once; no "tarik berkas ke sini" without a mouse.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ACCESS_CODE_PATTERN } from '../../src/contract/access-code.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { worker } from '../helpers/msw.js';
import { $, $$, fillValid, mountForm, setOnline, settle, submitButton, submitFilledForm, type } from './report-form-helpers.js';

describe('<lapor-report-form> for the citizen', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh), { restoreOnline: true });

  it('shows the access code as 7KQ4M-9XDHT in a fixed-width font, copies it so, and saves both codes as an image', async () => {
    const { el } = await submitFilledForm();
    await el.updateComplete;
    const [result] = [...gw.created.values()];
    expect(result!.accessToken).to.match(ACCESS_CODE_PATTERN);
    const shown = $$(el, '[part~="code"]').map((c) => c.textContent!.trim());
    expect(shown[1]).to.equal(`${result!.accessToken.slice(0, 5)}-${result!.accessToken.slice(5)}`);
    expect(getComputedStyle($$(el, '[part~="code"]')[1]!).fontFamily).to.match(/monospace/);

    // "Simpan sebagai gambar": a PNG named after the report is offered as a download.
    let downloaded: { name: string; type: string; bytes: number } | undefined;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const a = this;
      void fetch(a.href)
        .then((r) => r.blob())
        .then((b) => (downloaded = { name: a.download, type: b.type, bytes: b.size }));
    };
    try {
      $<HTMLButtonElement>(el, '[part~="save-image"]')!.click();
      await waitUntil(() => downloaded, 'image downloaded', { timeout: 5000 });
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(downloaded!.name).to.equal(`lapor-${result!.trackingId}.png`);
    expect(downloaded!.type).to.equal('image/png');
    expect(downloaded!.bytes).to.be.greaterThan(1000);
    await waitUntil(() => $(el, '[part~="success"]')!.textContent!.includes('Gambar tersimpan'), 'saved said');
    await expect(el).to.be.accessible();
  });

  it('"Lacak laporan" on a page without the widget shows the report in place, focus on its heading', async () => {
    const { el } = await submitFilledForm();
    await el.updateComplete;
    const [result] = [...gw.created.values()];
    $<HTMLButtonElement>(el, 'button[part~="track"]')!.click();
    await waitUntil(() => $(el, 'lapor-report-status'), 'status view in place', { timeout: 5000 });
    const status = $(el, 'lapor-report-status')!;
    expect(status.getAttribute('tracking-id')).to.equal(result!.trackingId);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'done-h', 'focus on the heading');
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Lacak laporan');
  });

  it('Anonim: the report goes without name, phone or email, and the form says so', async () => {
    const el = await mountForm();
    await fillValid(el);
    $<HTMLDetailsElement>(el, 'details.contact')!.open = true;
    await type(el, '#f-reporter-name', 'Siti Aminah');
    await type(el, '#f-reporter-phone', '081234567890');
    $<HTMLInputElement>(el, '#f-anonymous')!.click();
    await el.updateComplete;
    expect($(el, '[part~="anonymous-note"]')!.textContent).to.contain('tidak dikirim');
    expect($(el, '#h-f-anonymous')!.textContent).to.contain('tidak dikirim ke instansi');
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.reportPosts[0]!.body.anonymous).to.equal(true);
    expect(gw.reportPosts[0]!.body).to.not.have.property('reporter');
  });

  it('says "offline" before any submit, and a waiting photo is not also offered "Coba lagi"', async () => {
    const el = await mountForm();
    expect($(el, '[part~="offline"]')).to.equal(null);
    setOnline(false);
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect($(el, '[part~="offline"]')!.textContent).to.contain('Anda sedang offline');
    expect($(el, '[part~="offline"]')!.getAttribute('role')).to.equal('status');
    const input = $<HTMLInputElement>(el, '#f-attachmentIds')!;
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, ...new Array(300).fill(32)])], 'surat.pdf', { type: 'application/pdf' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Akan dikirim'), 'waiting', { timeout: 3000 });
    expect($$(el, '.file-actions button').map((b) => b.textContent!.trim())).to.deep.equal(['Hapus']);
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => !$(el, '[part~="offline"]'), 'banner gone');
    await settle(el);
  });

  it('names a picked kecamatan once ("Kecamatan Kabat, Kabupaten Banyuwangi")', async () => {
    // As the gateway's seed data has it: the path starts with the name.
    worker.use(
      http.get(`${API}/v1/locations`, () =>
        HttpResponse.json({ items: [{ id: 'loc-kec-kabat', name: 'Kecamatan Kabat', path: 'Kecamatan Kabat, Kabupaten Banyuwangi', kind: 'kecamatan' }] }),
      ),
    );
    const el = await mountForm();
    await type(el, '#f-location', 'Kabat', false);
    await waitUntil(() => $$(el, '[role="option"]').length > 0, 'suggestions', { timeout: 3000 });
    const option = $$(el, '[role="option"]')[0]!;
    option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true, cancelable: true }));
    option.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('Kecamatan Kabat, Kabupaten Banyuwangi');
  });

  it('offers "tarik berkas ke sini" only where there is a mouse to drag with', async () => {
    const mouse = await mountForm();
    expect($(mouse, 'fieldset.files')!.textContent).to.contain('tarik berkas');
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => {
      const real = original.call(window, query);
      return { media: real.media, matches: query === '(pointer: coarse)' || real.matches } as MediaQueryList;
    }) as typeof window.matchMedia;
    try {
      const touch = await mountForm();
      expect($(touch, 'fieldset.files')!.textContent).to.not.contain('tarik berkas');
      expect($(touch, 'fieldset.files')!.textContent).to.contain('Ambil foto');
    } finally {
      window.matchMedia = original;
    }
  });
});
