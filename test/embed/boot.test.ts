/**
 * The bundle side of the embed: the queue left by the loader is replayed in order
 * against the page's <lapor-widget>, and `on`/`off` reach the elements' events.
 */
import { expect, aTimeout, oneEvent } from '@open-wc/testing';
import '../../src/components/widget/widget.js';
import { boot } from '../../src/embed/boot.js';
import { installCommands, runCommand, type CommandTarget } from '../../src/embed/commands.js';
import type { EmbedConfig, LaporWidgetFunction } from '../../src/embed/protocol.js';
import { getDefaults, setDefaults } from '../../src/components/shared/defaults.js';
import { registerTranslation } from '../../src/i18n/catalog.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';

const config = (over: Partial<EmbedConfig> = {}): EmbedConfig => ({
  api: 'https://gateway.example',
  siteKey: 'dinkes-bwi',
  lang: 'id',
  launcher: true,
  src: 'https://cdn.example/lapor-widget.js',
  ...over,
});

/** What the loader leaves behind: a stub with its config and queued `arguments`. */
function stub(c: EmbedConfig | undefined, ...queued: unknown[][]): void {
  const fn = (() => {}) as LaporWidgetFunction;
  fn.c = c;
  fn.q = queued;
  window.LaporWidget = fn;
}

function recorder(): CommandTarget & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    show: () => calls.push(['show']),
    close: () => calls.push(['close']),
    prefill: (data) => calls.push(['prefill', data]),
    track: (id, token) => calls.push(['track', id, token]),
  };
}

afterEach(() => {
  document.querySelectorAll('lapor-widget').forEach((el) => el.remove());
  delete window.LaporWidget;
  setDefaults({ api: undefined, siteKey: undefined, lang: undefined, theme: undefined });
});

describe('embed commands', () => {
  it('replays the queue in the order it was issued', () => {
    const target = recorder();
    stub(config(), ['prefill', { title: 'Jalan rusak' }], ['open'], ['track', 'LPR-7K3M-Q9XD', 'kode'], ['close'], ['open']);
    installCommands(() => target);
    expect(target.calls).to.deep.equal([['prefill', { title: 'Jalan rusak' }], ['show'], ['track', 'LPR-7K3M-Q9XD', 'kode'], ['close'], ['show']]);
  });

  it('the live function runs commands at once and keeps the loader config', () => {
    const target = recorder();
    stub(config());
    const live = installCommands(() => target);
    expect(window.LaporWidget).to.equal(live);
    expect(live.c!.siteKey).to.equal('dinkes-bwi');
    expect(live.v).to.be.a('string');
    window.LaporWidget!('track', 'LPR-AAAA-BBBB');
    expect(target.calls).to.deep.equal([['track', 'LPR-AAAA-BBBB', undefined]]);
  });

  it('ignores unknown commands and bad arguments without throwing', () => {
    const target = recorder();
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => warned.push(args[1]);
    try {
      runCommand(['explode'], () => target);
      runCommand(['track'], () => target);
      runCommand(['prefill', 'not an object'], () => target);
      runCommand(['on', 'click', () => {}], () => target);
    } finally {
      console.warn = warn;
    }
    expect(target.calls).to.deep.equal([]);
    expect(warned).to.deep.equal(['explode', 'track', 'prefill', 'on']);
  });

  it('on/off subscribe to the events on the document', () => {
    const heard: string[] = [];
    const cb = (e: Event) => heard.push(e.type);
    runCommand(['on', 'lapor-submit', cb], recorder);
    document.body.dispatchEvent(new CustomEvent('lapor-submit', { bubbles: true, composed: true }));
    runCommand(['off', 'lapor-submit', cb], recorder);
    document.body.dispatchEvent(new CustomEvent('lapor-submit', { bubbles: true, composed: true }));
    expect(heard).to.deep.equal(['lapor-submit']);
  });
});

describe('embed boot', () => {
  it('sets the page defaults and adds the launcher with position and language', async () => {
    stub(config({ position: 'left', lang: 'en' }));
    boot();
    expect(getDefaults()).to.include({ api: 'https://gateway.example', siteKey: 'dinkes-bwi', lang: 'en' });
    const widget = document.querySelector('lapor-widget')!;
    expect(widget).to.exist;
    expect(widget.getAttribute('position')).to.equal('left');
    expect(widget.getAttribute('lang')).to.equal('en');
    await widget.updateComplete;
    expect(widget.shadowRoot!.querySelector('[part="launcher"]')).to.exist;
    expect(window.LaporWidget!.v).to.be.a('string');
  });

  it("data-theme becomes every element's default theme", () => {
    stub(config({ theme: 'dark' }));
    boot();
    expect(getDefaults().theme).to.equal('dark');
  });

  it("a queued translate is in place before the launcher's first render", async () => {
    stub(config(), ['translate', { $code: 'id', 'widget.launcher': 'Aduan warga' }]);
    boot();
    const widget = document.querySelector('lapor-widget')!;
    await widget.updateComplete;
    expect(widget.shadowRoot!.querySelector('[part="launcher-label"]')!.textContent).to.equal('Aduan warga');
    // Host words cannot be taken back (as in Shoelace): put ours back for the tests after this one.
    registerTranslation({ $code: 'id', 'widget.launcher': 'Lapor' });
  });

  it('replays queued on + open: the listener hears lapor-open from the new launcher', async () => {
    const heard: Event[] = [];
    stub(config(), ['on', 'lapor-open', (e: Event) => heard.push(e)], ['open']);
    boot();
    const widget = document.querySelector('lapor-widget') as LaporWidget;
    await widget.updateComplete;
    await aTimeout(0);
    expect(widget.open).to.equal(true);
    expect(heard).to.have.length(1);
    expect(heard[0]!.target).to.equal(widget);
    const closed = oneEvent(document, 'lapor-close');
    window.LaporWidget!('close');
    await closed;
    expect(widget.open).to.equal(false);
  });

  it('with data-launcher="none" adds no button until a command needs a widget', async () => {
    stub(config({ launcher: false }));
    boot();
    expect(document.querySelector('lapor-widget')).to.equal(null);
    window.LaporWidget!('open');
    const widget = document.querySelector('lapor-widget') as LaporWidget;
    expect(widget.getAttribute('launcher')).to.equal('none');
    await widget.updateComplete;
    expect(widget.shadowRoot!.querySelector('[part="launcher"]')).to.equal(null);
    expect(widget.open).to.equal(true);
    window.LaporWidget!('close');
  });

  it('uses a <lapor-widget> the page already has', async () => {
    const own = document.createElement('lapor-widget');
    own.setAttribute('launcher', 'none');
    document.body.append(own);
    stub(config({ launcher: false }));
    boot();
    window.LaporWidget!('open');
    expect(document.querySelectorAll('lapor-widget')).to.have.length(1);
    await own.updateComplete;
    expect(own.open).to.equal(true);
    own.close();
  });

  it('runs once even if the bundle is evaluated twice', () => {
    stub(config());
    boot();
    const live = window.LaporWidget;
    boot();
    expect(window.LaporWidget).to.equal(live);
    expect(document.querySelectorAll('lapor-widget')).to.have.length(1);
  });
});
