/** Drafts and prefill: a reload mid-typing loses nothing; one key per draft; attributes and prefill(). */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { DRAFTS_DB, draftKey, loadDraft } from '../../src/store/drafts.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, SITE_KEY, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, $$, VALID, mountForm, settle, submitButton, testClient, type } from './report-form-helpers.js';

const KEY = () => draftKey(API, SITE_KEY);

/** Type the rest of a valid complaint (the location too, unless the test set it) and send it. */
async function completeAndSend(el: LaporReportForm, withLocation = true): Promise<void> {
  await type(el, '#f-title', VALID.title);
  await type(el, '#f-body', VALID.body);
  await type(el, '#f-incidentDate', VALID.date);
  if (withLocation) await type(el, '#f-location', VALID.location);
  const sent = oneEvent(el, 'lapor-submit');
  submitButton(el).click();
  await sent;
}

describe('<lapor-report-form> drafts and prefill', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh));

  it('autosaves after a pause in typing', async () => {
    const el = await mountForm();
    await type(el, '#f-title', VALID.title, false);
    expect(await loadDraft(KEY())).to.equal(undefined);
    await waitUntil(async () => (await loadDraft(KEY()))?.input.title === VALID.title, 'autosaved', { timeout: 2000 });
    expect(DRAFTS_DB).to.equal('lapor-drafts');
  });

  it('a reload mid-typing restores the draft after "Lanjutkan draf sebelumnya?", with the same key', async () => {
    const el = await mountForm();
    await type(el, '#f-title', VALID.title);
    await type(el, '#f-body', VALID.body, false);
    $<HTMLInputElement>(el, 'input[value="aspiration"]')!.click();
    // Removed before the autosave pause is over: leaving must still save.
    el.remove();
    await waitUntil(async () => (await loadDraft(KEY()))?.input.body === VALID.body, 'saved on leave');
    const { idempotencyKey } = (await loadDraft(KEY()))!;

    const again = await mountForm();
    await waitUntil(() => !!$(again, '#draft-h'), 'offer shown');
    expect($(again, '#draft-h')!.textContent).to.equal('Lanjutkan draf sebelumnya?');
    expect($(again, 'form')).to.equal(null);
    $$<HTMLButtonElement>(again, '[part~="draft-offer"] button')[0]!.click();
    await again.updateComplete;
    expect($<HTMLInputElement>(again, '#f-title')!.value).to.equal(VALID.title);
    expect($<HTMLTextAreaElement>(again, '#f-body')!.value).to.equal(VALID.body);
    expect($<HTMLInputElement>(again, 'input[value="aspiration"]')!.checked).to.equal(true);
    expect(again.shadowRoot!.activeElement).to.equal($(again, 'input[value="aspiration"]'));

    await type(again, '#f-location', VALID.location);
    const sent = oneEvent(again, 'lapor-submit');
    submitButton(again).click();
    await sent;
    expect(gw.reportPosts[0]!.key).to.equal(idempotencyKey);
    await settle(again);
    expect(await loadDraft(KEY())).to.equal(undefined);
  });

  it('files kept in the draft (picked offline) are uploaded once the draft is continued online', async () => {
    const el = await mountForm();
    const { setOnline } = await import('./report-form-helpers.js');
    setOnline(false);
    try {
      const input = $<HTMLInputElement>(el, '#f-attachmentIds')!;
      const dt = new DataTransfer();
      dt.items.add(new File(['%PDF-1.7\nhello'], 'surat.pdf', { type: 'application/pdf' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Akan dikirim'), 'waiting', { timeout: 3000 });
      el.remove();
      await waitUntil(async () => (await loadDraft(KEY()))?.attachments.length === 1, 'saved with the blob');
    } finally {
      setOnline(true);
    }
    const again = await mountForm();
    await waitUntil(() => !!$(again, '#draft-h'), 'offer shown');
    $$<HTMLButtonElement>(again, '[part~="draft-offer"] button')[0]!.click();
    await waitUntil(() => gw.uploads.length === 1, 'uploaded after continuing', { timeout: 3000 });
    expect(gw.uploads[0]!.name).to.equal('surat.pdf');
    expect(new TextDecoder().decode(gw.uploads[0]!.bytes)).to.equal('%PDF-1.7\nhello');
  });

  it('"Buang dan mulai baru" discards the draft and starts empty with a new key', async () => {
    const el = await mountForm();
    await type(el, '#f-title', VALID.title);
    el.remove();
    await waitUntil(async () => !!(await loadDraft(KEY())), 'saved');
    const old = (await loadDraft(KEY()))!.idempotencyKey;
    const again = await mountForm();
    await waitUntil(() => !!$(again, '#draft-h'), 'offer shown');
    $$<HTMLButtonElement>(again, '[part~="draft-offer"] button')[1]!.click();
    await again.updateComplete;
    expect($<HTMLInputElement>(again, '#f-title')!.value).to.equal('');
    await type(again, '#f-title', 'Lampu jalan mati di Genteng', false);
    await waitUntil(async () => (await loadDraft(KEY()))?.input.title === 'Lampu jalan mati di Genteng', 'new draft');
    expect((await loadDraft(KEY()))!.idempotencyKey).not.to.equal(old);
  });

  it('takes classification, institution and category from attributes, and prefill() from the embed', async () => {
    const el = await fixture<LaporReportForm>(html`<lapor-report-form
      api=${API}
      site-key=${SITE_KEY}
      classification="info_request"
      institution="dinkes-bwi"
      category="infra-road"
      .sdkClient=${testClient()}
    ></lapor-report-form>`);
    await waitUntil(() => !!$(el, 'select optgroup'), 'config');
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[value="info_request"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#f-institutionId')!.value).to.equal('Dinas Kesehatan Kabupaten Banyuwangi');
    expect($<HTMLSelectElement>(el, '#f-categoryId')!.value).to.equal('infra-road');
    expect($(el, 'optgroup')!.getAttribute('label')).to.equal('Infrastruktur');
    el.prefill({ title: 'Informasi jadwal vaksin', location: { text: 'Genteng' }, institutionId: 'kec-genteng' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal('Informasi jadwal vaksin');
    expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('Genteng');
    expect($<HTMLInputElement>(el, '#f-institutionId')!.value).to.equal('Kecamatan Genteng');
    expect($(el, 'label[for="f-location"]')!.textContent).to.contain('Asal pelapor');
    // From a host page anything may come: wrong types are dropped, markup stays text.
    // (Typed callers cannot pass these; the embed's queue passes whatever the page gave.)
    el.prefill({ title: 42, body: '<img src=x onerror=alert(1)>', classification: 'nonsense', location: 'Desa Kembiritan', anonymous: 'yes' } as never);
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal('Informasi jadwal vaksin');
    expect($<HTMLTextAreaElement>(el, '#f-body')!.value).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect($<HTMLInputElement>(el, 'input[value="info_request"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('Desa Kembiritan');
    expect($<HTMLInputElement>(el, '#f-anonymous')!.checked).to.equal(false);
  });

  it('config failure: says so, offers a retry, and the citizen can type meanwhile', async () => {
    gw.configFails = 5; // more than the SDK's retries
    const errors: unknown[] = [];
    const listen = (e: Event) => errors.push((e as CustomEvent<{ error: unknown }>).detail.error);
    document.addEventListener('lapor-error', listen);
    const el = await mountForm({ waitConfig: false });
    await type(el, '#f-title', VALID.title);
    await waitUntil(() => !!$(el, '.notice'), 'failure shown', { timeout: 3000 });
    document.removeEventListener('lapor-error', listen);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.be.instanceOf(Error);
    expect($(el, '.notice')!.textContent).to.contain('belum dapat dimuat');
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal(VALID.title);
    gw.configFails = 0;
    $<HTMLButtonElement>(el, '.notice button')!.click();
    await waitUntil(() => !!$(el, 'select optgroup'), 'config loaded after retry', { timeout: 3000 });
    expect($(el, '.notice')).to.equal(null);
  });

  it('location search: debounced, arrow keys and Enter pick a place; typed text stays otherwise', async () => {
    const el = await mountForm();
    const input = $<HTMLInputElement>(el, '#f-location')!;
    await type(el, '#f-location', 'Gent', false);
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'options shown', { timeout: 2000 });
    expect($$(el, '#f-location-list [role="option"]')).to.have.length(2);
    expect($(el, '.visually-hidden[role="status"]')!.textContent).to.contain('2 pilihan tersedia.');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('f-location-opt-0');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    expect(input.value).to.equal('Genteng, Kecamatan Genteng, Kabupaten Banyuwangi');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('"Kantor yang dituju" is left to the officers by default: one line, nothing sent, no tap needed', async () => {
    const el = await mountForm();
    expect($(el, '#f-institutionId'), 'no search box until the citizen asks for one').to.equal(null);
    const field = $(el, '.auto-office')!;
    expect(field.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Kantor yang dituju (opsional) Biar petugas yang menentukan Pilih kantor sendiri');
    await completeAndSend(el);
    expect(gw.reportPosts[0]!.body, 'the gateway routes it').to.not.have.property('institutionId');
  });

  it('"Pilih kantor sendiri": searched in the config, picked with the keyboard, sent as its id; "Biar petugas yang menentukan" undoes it', async () => {
    const el = await mountForm();
    $<HTMLButtonElement>(el, '.auto-office button')!.click();
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '#f-institutionId')!;
    await waitUntil(() => el.shadowRoot!.activeElement === input, 'focus moves into the search box');
    await type(el, '#f-institutionId', 'kesehatan', false);
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'options shown', { timeout: 2000 });
    expect($$(el, '#f-institutionId-list [role="option"]').map((o) => o.textContent!.trim())).to.deep.equal([
      'Dinas Kesehatan Kabupaten Banyuwangi',
    ]);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    expect(input.value).to.equal('Dinas Kesehatan Kabupaten Banyuwangi');
    input.blur();
    await completeAndSend(el);
    expect(gw.reportPosts[0]!.body.institutionId).to.equal('dinkes-bwi');
  });

  it('"Biar petugas yang menentukan" after a pick: the office goes, focus returns to "Pilih kantor sendiri"', async () => {
    const el = await mountForm();
    $<HTMLButtonElement>(el, '.auto-office button')!.click();
    await el.updateComplete;
    await type(el, '#f-institutionId', 'Genteng', false);
    const back = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Biar petugas yang menentukan')!;
    back.click();
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.auto-office button'), 'focus on "Pilih kantor sendiri"');
    expect($(el, '#f-institutionId')).to.equal(null);
  });

  describe('"Gunakan lokasi saya"', () => {
    let asked = 0;
    let position = { latitude: -8.3712345, longitude: 114.1534567 };
    let original: PropertyDescriptor | undefined;
    beforeEach(() => {
      asked = 0;
      position = { latitude: -8.3712345, longitude: 114.1534567 };
      original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');
      Object.defineProperty(navigator, 'geolocation', {
        configurable: true,
        value: {
          getCurrentPosition(ok: PositionCallback) {
            asked++;
            ok({ coords: position } as GeolocationPosition);
          },
        },
      });
    });
    afterEach(() => {
      delete (navigator as { geolocation?: unknown }).geolocation;
      if (original && !('geolocation' in navigator)) Object.defineProperty(Navigator.prototype, 'geolocation', original);
    });
    const useMine = (el: LaporReportForm) => $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Gunakan lokasi saya'))!;

    it('asks only on click, then shows the place as words to check ("Sekitar …"), never raw coordinates', async () => {
      const el = await mountForm();
      expect(asked).to.equal(0);
      useMine(el).click();
      await waitUntil(() => !!$(el, '.near'), 'the place found', { timeout: 3000 });
      expect(asked).to.equal(1);
      expect(gw.located).to.deep.equal([{ lat: -8.37123, lng: 114.15346 }]);
      expect($(el, '.near strong')!.textContent).to.equal('Sekitar Desa Genteng Kulon, Kecamatan Genteng');
      const field = $<HTMLInputElement>(el, '#f-location')!;
      expect(field.value).to.equal('Desa Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi');
      expect(field.value).to.not.match(/\d+\.\d+/);
      // Exposed as required, as its "*" says.
      expect(field.required).to.equal(true);
      await completeAndSend(el, false);
      expect(gw.reportPosts[0]!.body.location).to.deep.equal({
        text: 'Desa Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi',
        locationId: 'loc-genteng-kulon',
        lat: -8.37123,
        lng: 114.15346,
      });
    });

    it('keeps what the citizen typed, and "Bukan di sini? Ubah lokasi" gives the field back with focus', async () => {
      const el = await mountForm();
      await type(el, '#f-location', 'Depan pasar Genteng', false);
      useMine(el).click();
      await waitUntil(() => !!$(el, '.near'), 'the place found', { timeout: 3000 });
      expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('Depan pasar Genteng');
      $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Bukan di sini? Ubah lokasi'))!.click();
      await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-location', 'focus on the location field');
      expect($(el, '.near')).to.equal(null);
      await completeAndSend(el, false);
      expect(gw.reportPosts[0]!.body.location).to.deep.equal({ text: 'Depan pasar Genteng' });
    });

    it('outside the area: says so and adds nothing; the gateway unreachable: keeps the point, asks for words', async () => {
      position = { latitude: -6.2, longitude: 106.8 };
      const el = await mountForm();
      useMine(el).click();
      await waitUntil(() => $(el, '.field [role="status"]')?.textContent?.includes('di luar wilayah layanan ini'), 'outside', { timeout: 3000 });
      expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('');

      position = { latitude: -8.3712345, longitude: 114.1534567 };
      gw.locateFails = 10;
      useMine(el).click();
      await waitUntil(() => $(el, '.field [role="status"]')?.textContent?.includes('nama wilayahnya belum dapat dicari'), 'unnamed', { timeout: 8000 });
      expect($<HTMLInputElement>(el, '#f-location')!.value, 'never coordinates as the text').to.equal('');
      await expect(el).to.be.accessible();
    });
  });
});
