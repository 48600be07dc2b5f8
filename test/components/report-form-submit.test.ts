/** Sending: success, retries, timeouts, offline → outbox → exactly one report, double clicks. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { formatAccessCode } from '../../src/contract/access-code.js';
import { formatTrackingId } from '../../src/contract/tracking-id.js';
import { listOutbox } from '../../src/store/outbox.js';
import { listSaved } from '../../src/store/saved-reports.js';
import { worker } from '../helpers/msw.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import type { FakeGateway } from '../fixtures/report-form-gateway.js';
import { $, fillValid, mountForm, setOnline, settle, submitButton, submitFilledForm, testClient, VALID } from './report-form-helpers.js';

describe('<lapor-report-form> submit', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh), { timeoutDelayMs: 600, restoreOnline: true });

  it('sends once, shows the tracking number and code, saves it to my reports', async () => {
    const { el, detail } = await submitFilledForm();
    await el.updateComplete;
    expect(gw.reportPosts).to.have.length(1);
    const [result] = [...gw.created.values()];
    expect(detail).to.include({ trackingId: result!.trackingId, queued: false });
    expect(detail.clientId).to.be.a('string');
    // Shown in spaced groups (LPR 7K3M Q9XD), as it is read out.
    expect($(el, '[part~="success"]')!.textContent).to.contain(formatTrackingId(result!.trackingId)).and.contain(formatAccessCode(result!.accessToken));
    expect(el.shadowRoot!.activeElement?.id).to.equal('done-h');
    // GOV.UK confirmation: the outcome, then what happens next with the 4-hour promise and its time.
    const panel = $(el, '[part~="success"]')!;
    expect(panel.querySelector('.confirm-panel h2')!.textContent).to.equal('Laporan terkirim');
    expect(panel.querySelector('h3')!.textContent).to.equal('Apa yang terjadi selanjutnya');
    const due = result!.report.clocks.find((c) => c.id === 'local.handle')!.dueAt;
    const time = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(due)).replace(':', '.');
    // "pukul 12.00 WIB" when due today (the fixture's date may be another day than the test's).
    expect(panel.querySelector('.next-steps')!.textContent).to.match(new RegExp(`seharusnya mulai menangani laporan Anda paling lambat (\\S.* )?pukul ${time} WIB, 4 jam sejak laporan diterima\\.`));
    const saved = await listSaved();
    expect(saved.map((s) => s.trackingId)).to.deep.equal([result!.trackingId]);
    expect(saved[0]!.accessToken).to.equal(result!.accessToken);
    expect(gw.reportPosts[0]!.body).to.include({ title: VALID.title, classification: 'complaint' });
  });

  it('500, 500, 201 → one report, every attempt with the same Idempotency-Key', async () => {
    gw.failNext.push('http500', 'http500');
    const { detail } = await submitFilledForm();
    expect(detail.queued).to.equal(false);
    expect(gw.reportPosts).to.have.length(3);
    expect(new Set(gw.reportPosts.map((p) => p.key)).size).to.equal(1);
    expect(gw.created.size).to.equal(1);
  });

  it('a timeout then success → one report', async () => {
    gw.failNext.push('timeout');
    const { el, detail } = await submitFilledForm();
    expect(detail.queued).to.equal(false);
    // Let the late first request finish on the "server" too: it must not make a second report.
    await settle(el, 700);
    expect(gw.reportPosts).to.have.length(2);
    expect(gw.reportPosts[0]!.key).to.equal(gw.reportPosts[1]!.key);
    expect(gw.created.size).to.equal(1);
  });

  it('offline: queues, says so, then on `online` sends exactly ONE POST with the original key', async () => {
    setOnline(false);
    const { el, detail } = await submitFilledForm();
    expect(detail).to.include({ queued: true });
    expect(detail.trackingId).to.equal(undefined);
    await el.updateComplete;
    expect($(el, '[part~="queued"]')!.textContent).to.contain('Laporan tersimpan, belum terkirim').and.contain('Laporan dikirim otomatis begitu ada koneksi');
    expect(gw.reportPosts).to.have.length(0);
    const [entry] = await listOutbox();
    expect(entry!.clientId).to.equal(detail.clientId);

    setOnline(true);
    const sent = oneEvent(el, 'lapor-submit');
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online')); // flapping networks fire it twice
    const { detail: after } = await sent;
    expect(after).to.include({ clientId: detail.clientId, queued: false });
    await settle(el, 100);
    expect(gw.reportPosts).to.have.length(1);
    expect(gw.reportPosts[0]!.key).to.equal(entry!.idempotencyKey);
    expect(await listOutbox()).to.have.length(0);
    expect((await listSaved()).map((s) => s.trackingId)).to.deep.equal([after.trackingId]);
    expect($(el, '[part~="success"]')).to.exist;
  });

  it('a queued report sent by another tab turns this form into the success view', async () => {
    setOnline(false);
    const { el, detail } = await submitFilledForm();
    // The other tab's outbox announces what it sent on the shared channel.
    const otherTab = new BroadcastChannel('lapor-outbox-change');
    const sent = oneEvent(el, 'lapor-submit');
    otherTab.postMessage({ type: 'sent', sent: { clientId: detail.clientId, trackingId: 'LPR-7K3M-Q9XD', accessToken: 'a'.repeat(32) } });
    const { detail: after } = await sent;
    otherTab.close();
    expect(after).to.deep.equal({ trackingId: 'LPR-7K3M-Q9XD', clientId: detail.clientId, queued: false });
    await el.updateComplete;
    expect($(el, '[part~="success"]')!.textContent).to.contain('LPR 7K3M Q9XD');
    expect(gw.reportPosts).to.have.length(0);
  });

  it('gateway down after the SDK retries → queued; the next page load sends it', async () => {
    gw.failNext.push('http500', 'http500', 'http500');
    const el = await mountForm();
    await fillValid(el);
    const queued = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    expect((await queued).detail.queued).to.equal(true);
    expect(gw.reportPosts).to.have.length(3);
    const [entry] = await listOutbox();
    expect(entry!.attempts).to.equal(1);

    // "Reload": a new form on the page drains the outbox when it connects.
    el.remove();
    await mountForm();
    await waitUntil(() => gw.created.size === 1, 'queued report sent on load', { timeout: 3000 });
    await waitUntil(async () => (await listOutbox()).length === 0, 'outbox emptied');
    expect(gw.reportPosts).to.have.length(4);
    expect(new Set(gw.reportPosts.map((p) => p.key))).to.deep.equal(new Set([entry!.idempotencyKey]));
  });

  it('a double click sends once; the button is busy meanwhile', async () => {
    const el = await mountForm();
    await fillValid(el);
    const button = submitButton(el);
    const submitted = oneEvent(el, 'lapor-submit');
    button.click();
    button.click();
    void el.submit();
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await submitted;
    await settle(el, 100);
    expect(gw.reportPosts).to.have.length(1);
  });

  it('a 4xx that is not about a field is not queued: lapor-error fires, nothing typed is lost', async () => {
    // Patient, as below: this test is about the 403, not about timeouts.
    const el = await mountForm({ client: testClient('id', { timeoutMs: 5_000 }) });
    worker.use(
      http.post('https://gw.test/v1/reports', () =>
        HttpResponse.json(
          { error: { code: 'origin_not_allowed', message: 'Situs ini tidak terdaftar untuk kunci situs tersebut.' } },
          { status: 403 },
        ),
      ),
    );
    await fillValid(el);
    const failed = oneEvent(el, 'lapor-error');
    submitButton(el).click();
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(Error);
    await el.updateComplete;
    expect(await listOutbox()).to.have.length(0);
    const alert = $(el, '.alert[role="alert"]')!;
    expect(alert.textContent).to.contain('tidak terdaftar');
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal(VALID.title);
    expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Coba lagi');
  });

  it('409 idempotency_conflict (the key went out with other content): explained, and the retry uses a new key', async () => {
    // A patient client: with the suite's 300 ms timeout, a busy machine (CI builds beside the
    // browser) timed the first POST out, the SDK's retry met the fake gateway instead of the
    // one-off 409, and the test waited for an error that never came.
    const client = testClient('id', { timeoutMs: 5_000 });
    let firstKey: string | null = null;
    worker.use(
      http.post(
        'https://gw.test/v1/reports',
        async ({ request }) => {
          firstKey = request.headers.get('Idempotency-Key');
          // Slower than the suite's 300 ms client, as on a busy machine: must not matter here.
          await new Promise((r) => setTimeout(r, 400));
          return HttpResponse.json(
            { error: { code: 'idempotency_conflict', message: 'Kunci pengiriman ini sudah dipakai untuk laporan lain.' } },
            { status: 409 },
          );
        },
        { once: true },
      ),
    );
    const el = await mountForm({ client });
    await fillValid(el);
    const failed = oneEvent(el, 'lapor-error');
    submitButton(el).click();
    await failed;
    await el.updateComplete;
    const retry = $<HTMLButtonElement>(el, '.alert button')!;
    const sent = oneEvent(el, 'lapor-submit');
    retry.click();
    expect((await sent).detail.queued).to.equal(false);
    expect(gw.reportPosts).to.have.length(1);
    expect(firstKey).to.be.a('string');
    expect(gw.reportPosts[0]!.key).not.to.equal(firstKey);
    expect(gw.created.size).to.equal(1);
  });

  it('works on a plain-http page (no crypto.randomUUID, no Web Locks): queued, then sent once', async () => {
    const randomUUID = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!;
    const locks = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')!;
    Object.defineProperty(Crypto.prototype, 'randomUUID', { configurable: true, value: undefined });
    Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
    try {
      setOnline(false);
      const { el, detail } = await submitFilledForm();
      expect(detail.clientId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      setOnline(true);
      const sent = oneEvent(el, 'lapor-submit');
      window.dispatchEvent(new Event('online'));
      await sent;
      expect(gw.reportPosts).to.have.length(1);
      expect(gw.reportPosts[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', randomUUID);
      Object.defineProperty(Navigator.prototype, 'locks', locks);
    }
  });
});
