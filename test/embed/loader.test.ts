/**
 * The script-tag loader, run from source as the classic script a webmaster pastes
 * (fixtures/lapor-embed.ts is a symlink to src/embed/loader.ts, with a fake bundle
 * beside it). Each test starts from a page with no LaporWidget.
 */
import { expect, aTimeout } from '@open-wc/testing';
import type { LaporWidgetFunction } from '../../src/embed/protocol.js';

const LOADER = new URL('./fixtures/lapor-embed.ts', import.meta.url).href;
const BUNDLE = new URL('./fixtures/lapor-widget.js', import.meta.url).href;
const SNIPPET = 'window.LaporWidget = window.LaporWidget || function(){(LaporWidget.q=LaporWidget.q||[]).push(arguments)}';

let added: Element[] = [];

/** Run the loader as a classic script with these data- attributes; resolves once it ran. */
function paste(data: Record<string, string> = {}, nonce?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
    if (nonce) script.nonce = nonce;
    // A query makes the browser run the same file again; the loader ignores it for the bundle URL.
    script.src = `${LOADER}?paste=${Math.random()}`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('loader did not load'));
    document.head.append(script);
    added.push(script);
  });
}

/** Run the documented inline snippet (what a webmaster puts before the tag). */
function snippet(): void {
  new Function(SNIPPET)();
}

const lw = () => window.LaporWidget as LaporWidgetFunction;
const injected = () => [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].filter((s) => s.src === BUNDLE);
const PAINTER = new URL('./fixtures/lapor-launcher.js', import.meta.url).href;
const painters = () => [...document.querySelectorAll<HTMLScriptElement>('script')].filter((s) => s.src === PAINTER);

afterEach(() => {
  // Loaders still waiting for an interaction would inject into the next test: let them fire now.
  window.dispatchEvent(new KeyboardEvent('keydown'));
  for (const el of [...added, ...injected(), ...painters()]) el.remove();
  added = [];
  delete window.LaporWidget;
  delete window.litNonce;
  document.querySelectorAll('lapor-report-form').forEach((el) => el.remove());
});

describe('embed loader: configuration', () => {
  it('reads its data- attributes and resolves the bundle next to itself', async () => {
    await paste({ api: 'https://gateway.example', siteKey: 'dinkes-bwi', lang: 'en', position: 'left', theme: 'dark', load: 'interaction' });
    // `queued` (the outbox count, issue 24) arrives later, from IndexedDB: see loader-outbox.test.ts.
    const { queued: _queued, ...config } = lw().c!;
    expect(config).to.deep.equal({
      api: 'https://gateway.example',
      siteKey: 'dinkes-bwi',
      lang: 'en',
      launcher: true,
      position: 'left',
      theme: 'dark',
      nonce: undefined,
      src: BUNDLE,
    });
  });

  it('uses its own origin when data-api is empty or absent', async () => {
    await paste({ api: '', load: 'interaction' });
    expect(lw().c!.api).to.equal(location.origin);
    delete window.LaporWidget;
    await paste({ load: 'interaction' });
    expect(lw().c!.api).to.equal(location.origin);
  });

  it('turns the launcher off with data-launcher="none"', async () => {
    await paste({ launcher: 'none', load: 'interaction' });
    expect(lw().c!.launcher).to.equal(false);
  });
});

describe('embed loader: command queue', () => {
  it('keeps commands queued by the snippet before it, in order, and queues later ones', async () => {
    snippet();
    const cb = () => {};
    window.LaporWidget!('on', 'lapor-submit', cb);
    await paste({ load: 'interaction' });
    window.LaporWidget!('on', 'lapor-close', cb);
    const q = Array.from(lw().q!, (args) => Array.from(args));
    expect(q).to.deep.equal([
      ['on', 'lapor-submit', cb],
      ['on', 'lapor-close', cb],
    ]);
    // `on` alone does not need the bundle.
    expect(injected()).to.have.length(0);
  });

  it('`translate` waits for the bundle like `on`: words are stored, nothing needs loading yet', async () => {
    snippet();
    window.LaporWidget!('translate', { $code: 'id', 'widget.launcher': 'Aduan' });
    await paste({ load: 'interaction' });
    window.LaporWidget!('translate', { $code: 'en', 'widget.launcher': 'Complain' });
    expect(injected()).to.have.length(0);
    expect(Array.from(lw().q!, (a) => a[0])).to.deep.equal(['translate', 'translate']);
  });

  it('loads the bundle at once when a queued command needs it', async () => {
    snippet();
    window.LaporWidget!('open');
    await paste({ load: 'interaction' });
    expect(injected()).to.have.length(1);
  });

  it('loads the bundle when a command needing it is issued later', async () => {
    await paste({ load: 'interaction' });
    expect(injected()).to.have.length(0);
    window.LaporWidget!('track', 'LPR-7K3M-Q9XD', 'secret');
    window.LaporWidget!('open');
    expect(injected()).to.have.length(1);
    expect(Array.from(lw().q!, (a) => a[0])).to.deep.equal(['track', 'open']);
  });

  it('does nothing twice when the tag is pasted twice', async () => {
    await paste({ siteKey: 'first', load: 'eager' });
    const first = window.LaporWidget;
    await paste({ siteKey: 'second', load: 'eager' });
    expect(window.LaporWidget).to.equal(first);
    expect(lw().c!.siteKey).to.equal('first');
    expect(injected()).to.have.length(1);
  });

  it('does nothing when the bundle already runs the page', async () => {
    const live = (() => {}) as LaporWidgetFunction;
    live.v = '0.1.0';
    window.LaporWidget = live;
    await paste({ load: 'eager' });
    expect(window.LaporWidget).to.equal(live);
    expect(injected()).to.have.length(0);
  });
});

describe('embed loader: when the bundle loads', () => {
  it('data-load="eager" injects a module script for the bundle right away', async () => {
    await paste({ load: 'eager' });
    const [script] = injected();
    expect(script).to.exist;
    expect(script!.type).to.equal('module');
    expect(script!.parentElement).to.equal(document.head);
  });

  it('default (idle) loads once the page is idle, not synchronously', async () => {
    await paste();
    // requestIdleCallback with a timeout: soon, but after the loader has returned.
    await new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 5000 }));
    await aTimeout(50);
    expect(injected()).to.have.length(1);
  });

  it('data-load="interaction" waits for the first interaction', async () => {
    await paste({ load: 'interaction' });
    await aTimeout(100);
    expect(injected()).to.have.length(0);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    expect(injected()).to.have.length(1);
    // Listeners are gone: a second interaction adds nothing.
    window.dispatchEvent(new PointerEvent('pointerdown'));
    expect(injected()).to.have.length(1);
  });

  it('loads at once when lapor-* elements are already in the page', async () => {
    document.body.append(document.createElement('lapor-report-form'));
    await paste({ load: 'interaction' });
    expect(injected()).to.have.length(1);
  });

  it('runs the fake bundle (the URL really resolves)', async () => {
    await paste({ load: 'eager' });
    const [script] = injected();
    if (!(window as { __fakeBundleRuns?: number }).__fakeBundleRuns) {
      await new Promise((resolve, reject) => {
        script!.addEventListener('load', resolve);
        script!.addEventListener('error', reject);
      });
    }
    expect((window as { __fakeBundleRuns?: number }).__fakeBundleRuns).to.equal(1);
  });
});

describe('embed loader: the launcher painter', () => {
  it('fetches lapor-launcher.js first thing, a classic script with its nonce, before the bundle', async () => {
    await paste({ load: 'interaction' }, 'n0nc3-abc');
    const [script] = painters();
    expect(script).to.exist;
    expect(script!.type).to.equal('');
    expect(script!.nonce).to.equal('n0nc3-abc');
    expect(injected()).to.have.length(0);
  });

  it('does not fetch it with data-launcher="none"', async () => {
    await paste({ load: 'interaction', launcher: 'none' });
    expect(painters()).to.have.length(0);
  });
});

describe('embed loader: CSP nonce', () => {
  it('passes its nonce to the injected script and to Lit', async () => {
    await paste({ load: 'eager' }, 'n0nc3-abc');
    expect(lw().c!.nonce).to.equal('n0nc3-abc');
    expect(injected()[0]!.nonce).to.equal('n0nc3-abc');
    expect(window.litNonce).to.equal('n0nc3-abc');
  });

  it('sets no nonce anywhere when it has none', async () => {
    await paste({ load: 'eager' });
    expect(injected()[0]!.nonce).to.equal('');
    expect(window.litNonce).to.equal(undefined);
  });
});
