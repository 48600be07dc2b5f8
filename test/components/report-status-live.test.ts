/**
 * `<lapor-report-status>` live: pushed changes, disconnects, catching up, offline, and the
 * errors of loading (one message for "no such report" and "wrong code").
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus, StatusChangeDetail } from '../../src/components/report-status/report-status.component.js';
import { loadLocale } from '../../src/i18n/load.js';
import { getSaved, saveReport } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport, clock, statusEvent } from '../fixtures/report-fixtures.js';
import { worker } from '../helpers/msw.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const currentStep = (el: Element) => text(q(el, '.stepper li[aria-current="step"] .label'));

let gw: FakeGateway;

async function mount(attrs: { live?: boolean; token?: string; lang?: string } = {}): Promise<LaporReportStatus> {
  return fixture<LaporReportStatus>(html`<lapor-report-status
    api=${API}
    site-key=${SITE_KEY}
    lang=${attrs.lang ?? 'id'}
    tracking-id=${TRACKING_A}
    access-token=${attrs.token ?? TOKEN_A}
    live=${attrs.live === false ? 'false' : 'true'}
  ></lapor-report-status>`);
}

function recordChanges(el: Element): StatusChangeDetail[] {
  const seen: StatusChangeDetail[] = [];
  el.addEventListener('lapor-status-change', (e) => seen.push((e as CustomEvent<StatusChangeDetail>).detail));
  return seen;
}

describe('<lapor-report-status> live', () => {
  useFakeGateway((fresh) => (gw = fresh));
  before(() => loadLocale('en'));

  it('applies a pushed change without reloading: stepper, highlight, polite announcement, one event', async () => {
    const report = gw.add(buildReport({ status: 'forwarded' }), TOKEN_A);
    const el = await mount();
    const changes = recordChanges(el);
    await until(() => expect(q(el, 'article')).to.exist);
    await until(() => expect(gw.openStreams).to.equal(1));
    await until(() => expect(text(q(el, '.connection'))).to.contain('Terhubung'));
    // One load, and one read when the stream first went live (closing the gap between them).
    await until(() => expect(gw.counts.get).to.equal(2));
    const gets = gw.counts.get;

    gw.push(statusEvent(report, 'in_progress'));
    await until(() => expect(currentStep(el)).to.equal('Sedang ditangani'));
    expect(changes).to.deep.equal([{ trackingId: TRACKING_A, from: 'forwarded', to: 'in_progress' }]);
    expect(q(el, '.stepper li.changed .label')?.textContent).to.equal('Sedang ditangani');
    const live = q(el, '[aria-live="polite"]')!;
    await until(() => expect(text(live)).to.equal('Status laporan berubah: Sedang ditangani'));
    expect(gw.counts.get, 'no reload').to.equal(gets);

    // The same event again (a replay) changes nothing and fires nothing.
    gw.push(gw.log[0]!);
    await new Promise((r) => setTimeout(r, 50));
    expect(changes).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('marks the changed step without motion when reduced motion is asked for', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const report = gw.add(buildReport({ status: 'verified' }), TOKEN_A);
      const el = await mount();
      await until(() => expect(q(el, 'article')).to.exist);
      await until(() => expect(gw.openStreams).to.equal(1));
      gw.push(statusEvent(report, 'forwarded'));
      await until(() => expect(q(el, '.stepper li.changed')).to.exist);
      expect(getComputedStyle(q(el, '.stepper li.changed')!).animationName).to.equal('none');
      expect(getComputedStyle(q(el, '.stepper li.changed')!).outlineStyle, 'still visibly marked').to.equal('solid');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('lets lapor-sla-breach bubble out from its countdowns', async () => {
    const due = new Date(Date.now() + 1200).toISOString();
    gw.add(buildReport({ status: 'submitted', clocks: [clock({ id: 'local.handle', startedAt: new Date(Date.now() - 3_600_000).toISOString(), dueAt: due })] }), TOKEN_A);
    const wrapper = await fixture(html`<div><lapor-report-status api=${API} site-key=${SITE_KEY} tracking-id=${TRACKING_A} access-token=${TOKEN_A} live="false"></lapor-report-status></div>`);
    const breaches: unknown[] = [];
    wrapper.addEventListener('lapor-sla-breach', (e) => breaches.push((e as CustomEvent).detail));
    await until(() => expect(breaches).to.have.length(1), 5000);
    expect(breaches[0]).to.deep.include({ clockId: 'local.handle', due });
  });

  it('lets lapor-status-change bubble out of the element, composed', async () => {
    const report = gw.add(buildReport({ status: 'submitted' }), TOKEN_A);
    const wrapper = await fixture(html`<div><lapor-report-status api=${API} site-key=${SITE_KEY} tracking-id=${TRACKING_A} access-token=${TOKEN_A}></lapor-report-status></div>`);
    const seen: string[] = [];
    wrapper.addEventListener('lapor-status-change', (e) => seen.push((e as CustomEvent<StatusChangeDetail>).detail.to));
    const el = wrapper.querySelector('lapor-report-status')!;
    await until(() => expect(q(el, 'article')).to.exist);
    await until(() => expect(gw.openStreams).to.equal(1));
    gw.push(statusEvent(report, 'verified'));
    await until(() => expect(seen).to.deep.equal(['verified']));
  });

  it('catches up after a disconnect: events in between applied in order, none twice; offline meanwhile', async () => {
    const report = gw.add(buildReport({ status: 'submitted' }), TOKEN_A);
    const el = await mount();
    const changes = recordChanges(el);
    await until(() => expect(q(el, 'article')).to.exist);
    await until(() => expect(gw.openStreams).to.equal(1));
    const e1 = statusEvent(report, 'verified');
    gw.push(e1);
    await until(() => expect(currentStep(el)).to.equal('Terverifikasi'));

    // Connection lost; the gateway cannot be reached for a while.
    gw.down = true;
    gw.dropStreams();
    const e2 = statusEvent(e1.report, 'forwarded');
    const e3 = statusEvent(e2.report, 'in_progress');
    gw.push(e2);
    gw.push(e3);
    await until(() => expect(text(q(el, '.connection'))).to.contain('offline'));
    expect(text(q(el, '.connection'))).to.contain('Terakhir diperbarui');
    expect(currentStep(el), 'the last known state stays').to.equal('Terverifikasi');
    await expect(el).to.be.accessible();

    gw.down = false;
    await until(() => expect(currentStep(el)).to.equal('Sedang ditangani'));
    await new Promise((r) => setTimeout(r, 50));
    expect(changes.map((c) => `${c.from}>${c.to}`)).to.deep.equal([
      'submitted>verified',
      'verified>forwarded',
      'forwarded>in_progress',
    ]);
    const resumed = gw.eventUrls.at(-1)!;
    expect(resumed.searchParams.get('lastEventId'), 'resumes from the last event seen').to.equal(e1.id);
    expect(resumed.searchParams.has('accessToken')).to.equal(false);
    expect(resumed.toString()).not.to.contain(TOKEN_A);
  });

  it('joins the shared live connection only once its code is accepted', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    const wrong = await mount({ token: 'w'.repeat(32) });
    await until(() => expect(q(wrong, '[part="not-found"]')).to.exist);
    await new Promise((r) => setTimeout(r, 50));
    expect(gw.counts.watch, 'a wrong code never reaches POST /v1/watch').to.equal(0);

    const right = await mount();
    await until(() => expect(gw.openStreams).to.equal(1));
    expect(gw.watchBodies.flatMap((b) => b.reports.map((r) => r.accessToken))).to.deep.equal([TOKEN_A]);
    expect(q(right, 'article')).to.exist;
  });

  it('closes the gap between the load and the stream with one read when it goes live', async () => {
    const report = gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    // The change lands after the load answered and before the stream opened.
    let loads = 0;
    worker.use(
      http.get(`${API}/v1/reports/:id`, () => {
        loads++;
        if (loads === 1) {
          const answer = HttpResponse.json(report);
          gw.push(statusEvent(report, 'forwarded'));
          return answer;
        }
        return undefined;
      }),
    );
    const el = await mount();
    await until(() => expect(currentStep(el)).to.equal('Diteruskan ke instansi'));
  });

  it('ignores an event older than what it shows', async () => {
    const report = gw.add(buildReport({ status: 'submitted' }), TOKEN_A);
    const el = await mount();
    const changes = recordChanges(el);
    await until(() => expect(q(el, 'article')).to.exist);
    await until(() => expect(gw.openStreams).to.equal(1));
    const newer = statusEvent(report, 'forwarded', { atMs: Date.parse(report.updatedAt) + 120_000 });
    const older = statusEvent(report, 'verified', { atMs: Date.parse(report.updatedAt) + 60_000 });
    gw.push(newer);
    gw.push(older);
    await until(() => expect(currentStep(el)).to.equal('Diteruskan ke instansi'));
    await new Promise((r) => setTimeout(r, 50));
    expect(currentStep(el)).to.equal('Diteruskan ke instansi');
    expect(changes).to.have.length(1);
  });

  it('shows the window going offline at once, keeping the last state', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    const el = await mount({ lang: 'en' });
    await until(() => expect(q(el, 'article')).to.exist);
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(text(q(el, '.connection'))).to.contain('You are offline').and.contain('Last updated');
    expect(currentStep(el)).to.equal('Verified');
    window.dispatchEvent(new Event('online'));
  });

  it('shows the saved snapshot at once while loading, and persists what arrives live', async () => {
    const saved = buildReport({ status: 'verified' });
    await saveReport({ trackingId: TRACKING_A, accessToken: TOKEN_A, api: API, title: saved.title, classification: 'complaint', status: 'verified', savedAt: saved.createdAt, report: saved });
    let open!: () => void;
    gw.getGate = new Promise<void>((r) => (open = r));
    const current = gw.add(buildReport({ status: 'forwarded', updatedAt: '2026-12-07T09:00:00.000Z' }), TOKEN_A);
    const el = await mount();
    const changes = recordChanges(el);
    await until(() => expect(currentStep(el)).to.equal('Terverifikasi'));
    open();
    await until(() => expect(currentStep(el)).to.equal('Diteruskan ke instansi'));
    expect(changes, 'catching up from the saved copy is not a live change').to.have.length(0);

    await until(() => expect(gw.openStreams).to.be.greaterThan(0));
    gw.push(statusEvent(current, 'in_progress'));
    await until(async () => expect((await getSaved(TRACKING_A))?.status).to.equal('in_progress'));
  });

  it('uses one message for a missing report and a wrong code (404 and 401 alike), showing nothing of it', async () => {
    const shown: string[] = [];
    gw.add(buildReport({ status: 'in_progress', secret: true }), 'the-real-code-xxxxxxxxxxxxx');
    for (const status of [404, 401]) {
      gw.wrongCodeStatus = status;
      const el = await mount({ live: false });
      await until(() => expect(q(el, '[part="not-found"]')).to.exist);
      shown.push(text(q(el, '[part="not-found"]')));
      expect(q(el, 'article'), 'nothing of the report').to.equal(null);
      expect(q<HTMLInputElement>(el, '#trackingId')!.value, 'the form keeps what was asked').to.equal(TRACKING_A);
      await expect(el).to.be.accessible();
    }
    gw.reports.clear();
    const missing = await mount({ live: false });
    await until(() => expect(q(missing, '[part="not-found"]')).to.exist);
    shown.push(text(q(missing, '[part="not-found"]')));
    expect(new Set(shown).size, shown.join(' | ')).to.equal(1);
    expect(shown[0]).to.equal('Laporan tidak ditemukan. Periksa kembali nomor pelacakan dan kode akses Anda.');
  });

  it('offers a retry after a server error and keeps the last known state', async () => {
    const saved = buildReport({ status: 'verified' });
    await saveReport({ trackingId: TRACKING_A, accessToken: TOKEN_A, api: API, title: saved.title, classification: 'complaint', status: 'verified', savedAt: saved.createdAt, report: saved });
    gw.add(buildReport({ status: 'forwarded', updatedAt: '2026-12-07T09:00:00.000Z' }), TOKEN_A);
    gw.getStatus = 500;
    const el = await mount({ live: false });
    await until(() => expect(q(el, '[part="error"]')).to.exist);
    expect(text(q(el, '[part="error"]'))).to.contain('gangguan pada server');
    expect(currentStep(el)).to.equal('Terverifikasi');
    await expect(el).to.be.accessible();

    gw.getStatus = undefined;
    q<HTMLButtonElement>(el, '[part="error"] button')!.click();
    await until(() => expect(currentStep(el)).to.equal('Diteruskan ke instansi'));
    expect(q(el, '[part="error"]')).to.equal(null);
  });

  it('offers a retry when the network is down and nothing is known yet', async () => {
    gw.add(buildReport({ status: 'verified' }), TOKEN_A);
    gw.down = true;
    const el = await mount({ live: false, lang: 'en' });
    await until(() => expect(q(el, '[part="error"]')).to.exist);
    expect(text(q(el, '[part="error"]'))).to.contain('check your internet connection');
    await expect(el).to.be.accessible();
    gw.down = false;
    q<HTMLButtonElement>(el, '[part="error"] button')!.click();
    await until(() => expect(q(el, 'article')).to.exist);
  });
});
