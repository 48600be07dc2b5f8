/**
 * The launcher painted before the bundle (src/embed/launcher.ts, issue 27): the loader
 * fetches it first thing, and it draws <lapor-widget>'s launcher with the same look,
 * words and tokens, opens a "Memuat…" dialog on a tap, and says so when the bundle's
 * download fails. The bundle here is fake (or missing): the real hand-over is in
 * launcher-handoff.test.ts.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/widget/widget.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import { common as idCommon, launcherPending as idPending, widget as idWidget } from '../../src/i18n/locales/id.js';
import { common as enCommon, widget as enWidget } from '../../src/i18n/locales/en.js';
import { bundleScripts, lw, paintedParts, paste, painted, queued, until } from './launcher-helpers.js';

const SNIPPET = 'window.LaporWidget = window.LaporWidget || function(){(LaporWidget.q=LaporWidget.q||[]).push(arguments)}';
let pasted: Element[] = [];

async function paint(variant: string, data: Record<string, string> = {}) {
  pasted.push(await paste(variant, { load: 'interaction', ...data }));
  return paintedParts(await until(painted, 'the painted launcher'));
}

/** <lapor-widget> as the bundle makes it, for comparison. */
async function realWidget(attrs: Record<string, string>): Promise<LaporWidget> {
  const el = document.createElement('lapor-widget') as LaporWidget;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => {
  // Loaders still waiting for an interaction would inject into the next test: let them fire now.
  window.dispatchEvent(new KeyboardEvent('keydown'));
  for (const el of document.querySelectorAll('lapor-embed-launcher, lapor-widget')) el.remove();
  for (const el of [...pasted, ...document.querySelectorAll('script[src*="/__embed/"]')]) el.remove();
  pasted = [];
  delete window.LaporWidget;
  document.documentElement.removeAttribute('lang');
  document.body.style.removeProperty('--lapor-color-accent');
});

const box = (el: Element) => {
  const r = el.getBoundingClientRect();
  return { left: Math.round(r.left), top: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) };
};
const looks = (el: Element) => {
  const s = getComputedStyle(el);
  return {
    background: s.backgroundColor,
    color: s.color,
    font: `${s.fontWeight} ${s.fontSize}/${s.lineHeight} ${s.fontFamily}`,
    radius: s.borderRadius,
    shadow: s.boxShadow,
    padding: s.padding,
    position: s.position,
    zIndexSet: s.zIndex !== 'auto',
  };
};
const realLauncher = (el: LaporWidget) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;

describe('painted launcher: before the bundle', () => {
  it('is on screen, named "Lapor", while the bundle has not even been requested', async () => {
    const { launcher } = await paint('fake');
    expect(bundleScripts('fake')).to.have.length(0);
    const r = launcher.getBoundingClientRect();
    expect(r.width).to.be.greaterThan(44);
    expect(r.height).to.be.at.least(48);
    expect(r.right).to.be.at.most(window.innerWidth);
    expect(r.bottom).to.be.at.most(window.innerHeight);
    expect(launcher.textContent!.trim()).to.equal(idWidget['widget.launcher']);
    expect(launcher.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
  });

  it('looks exactly like <lapor-widget>’s launcher, and follows the same --lapor-* tokens', async () => {
    document.body.style.setProperty('--lapor-color-accent', '#7a1f5c');
    const { launcher } = await paint('fake');
    const real = await realWidget({ lang: 'id' });
    expect(looks(launcher)).to.deep.equal(looks(realLauncher(real)));
    expect(box(launcher)).to.deep.equal(box(realLauncher(real)));
    expect(looks(launcher).background).to.equal('rgb(122, 31, 92)');
    real.remove();
  });

  it('follows data-position="left" and data-theme="dark" as the widget does', async () => {
    const { launcher } = await paint('fake', { position: 'left', theme: 'dark' });
    const real = await realWidget({ lang: 'id', position: 'left', theme: 'dark' });
    expect(box(launcher)).to.deep.equal(box(realLauncher(real)));
    expect(looks(launcher)).to.deep.equal(looks(realLauncher(real)));
    // The dark-scheme accent (tokens.styles.ts), not the light one.
    expect(looks(launcher).background).to.equal('rgb(140, 196, 255)');
    real.remove();
  });

  it('speaks English with data-lang="en" or <html lang="en-GB">, in en.ts’s words', async () => {
    let { launcher } = await paint('fake', { lang: 'en' });
    expect(launcher.textContent!.trim()).to.equal(enWidget['widget.launcher']);
    document.querySelector('lapor-embed-launcher')!.remove();
    delete window.LaporWidget;
    document.documentElement.lang = 'en-GB';
    ({ launcher } = await paint('fake'));
    expect(launcher.textContent!.trim()).to.equal(enWidget['widget.launcher']);
  });

  it('uses the page’s own words queued with `translate` before the loader', async () => {
    new Function(SNIPPET)();
    window.LaporWidget!('translate', { $code: 'id', 'widget.launcher': 'Aduan' });
    const { launcher } = await paint('fake');
    expect(launcher.textContent!.trim()).to.equal('Aduan');
  });

  it('says "1 belum terkirim" when a report waits in the outbox, as the widget does, at the same size', async () => {
    // One entry in issue 24's outbox (store/outbox-queue.ts: database lapor-outbox, store outbox).
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('lapor-outbox', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'clientId' });
      open.onsuccess = () => {
        const tx = open.result.transaction('outbox', 'readwrite');
        tx.objectStore('outbox').put({ clientId: 'painter-test', createdAt: new Date().toISOString() });
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    try {
      const { launcher } = await paint('fake');
      const label = await until(() => launcher.querySelector('[part="pending"]'), 'the pending count');
      expect(label.textContent).to.equal(idPending['widget.pending'].replace('{n}', '1'));
      const real = await realWidget({ lang: 'id', pending: '1' });
      expect(box(launcher)).to.deep.equal(box(realLauncher(real)));
      await expect(document.querySelector('lapor-embed-launcher')).to.be.accessible();
    } finally {
      await new Promise((r) => (indexedDB.deleteDatabase('lapor-outbox').onsuccess = r));
    }
  });

  it('draws nothing with data-launcher="none" (and does not even fetch the painter)', async () => {
    pasted.push(await paste('fake', { load: 'interaction', launcher: 'none' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(document.querySelector('lapor-embed-launcher')).to.equal(null);
    expect(document.querySelector('script[src$="/lapor-launcher.js"]')).to.equal(null);
  });

  it('uses no inline style: constructed style sheets only', async () => {
    await paint('fake');
    const root = painted()!;
    expect(root.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(root.querySelectorAll('style, [style]')).to.have.length(0);
    expect(document.querySelector('lapor-embed-launcher')!.hasAttribute('style')).to.equal(false);
  });
});

describe('painted launcher: a tap before the bundle', () => {
  it('opens a dialog saying "Memuat…" at once, queues `open` and fetches the bundle', async () => {
    const { launcher, dialog } = await paint('fake');
    launcher.click();
    expect(dialog.open).to.equal(true);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    const status = dialog.querySelector('[role="status"]')!;
    expect(status.textContent).to.equal(idCommon['common.loading']);
    expect(dialog.querySelector('h2')!.textContent).to.equal(idWidget['widget.title']);
    expect(queued()).to.deep.equal(['open']);
    expect(bundleScripts('fake')).to.have.length(1);
    await expect(document.querySelector('lapor-embed-launcher')).to.be.accessible();
  });

  it('works from the keyboard: Enter opens, Esc closes, focus comes back, and `close` is queued', async () => {
    const { launcher, dialog, close } = await paint('fake');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    expect(dialog.open).to.equal(true);
    expect(painted()!.activeElement).to.equal(close);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    await until(() => painted()!.activeElement === launcher, 'focus back on the launcher');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    // The bundle must not open a dialog the citizen already closed.
    expect(queued()).to.deep.equal(['open', 'close']);
    // Space works as well (a real <button>).
    await sendKeys({ press: 'Space' });
    expect(dialog.open).to.equal(true);
  });

  it('the close button closes it and says "Tutup" to a screen reader', async () => {
    const { launcher, dialog, close } = await paint('fake');
    launcher.click();
    expect(close.getAttribute('aria-label')).to.equal(idCommon['common.close']);
    close.click();
    expect(dialog.open).to.equal(false);
    await until(() => queued().length === 2, '`close` queued');
    expect(queued()).to.deep.equal(['open', 'close']);
  });

  it('follows `open` and `close` commands issued before the bundle', async () => {
    const { dialog } = await paint('fake');
    lw()('open');
    expect(dialog.open).to.equal(true);
    lw()('close');
    expect(dialog.open).to.equal(false);
    expect(queued()).to.deep.equal(['open', 'close']);
  });

  it('says the download failed, in words and to a screen reader, and tries again', async () => {
    const { launcher, dialog } = await paint('missing', { lang: 'en' });
    launcher.click();
    const alert = await until(() => dialog.querySelector('[role="alert"]'), 'the failure notice');
    expect(alert.textContent).to.contain(enWidget['widget.loadFailed']);
    const retry = alert.querySelector('button')!;
    expect(retry.textContent).to.equal(enCommon['common.retry']);
    await expect(document.querySelector('lapor-embed-launcher')).to.be.accessible();
    const before = document.querySelectorAll('script[src$="/__embed/missing/lapor-widget.js"]').length;
    retry.click();
    expect(dialog.querySelector('[role="status"]')!.textContent).to.equal(enCommon['common.loading']);
    // The failed script was removed; a new one is on its way.
    expect(bundleScripts('missing').length).to.be.greaterThan(before);
    await until(() => dialog.querySelector('[role="alert"]'), 'the second failure notice');
  });
});
