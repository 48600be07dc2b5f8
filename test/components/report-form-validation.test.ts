/** Validation: every field on blur and on submit, messages naming the field, id and en; 422 mapping. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import type { FakeGateway } from '../fixtures/report-form-gateway.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { $, $$, fillValid, mountForm, settle, submitButton, type } from './report-form-helpers.js';

/** The error shown for a control, checked to be wired to it for assistive technology. */
function errorFor(el: LaporReportForm, id: string): string | undefined {
  const control = $(el, `#${id}`)!;
  const error = $(el, `#e-${id}`);
  if (!error) {
    expect(control.getAttribute('aria-invalid'), `${id} aria-invalid`).to.equal('false');
    return undefined;
  }
  expect(control.getAttribute('aria-invalid'), `${id} aria-invalid`).to.equal('true');
  expect(control.getAttribute('aria-describedby')!.split(' '), `${id} describedby`).to.include(`e-${id}`);
  return error.textContent!.trim();
}

const future = (): string => {
  const d = new Date(Date.now() + 3 * 86_400_000);
  return d.toISOString().slice(0, 10);
};

const CASES = {
  id: {
    title: ['Judul laporan wajib diisi.', 'Judul laporan terlalu pendek: minimal 10 karakter.'],
    body: ['Isi laporan wajib diisi.', 'Isi laporan tampaknya berisi NIK'],
    date: ['Tanggal kejadian wajib diisi.', 'Tanggal kejadian tidak boleh di masa depan.'],
    location: 'Lokasi kejadian wajib diisi.',
    origin: 'Asal pelapor terlalu pendek: minimal 3 karakter.',
    institution: 'Kantor yang dituju tidak dikenal.',
    phone: 'Format Nomor HP tidak valid.',
    email: 'Format Email tidak valid.',
    summary: 'Ada 4 isian yang perlu diperbaiki',
  },
  en: {
    title: ['Title is required.', 'Title is too short: at least 10 characters.'],
    body: ['Description is required.', 'Description seems to contain'],
    date: ['Date of incident is required.', 'Date of incident cannot be in the future.'],
    location: 'Location is required.',
    origin: 'Where you are from is too short: at least 3 characters.',
    institution: 'Office is not recognised.',
    phone: 'Mobile number is not in a valid format.',
    email: 'Email is not in a valid format.',
    summary: 'There are 4 problems to fix',
  },
} as const;

describe('<lapor-report-form> validation', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh));

  for (const lang of ['id', 'en'] as const) {
    const c = CASES[lang];
    describe(lang, () => {
      it('title and body: on blur, with the field named', async () => {
        const el = await mountForm({ lang });
        expect(errorFor(el, 'f-title')).to.equal(undefined);
        await type(el, '#f-title', '');
        expect(errorFor(el, 'f-title')).to.equal(c.title[0]);
        await type(el, '#f-title', 'Pendek');
        expect(errorFor(el, 'f-title')).to.equal(c.title[1]);
        await type(el, '#f-title', 'Jalan berlubang di depan Puskesmas');
        expect(errorFor(el, 'f-title')).to.equal(undefined);
        await type(el, '#f-body', '');
        expect(errorFor(el, 'f-body')).to.equal(c.body[0]);
        await type(el, '#f-body', 'NIK saya 3510012345678901, tolong dibantu urusan jalan ini segera.');
        expect(errorFor(el, 'f-body')).to.contain(c.body[1]);
        // Fields not yet visited stay quiet.
        expect(errorFor(el, 'f-location')).to.equal(undefined);
      });

      it('incident date: required for complaints, never in the future, gone for aspirations', async () => {
        const el = await mountForm({ lang });
        await type(el, '#f-incidentDate', '');
        expect(errorFor(el, 'f-incidentDate')).to.equal(c.date[0]);
        await type(el, '#f-incidentDate', future());
        expect(errorFor(el, 'f-incidentDate')).to.equal(c.date[1]);
        $<HTMLInputElement>(el, 'input[value="aspiration"]')!.click();
        await el.updateComplete;
        expect($(el, '#f-incidentDate')).to.equal(null);
        expect($(el, '#e-f-incidentDate')).to.equal(null);
        // Nothing else was visited, so nothing else complains.
        expect($(el, '.error')).to.equal(null);
      });

      it('location is "Asal pelapor" for aspirations; institution must be picked; contact formats', async () => {
        const el = await mountForm({ lang });
        await type(el, '#f-location', '');
        expect(errorFor(el, 'f-location')).to.equal(c.location);
        $<HTMLInputElement>(el, 'input[value="aspiration"]')!.click();
        await el.updateComplete;
        await type(el, '#f-location', 'ab');
        expect(errorFor(el, 'f-location')).to.equal(c.origin);
        expect($(el, 'label[for="f-location"]')!.textContent).to.contain(lang === 'id' ? 'Asal pelapor' : 'Where you are from');
        $<HTMLButtonElement>(el, '.auto-office button')!.click();
        await el.updateComplete;
        await type(el, '#f-institutionId', 'Dinas yang tidak ada');
        expect(errorFor(el, 'f-institutionId')).to.equal(c.institution);
        $(el, 'details summary')!.click();
        await type(el, '#f-reporter-phone', '12345');
        expect(errorFor(el, 'f-reporter-phone')).to.contain(c.phone);
        await type(el, '#f-reporter-email', 'bukan-email');
        expect(errorFor(el, 'f-reporter-email')).to.contain(c.email);
        await type(el, '#f-reporter-phone', '081234567890');
        expect(errorFor(el, 'f-reporter-phone')).to.equal(undefined);
      });

      it('on submit: every error, a focused summary (announced by focus, not a live region) whose links focus the fields; no request', async () => {
        const el = await mountForm({ lang });
        submitButton(el).click();
        await settle(el);
        const summary = $(el, '[part~="error-summary"]')!;
        // role=alert re-announced the summary at every field the citizen fixed.
        expect(summary.getAttribute('role')).to.equal('group');
        expect(summary.closest('[aria-live], [role="alert"], [role="status"]')).to.equal(null);
        expect(summary.querySelector('h2')!.textContent).to.equal(c.summary);
        expect(el.shadowRoot!.activeElement).to.equal(summary);
        const links = [...summary.querySelectorAll('a')];
        expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['#f-title', '#f-body', '#f-incidentDate', '#f-location']);
        expect(links[0]!.textContent).to.equal(c.title[0]);
        links[3]!.click();
        expect(el.shadowRoot!.activeElement?.id).to.equal('f-location');
        expect(gw.reportPosts).to.have.length(0);
      });
    });
  }

  it('switching the language re-words the errors already shown', async () => {
    const el = await mountForm({ lang: 'id' });
    await type(el, '#f-title', '');
    expect(errorFor(el, 'f-title')).to.equal('Judul laporan wajib diisi.');
    el.lang = 'en';
    await waitUntil(() => errorFor(el, 'f-title') === 'Title is required.', 'errors in English', { timeout: 2000 });
    expect($(el, 'label[for="f-title"]')!.textContent).to.contain('Title');
  });

  it('a 422 lands on the same fields, and the summary links focus them', async () => {
    gw.failNext.push({
      status: 422,
      fields: [
        { path: 'title', code: 'invalid', message: 'Judul laporan tidak valid.' },
        { path: 'location.text', code: 'unknown_value', message: 'Lokasi kejadian tidak dikenal.' },
        { path: 'somethingNew', code: 'invalid', message: 'Isian tidak valid.' },
      ],
    });
    const el = await mountForm();
    await fillValid(el);
    submitButton(el).click();
    // The submit waits for the validation layer; on a busy machine that outlasts any fixed pause.
    await waitUntil(() => errorFor(el, 'f-title') === 'Judul laporan tidak valid.', 'the 422 on its fields', { timeout: 5000 });
    await settle(el);
    expect(gw.reportPosts).to.have.length(1);
    expect(errorFor(el, 'f-location')).to.equal('Lokasi kejadian tidak dikenal.');
    const summary = $(el, '[part~="error-summary"]')!;
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    expect($$(el, '[part~="error-summary"] li')).to.have.length(3);
    const [first] = [...summary.querySelectorAll('a')];
    first!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-title');
    // Not queued: a validation error will not fix itself.
    const { listOutbox } = await import('../../src/store/outbox.js');
    expect(await listOutbox()).to.have.length(0);
    // Fixing and sending again reuses the key; the gateway makes one report.
    await type(el, '#f-title', 'Jalan berlubang di depan Puskesmas Genteng');
    const sent = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    await sent;
    expect(gw.created.size).to.equal(1);
  });
});
