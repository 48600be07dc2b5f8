/** Drafts and prefill: a reload mid-typing loses nothing; one key per draft; attributes and prefill(). */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { DRAFTS_DB, draftKey, loadDraft } from '../../src/store/drafts.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, SITE_KEY, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, $$, VALID, mountForm, settle, submitButton, testClient, type } from './report-form-helpers.js';

const KEY = () => draftKey(API, SITE_KEY);

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

  it('Instansi tujuan: searched in the config, picked with the keyboard, sent as its id', async () => {
    const el = await mountForm();
    const input = $<HTMLInputElement>(el, '#f-institutionId')!;
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
    await type(el, '#f-title', VALID.title);
    await type(el, '#f-body', VALID.body);
    await type(el, '#f-incidentDate', VALID.date);
    await type(el, '#f-location', VALID.location);
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.reportPosts[0]!.body.institutionId).to.equal('dinkes-bwi');
  });

  it('"Gunakan lokasi saya" asks for the position only on click and fills lat/lng', async () => {
    let asked = 0;
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'geolocation');
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition(ok: PositionCallback) {
          asked++;
          ok({ coords: { latitude: -8.3712345, longitude: 114.1534567 } } as GeolocationPosition);
        },
      },
    });
    try {
      const el = await mountForm();
      expect(asked).to.equal(0);
      const button = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Gunakan lokasi saya'))!;
      button.click();
      await el.updateComplete;
      expect(asked).to.equal(1);
      expect($<HTMLInputElement>(el, '#f-location')!.value).to.equal('-8.37123, 114.15346');
      await type(el, '#f-title', VALID.title);
      await type(el, '#f-body', VALID.body);
      await type(el, '#f-incidentDate', VALID.date);
      const sent = oneEvent(el, 'lapor-submit');
      submitButton(el).click();
      await sent;
      expect(gw.reportPosts[0]!.body.location).to.deep.include({ lat: -8.37123, lng: 114.15346 });
    } finally {
      delete (navigator as { geolocation?: unknown }).geolocation;
      if (original && !('geolocation' in navigator)) Object.defineProperty(Navigator.prototype, 'geolocation', original);
    }
  });
});
