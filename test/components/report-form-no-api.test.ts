/** A page that forgot `data-api`: the citizen is told the page is not set up, not that the server failed. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/report-form/report-form.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { loadValidation } from '../../src/components/report-form/load-validation.js';
import { cleanDevice, fillValid, settle, submitButton } from './report-form-helpers.js';

describe('<lapor-report-form> without a gateway address', () => {
  beforeEach(cleanDevice);

  it('names the missing address on submit, in id and en', async () => {
    for (const [lang, text] of [
      ['id', 'Alamat layanan pengaduan belum diatur'],
      ['en', 'The complaint service address has not been set'],
    ] as const) {
      const el = await fixture<LaporReportForm>(html`<lapor-report-form lang=${lang} classification="complaint"></lapor-report-form>`);
      await loadValidation();
      await settle(el);
      await fillValid(el);
      submitButton(el).click();
      await waitUntil(() => el.shadowRoot!.textContent!.includes(text), `message in ${lang}`, { timeout: 15_000 }); // English loads on first use: slow on a busy machine
      expect(el.shadowRoot!.textContent).not.to.include(lang === 'id' ? 'kesalahan pada server' : 'went wrong on the server');
      el.remove();
    }
  });
});
