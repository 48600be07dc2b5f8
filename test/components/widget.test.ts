/**
 * <lapor-widget>: launcher, modal dialog (focus in, focus kept, Esc, focus back), WAI-ARIA
 * tabs, lazily created panels, the form/status hand-off, the badge, and axe in id and en.
 */
import { expect, fixture, html, oneEvent, aTimeout, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/components/widget/widget.js';
import '../../src/components/report-form/report-form.js';
import { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import { deleteDB } from 'idb';
import { closeSavedReports, saveReport, updateSnapshot, markSeen, SAVED_REPORTS_DB } from '../../src/store/saved-reports.js';
import { OUTBOX_DB, closeOutbox, enqueue, removeFromOutbox } from '../../src/store/outbox-queue.js';
import { loadLocale } from '../../src/i18n/load.js';
import { HOUR, TOKEN_A, TRACKING_A, at, buildReport } from '../fixtures/report-fixtures.js';

/** The focused element, looking through shadow roots. */
function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Is `node` inside `container`, crossing shadow boundaries upwards? */
function within(node: Node | null, container: Node): boolean {
  for (let n = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === container) return true;
  return false;
}

const $ = <T extends Element = HTMLElement>(el: LaporWidget, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const dialogOf = (el: LaporWidget) => $<HTMLDialogElement>(el, 'dialog');
const launcherOf = (el: LaporWidget) => $<HTMLButtonElement>(el, '[part="launcher"]');
const selectedTab = (el: LaporWidget) => $(el, '[role="tab"][aria-selected="true"]');

/** Run `body` with `target[key]` replaced by `fake`, putting the original back afterwards. */
async function withReplaced<T extends object, K extends keyof T>(target: T, key: K, fake: T[K], body: () => Promise<void>): Promise<void> {
  const original = target[key];
  target[key] = fake;
  try {
    await body();
  } finally {
    target[key] = original;
  }
}

async function openByClick(el: LaporWidget): Promise<void> {
  const opened = oneEvent(el, 'lapor-open');
  launcherOf(el).click();
  await opened;
}

afterEach(async () => {
  await setViewport({ width: 1024, height: 768 });
});

describe('<lapor-widget> launcher', () => {
  it('renders a labelled launcher on the right by default, on the left with position="left"', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    const button = launcherOf(el);
    expect(button.textContent).to.contain('Lapor');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const right = button.getBoundingClientRect();
    expect(window.innerWidth - right.right).to.be.closeTo(16, 1);
    el.position = 'left';
    await el.updateComplete;
    expect(el.getAttribute('position')).to.equal('left');
    expect(button.getBoundingClientRect().left).to.be.closeTo(16, 1);
  });

  it('shows no launcher with launcher="none"', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget launcher="none"></lapor-widget>`);
    expect(el.shadowRoot!.querySelector('[part="launcher"]')).to.equal(null);
  });

  it('is accessible closed, in Indonesian and in English', async () => {
    const id = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await expect(id).to.be.accessible();
    const en = await fixture<LaporWidget>(html`<lapor-widget lang="en"></lapor-widget>`);
    // The English catalog loads on demand: wait for it, not for a guessed time.
    await waitUntil(() => launcherOf(en).textContent?.includes('Report'), 'the launcher speaks English', { timeout: 5000 });
    await expect(en).to.be.accessible();
  });

  it('shows a badge with a spoken count when saved reports have news', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    expect(el.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
    document.dispatchEvent(new CustomEvent('lapor-unseen-change', { detail: { count: 2 } }));
    await el.updateComplete;
    const badge = $(el, '[part="badge"]');
    expect(badge.textContent).to.contain('2');
    expect(launcherOf(el).textContent).to.contain('2 laporan Anda ada kabar baru');
    await expect(el).to.be.accessible();
    document.dispatchEvent(new CustomEvent('lapor-unseen-change', { detail: { count: 0 } }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
  });
});

describe('<lapor-widget> badge from the saved reports', () => {
  beforeEach(async () => {
    await closeSavedReports();
    await deleteDB(SAVED_REPORTS_DB);
  });

  it('counts saved reports with news without opening "Laporan saya", and clears when seen', async () => {
    const first = buildReport({ trackingId: TRACKING_A, updatedAt: at(0) });
    await saveReport({ trackingId: TRACKING_A, accessToken: TOKEN_A, api: 'https://gw.example', title: first.title, classification: first.classification, status: first.status, savedAt: at(0), report: first });
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    // Seen as saved: no badge.
    await aTimeout(100);
    expect(el.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
    // A newer snapshot arrives (the status view or the live connection stored it).
    await updateSnapshot(TRACKING_A, buildReport({ trackingId: TRACKING_A, status: 'verified', updatedAt: at(HOUR) }));
    await waitUntil(() => el.shadowRoot!.querySelector('[part="badge"]'), 'badge shown', { timeout: 8000 });
    expect($(el, '[part="badge"]').textContent).to.contain('1');
    await markSeen(TRACKING_A, at(HOUR));
    await waitUntil(() => !el.shadowRoot!.querySelector('[part="badge"]'), 'badge cleared');
  });
});

describe('<lapor-widget> "belum terkirim" (issue 24: reports queued on this device)', () => {
  before(() => loadLocale('en'));
  beforeEach(async () => {
    await closeOutbox();
    await deleteDB(OUTBOX_DB);
  });

  it('says on the launcher how many reports wait, from the embed\'s count, in both languages with plural forms', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id" pending="1"></lapor-widget>`);
    expect($(el, '[part="pending"]').textContent).to.equal('1 belum terkirim');
    // In the button's name, so it is heard as well as seen.
    expect(launcherOf(el).textContent!.replace(/\s+/g, ' ')).to.contain('Lapor 1 belum terkirim');
    await expect(el).to.be.accessible();
    const en = await fixture<LaporWidget>(html`<lapor-widget lang="en" pending="2"></lapor-widget>`);
    await waitUntil(() => $(en, '[part="pending"]')?.textContent === '2 reports not sent yet', 'English plural');
    en.pending = 1;
    await en.updateComplete;
    expect($(en, '[part="pending"]').textContent).to.equal('1 report not sent yet');
    en.pending = 0;
    await en.updateComplete;
    expect(en.shadowRoot!.querySelector('[part="pending"]')).to.equal(null);
  });

  it('keeps the count itself: a report queued or sent in any tab changes it', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id" pending="1"></lapor-widget>`);
    await enqueue({
      clientId: 'queued-1',
      idempotencyKey: 'idem-queued-1',
      api: 'https://gw.example',
      siteKey: 'demo-opd',
      input: { classification: 'aspiration', title: 'Usul taman bermain di kelurahan', body: 'Mohon dibangun taman bermain anak di lahan kosong dekat balai kelurahan.', location: { text: 'Penganjuran' } },
      attachments: [],
      createdAt: new Date().toISOString(),
      attempts: 0,
    });
    await waitUntil(() => el.getAttribute('pending') === '1', 'counted');
    await removeFromOutbox('queued-1');
    await waitUntil(() => !el.shadowRoot!.querySelector('[part="pending"]'), 'sent: the note goes');
    expect(el.pending).to.equal(0);
  });
});

describe('<lapor-widget> dialog', () => {
  it('opens a modal dialog from the launcher, focus on the selected tab', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(dialogOf(el).open).to.equal(true);
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    expect(launcherOf(el).getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive()).to.equal(selectedTab(el));
    expect(selectedTab(el).textContent!.trim()).to.equal('Buat laporan');
    expect(el.shadowRoot!.querySelector('#panel-form lapor-report-form')).to.exist;
  });

  it('Esc closes it, fires lapor-close and returns focus to the launcher', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    launcherOf(el).focus();
    await openByClick(el);
    const closed = oneEvent(el, 'lapor-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(el.open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(dialogOf(el).open).to.equal(false);
    expect(deepActive()).to.equal(launcherOf(el));
  });

  it('the close button closes it and focus returns to the launcher', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const closed = oneEvent(el, 'lapor-close');
    $(el, '[part="close-button"]').click();
    await closed;
    expect(deepActive()).to.equal(launcherOf(el));
  });

  it('keeps focus inside while open: Tab and Shift+Tab never reach the page', async () => {
    const outside = await fixture(html`<div><button id="page-before">page</button><lapor-widget lang="id"></lapor-widget><button id="page-after">page</button></div>`);
    const el = outside.querySelector('lapor-widget') as LaporWidget;
    await el.updateComplete;
    await openByClick(el);
    const dialog = dialogOf(el);
    const seen = new Set<Element>();
    for (let i = 0; i < 60; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      // The browser's own UI may take focus (active = body) between cycles; the page never does.
      if (active && active !== document.body) {
        expect(within(active, dialog), `Tab ${i + 1} focused ${active.outerHTML.slice(0, 80)}`).to.equal(true);
        seen.add(active);
      }
    }
    await sendKeys({ down: 'Shift' });
    try {
      for (let i = 0; i < 10; i++) {
        await sendKeys({ press: 'Tab' });
        const active = deepActive();
        if (active && active !== document.body) expect(within(active, dialog)).to.equal(true);
      }
    } finally {
      await sendKeys({ up: 'Shift' });
    }
    // It cycled: the close button (first in the dialog) was reached again.
    expect(seen.has($(el, '[part="close-button"]'))).to.equal(true);
  });

  it('the `open` attribute opens it and removing it closes it', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget open lang="id"></lapor-widget>`);
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(true);
    const closed = oneEvent(el, 'lapor-close');
    el.removeAttribute('open');
    await closed;
    expect(dialogOf(el).open).to.equal(false);
  });

  it('is a full-screen sheet on a small screen', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const box = dialogOf(el).getBoundingClientRect();
    expect(box.width).to.equal(360);
    expect(box.height).to.equal(640);
    expect(box.top).to.equal(0);
    // The title bar and the tabs keep their size (only the panel scrolls), and all tabs fit.
    expect($(el, '[role="tablist"]').getBoundingClientRect().height).to.be.at.least(44);
    for (const tab of el.shadowRoot!.querySelectorAll('[role="tab"]')) {
      const r = tab.getBoundingClientRect();
      expect(r.right).to.be.at.most(360);
      expect(r.height).to.be.at.least(44);
      expect(tab.scrollWidth).to.be.at.most(tab.clientWidth + 1);
    }
  });

  it('keeps its size and place when another tab is shown (no re-centring, tabs do not jump)', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const before = dialogOf(el).getBoundingClientRect();
    $(el, '#tab-mine').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#panel-mine lapor-my-reports'), 'my reports shown', { timeout: 5000 });
    await aTimeout(100);
    const after = dialogOf(el).getBoundingClientRect();
    expect([after.top, after.height]).to.deep.equal([before.top, before.height]);
  });

  it('at 200 % zoom (a 640×384 CSS px viewport) header and tabs leave the panel most of the height', async () => {
    await setViewport({ width: 640, height: 384 });
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const dialog = dialogOf(el).getBoundingClientRect().height;
    const chrome = $(el, '[part="header"]').getBoundingClientRect().height + $(el, '[role="tablist"]').getBoundingClientRect().height;
    expect(chrome / dialog, `header + tabs ${chrome}px of ${dialog}px`).to.be.lessThan(0.3);
    for (const tab of el.shadowRoot!.querySelectorAll('[role="tab"]')) expect(tab.getBoundingClientRect().height).to.be.at.least(44);
    expect($(el, '.close').getBoundingClientRect().height).to.be.at.least(44);
  });

  it('at 400 % zoom (320 CSS px wide) the tab strip never scrolls sideways: "Laporan saya" stays in view', async () => {
    await setViewport({ width: 320, height: 180 });
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const strip = $(el, '[role="tablist"]');
    expect(strip.scrollWidth, 'no sideways scroll').to.be.at.most(strip.clientWidth);
    const right = dialogOf(el).getBoundingClientRect().right;
    for (const tab of el.shadowRoot!.querySelectorAll('[role="tab"]')) {
      const box = tab.getBoundingClientRect();
      expect(box.right, `${tab.textContent!.trim()} inside the dialog`).to.be.at.most(right + 0.5);
      expect(box.width).to.be.at.least(24);
    }
  });

  it('cannot be scrolled away from its header, by script or by focus', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const dialog = dialogOf(el);
    dialog.scrollTop = 900;
    expect(dialog.scrollTop).to.equal(0);
    expect(getComputedStyle(dialog).overflow).to.equal('clip');
  });

  it('is a centred card on a wide screen', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const box = dialogOf(el).getBoundingClientRect();
    expect(box.width).to.be.lessThan(700);
    expect(Math.abs(box.left - (window.innerWidth - box.right))).to.be.lessThan(2);
  });

  it('is accessible open, in Indonesian and in English', async () => {
    for (const lang of ['id', 'en']) {
      const el = await fixture<LaporWidget>(html`<lapor-widget lang=${lang}></lapor-widget>`);
      await aTimeout(50);
      await openByClick(el);
      await aTimeout(50);
      expect(selectedTab(el).textContent!.trim()).to.equal(lang === 'id' ? 'Buat laporan' : 'New report');
      await expect(el).to.be.accessible();
      el.close();
    }
  });
});

describe('<lapor-widget> tabs', () => {
  it('follows the WAI-ARIA tabs pattern: arrows wrap, Home/End, one tab stop', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    const tabs = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(el.shadowRoot!.querySelector('[role="tablist"]')!.getAttribute('aria-label')).to.equal('Pilihan layanan');
    const expectSelected = async (index: number) => {
      await el.updateComplete;
      tabs.forEach((tab, i) => {
        expect(tab.getAttribute('aria-selected')).to.equal(String(i === index));
        expect(tab.tabIndex).to.equal(i === index ? 0 : -1);
        const panel = el.shadowRoot!.getElementById(tab.getAttribute('aria-controls')!)!;
        expect(panel.hidden).to.equal(i !== index);
        expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
      });
      expect(deepActive()).to.equal(tabs[index]);
    };
    await expectSelected(0);
    await sendKeys({ press: 'ArrowRight' });
    await expectSelected(1);
    await sendKeys({ press: 'ArrowRight' });
    await expectSelected(2);
    await sendKeys({ press: 'ArrowRight' });
    await expectSelected(0);
    await sendKeys({ press: 'ArrowLeft' });
    await expectSelected(2);
    await sendKeys({ press: 'Home' });
    await expectSelected(0);
    await sendKeys({ press: 'End' });
    await expectSelected(2);
  });

  it('creates a panel only when its tab is first opened, loading the status view lazily', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    await openByClick(el);
    expect($(el, '#panel-track').children).to.have.length(0);
    $(el, '#tab-track').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#panel-track lapor-report-status'), 'status view rendered');
    expect(customElements.get('lapor-report-status')).to.exist;
    // The form panel stays (what the citizen typed is not thrown away by switching tabs).
    expect(el.shadowRoot!.querySelector('#panel-form lapor-report-form')).to.exist;
  });
});

describe('<lapor-widget> methods and hand-offs', () => {
  it('prefill() fills the form without opening the dialog', async () => {
    const calls: unknown[] = [];
    const recordPrefill: LaporReportForm['prefill'] = function (data) {
      calls.push(data);
    };
    await withReplaced(LaporReportForm.prototype, 'prefill', recordPrefill, async () => {
      const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
      await el.prefill({ title: 'Lampu jalan mati', classification: 'complaint' });
      expect(calls).to.deep.equal([{ title: 'Lampu jalan mati', classification: 'complaint' }]);
      expect(el.open).to.equal(false);
    });
  });

  it('track() opens the track tab and asks the status view for that report', async () => {
    const calls: unknown[][] = [];
    const recordTrack: LaporReportStatus['track'] = async function (id, token) {
      calls.push([id, token]);
    };
    await withReplaced(LaporReportStatus.prototype, 'track', recordTrack, async () => {
      const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
      const opened = oneEvent(el, 'lapor-open');
      await el.track('LPR-7K3M-Q9XD', 'kode-akses');
      await opened;
      expect(el.open).to.equal(true);
      expect(el.tab).to.equal('track');
      expect(calls).to.deep.equal([['LPR-7K3M-Q9XD', 'kode-akses']]);
      el.close();
    });
  });

  it('the form asking to follow a report (lapor-track) switches to the track tab', async () => {
    const calls: unknown[][] = [];
    const recordTrack: LaporReportStatus['track'] = async function (id, token) {
      calls.push([id, token]);
    };
    await withReplaced(LaporReportStatus.prototype, 'track', recordTrack, async () => {
      const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
      await openByClick(el);
      const form = el.shadowRoot!.querySelector('lapor-report-form')!;
      form.dispatchEvent(new CustomEvent('lapor-track', { detail: { trackingId: 'LPR-AAAA-BBBB', accessToken: 't0k' }, bubbles: true, composed: true }));
      await waitUntil(() => calls.length > 0, 'status view asked to track');
      expect(el.tab).to.equal('track');
      expect(selectedTab(el).id).to.equal('tab-track');
      expect(calls).to.deep.equal([['LPR-AAAA-BBBB', 't0k']]);
      // The pressed button is hidden with the form: focus goes to the panel shown instead
      // (named "Lacak laporan" by its tab), never to the page's body.
      await waitUntil(() => deepActive() === $(el, '#panel-track'), 'focus on the track panel');
      expect($(el, '#panel-track').getAttribute('aria-labelledby')).to.equal('tab-track');
      el.close();
    });
  });

  it('passes its api and site key down by inheritance', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget api="https://gw.example" site-key="dinkes-bwi" lang="id"></lapor-widget>`);
    await openByClick(el);
    const form = el.shadowRoot!.querySelector('lapor-report-form') as unknown as { effectiveApi: string; effectiveSiteKey: string };
    expect(form.effectiveApi).to.equal('https://gw.example');
    expect(form.effectiveSiteKey).to.equal('dinkes-bwi');
    el.close();
  });
});

describe('<lapor-widget> offline readiness', () => {
  it('once opened, fetches the other tabs and the views they load on demand while there is a connection', async () => {
    const { reportListModule } = await import('../../src/components/my-reports/my-reports.component.js');
    const { reportViewModule } = await import('../../src/components/report-status/report-status.component.js');
    const asked: string[] = [];
    reportListModule.setImportForTests(() => (asked.push('list'), import('../../src/components/my-reports/report-list.js')));
    reportViewModule.setImportForTests(() => (asked.push('view'), import('../../src/components/report-status/report-view.js')));
    try {
      const el = await fixture<LaporWidget>(html`<lapor-widget lang="id" api="https://gw.invalid"></lapor-widget>`);
      await openByClick(el);
      // Idle time after opening (requestIdleCallback, at most 5 s).
      await waitUntil(() => reportListModule.loaded() && reportViewModule.loaded(), 'the list and the report view are fetched', { timeout: 6000 });
      expect(customElements.get('lapor-my-reports')).to.exist;
      expect(customElements.get('lapor-report-status')).to.exist;
      expect(asked.sort()).to.deep.equal(['list', 'view'], 'each once');
    } finally {
      reportListModule.setImportForTests();
      reportViewModule.setImportForTests();
    }
  });
});
