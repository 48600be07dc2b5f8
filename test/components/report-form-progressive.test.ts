/**
 * Progressive loading: the form paints, takes typing and saves the draft while the
 * network/validation layer (SDK, zod, schemas) is still downloading; it asks for that
 * layer right after its first render; submit waits for validation and never sends
 * without it; a failed SDK download is a network error, retried on the next call.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/report-form/report-form.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { setValidationImportForTests } from '../../src/components/report-form/load-validation.js';
import { clientFor, setSdkImportForTests } from '../../src/components/shared/client-registry.js';
import { LaporNetworkError } from '../../src/sdk/errors/index.js';
import { draftKey, loadDraft } from '../../src/store/drafts.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, SITE_KEY, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, VALID, fillValid, settle, submitButton, type } from './report-form-helpers.js';

/** An import held back until `open()`, counting how often it was asked for. */
function heldImport<T>(load: () => Promise<T>): { load: () => Promise<T>; open: () => void; calls: () => number } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let calls = 0;
  return {
    load: () => {
      calls++;
      return opened.then(load);
    },
    open,
    calls: () => calls,
  };
}

describe('<lapor-report-form> before the network/validation layer has loaded', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh));
  afterEach(() => {
    setSdkImportForTests();
    setValidationImportForTests();
  });

  it('renders, takes typing and saves the draft; submit waits for validation, then validates and sends', async () => {
    const sdk = heldImport(() => import('../../src/sdk/client.js'));
    const validation = heldImport(() => import('../../src/components/report-form/validation.js'));
    setSdkImportForTests(sdk.load);
    setValidationImportForTests(validation.load);

    // No sdkClient: the element uses the page's shared (lazy) client, as on a real page.
    const el = await fixture<LaporReportForm>(
      html`<lapor-report-form api=${API} site-key=${SITE_KEY} lang="id" classification="complaint"></lapor-report-form>`,
    );
    expect($(el, '#f-title'), 'title field painted').to.exist;
    expect($(el, '#f-body'), 'body field painted').to.exist;
    // Said inside the category list, so that no line appears and goes (layout shift).
    expect($(el, '#f-categoryId option')?.textContent?.trim(), 'config-dependent fields say they are loading').to.equal('Memuat daftar instansi dan kategori…');
    // Asked for right after the first render, not on a user action.
    expect(sdk.calls(), 'SDK requested').to.be.greaterThan(0);
    expect(validation.calls(), 'validation requested').to.be.greaterThan(0);
    expect(gw.configRequests, 'no request can go out without the SDK').to.equal(0);

    await type(el, '#f-title', 'Pendek');
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal('Pendek');
    expect($(el, '#e-f-title'), 'blur validation waits for the layer').to.equal(null);
    // Autosave works without the SDK: typing is kept from the first keystroke.
    await waitUntil(async () => (await loadDraft(draftKey(API, SITE_KEY)))?.input.title === 'Pendek', 'draft saved', { timeout: 3000 });

    submitButton(el).click();
    await settle(el);
    expect(submitButton(el).getAttribute('aria-busy'), 'submit is waiting').to.equal('true');
    expect(gw.reportPosts, 'nothing sent without validation').to.have.length(0);

    validation.open();
    await waitUntil(() => $(el, '#e-f-title'), 'submit validated once the layer arrived', { timeout: 3000 });
    expect($(el, '#e-f-title')!.textContent!.trim()).to.equal('Judul laporan terlalu pendek: minimal 10 karakter.');
    expect($(el, '.summary'), 'error summary shown').to.exist;
    expect(gw.reportPosts).to.have.length(0);

    sdk.open();
    await waitUntil(() => $(el, 'select optgroup'), 'config loaded through the lazy client', { timeout: 3000 });
    expect(gw.configRequests).to.equal(1);

    await fillValid(el);
    submitButton(el).click();
    await waitUntil(() => gw.reportPosts.length === 1 && $(el, '#done-h'), 'sent through the lazy client', { timeout: 3000 });
    expect(gw.reportPosts[0]!.body.title).to.equal(VALID.title);
  });

  it('a failed SDK download is a LaporNetworkError, and the next call downloads again', async () => {
    let attempts = 0;
    setSdkImportForTests(() => {
      attempts++;
      return attempts === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : import('../../src/sdk/client.js');
    });
    const client = clientFor({ api: API, siteKey: SITE_KEY, lang: 'id' });
    expect(client.serverNow() - Date.now(), 'device clock before the SDK is in').to.be.within(-5, 5);
    let failure: unknown;
    await client.getConfig().catch((e: unknown) => (failure = e));
    expect(failure).to.be.instanceOf(LaporNetworkError);
    expect((failure as LaporNetworkError).message).to.equal('Tidak dapat terhubung. Periksa koneksi internet Anda.');
    const config = await client.getConfig();
    expect(attempts).to.equal(2);
    expect(config.institutions.length).to.be.greaterThan(0);
    expect(clientFor({ api: API, siteKey: SITE_KEY, lang: 'id' }), 'one client per key').to.equal(client);
  });

  it('a failed validation download says "no connection", not "server problem"; Coba lagi downloads again', async () => {
    // Fails (preload, blur validation, the submit's own try) until the connection is back.
    let online = false;
    setValidationImportForTests(() =>
      !online
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : import('../../src/components/report-form/validation.js'),
    );
    const el = await fixture<LaporReportForm>(
      html`<lapor-report-form api=${API} site-key=${SITE_KEY} lang="id" classification="complaint"></lapor-report-form>`,
    );
    let reported: unknown;
    el.addEventListener('lapor-error', (e) => (reported = (e as CustomEvent<{ error: unknown }>).detail.error));
    await fillValid(el);
    submitButton(el).click();
    await waitUntil(() => $(el, '.alert[role="alert"]'), 'failure shown', { timeout: 3000 });
    expect($(el, '.alert')!.textContent).to.contain('Tidak dapat terhubung. Periksa koneksi internet Anda.');
    expect($(el, '.alert')!.textContent).not.to.contain('server');
    expect(reported, 'lapor-error carries a typed network error').to.be.instanceOf(LaporNetworkError);
    expect(gw.reportPosts, 'nothing sent without validation').to.have.length(0);
    online = true;
    ($(el, '.alert button') as HTMLButtonElement).click();
    await waitUntil(() => gw.reportPosts.length === 1, 'sent after the retry downloaded validation', { timeout: 3000 });
  });
});
