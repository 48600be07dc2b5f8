/**
 * Light or dark is the host page's decision (issue 25: on a light-only page with the OS in
 * dark mode, an inline form became a dark block). In Chromium, with the OS preference
 * emulated:
 *  - `theme="auto"` (default) follows the page's `color-scheme`: never declared → light
 *    even in OS dark mode; `light dark` → the OS preference; set on the element itself
 *    (`lapor-report-form { color-scheme: light }`) → that;
 *  - `theme="dark"` / `theme="light"` force it, over the page and the OS;
 *  - the embed's `data-theme` (setDefaults) applies where an element has no `theme`;
 *  - elements inside another (the widget's form) follow it;
 *  - native controls in the shadow tree (inputs, selects) use the same scheme.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/components/report-form/report-form.js';
import '../../src/components/widget/widget.js';
import '../../src/components/sla-countdown/sla-countdown.js';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import { setDefaults } from '../../src/components/shared/defaults.js';

const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(22, 25, 29)'; // #16191d

/** The form's own background (its :host reads --_surface) and the scheme its inputs use. */
const surface = (el: Element) => getComputedStyle(el).backgroundColor;
const inputScheme = (el: LaporReportForm) => getComputedStyle(el.shadowRoot!.querySelector('#f-title')!).colorScheme;

async function form(attrs: { theme?: string } = {}): Promise<LaporReportForm> {
  const el = await fixture<LaporReportForm>(html`<lapor-report-form lang="id" theme=${attrs.theme ?? ''}></lapor-report-form>`);
  if (!attrs.theme) el.removeAttribute('theme');
  await el.updateComplete;
  return el;
}

function pageScheme(value: string | null): void {
  if (value) document.documentElement.style.colorScheme = value;
  else document.documentElement.style.removeProperty('color-scheme');
}

afterEach(async () => {
  pageScheme(null);
  setDefaults({ theme: undefined });
  await emulateMedia({ colorScheme: 'light' });
});

describe('theme: the host page decides', () => {
  it('a page that never opted into dark keeps a light form in OS dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await form();
    expect(surface(el)).to.equal(LIGHT_SURFACE);
    expect(inputScheme(el)).to.equal('normal');
  });

  it('theme="dark" makes it dark on that light page, whatever the OS says', async () => {
    for (const os of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: os });
      const el = await form({ theme: 'dark' });
      expect(surface(el), `OS ${os}`).to.equal(DARK_SURFACE);
      expect(inputScheme(el), 'native controls dark too').to.equal('dark');
    }
  });

  it('auto follows a page that allows dark: dark only when the person prefers dark', async () => {
    pageScheme('light dark');
    await emulateMedia({ colorScheme: 'dark' });
    const el = await form();
    expect(surface(el)).to.equal(DARK_SURFACE);
    await emulateMedia({ colorScheme: 'light' });
    expect(surface(el)).to.equal(LIGHT_SURFACE);
    // A dark-only page is dark for everyone, its own controls too (README's table).
    pageScheme('dark');
    expect(surface(el)).to.equal(DARK_SURFACE);
  });

  it('a page that opts in with <meta name="color-scheme" content="light dark"> (as /admin.html) follows the OS', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'light dark' });
    document.head.append(meta);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await form();
      expect(surface(el)).to.equal(DARK_SURFACE);
    } finally {
      meta.remove();
    }
  });

  it('theme="light" keeps it light on a page that allows dark, in OS dark mode', async () => {
    pageScheme('light dark');
    await emulateMedia({ colorScheme: 'dark' });
    const el = await form({ theme: 'light' });
    expect(surface(el)).to.equal(LIGHT_SURFACE);
    expect(inputScheme(el)).to.equal('light');
  });

  it('color-scheme set on the element by the page is honoured', async () => {
    pageScheme('light dark');
    await emulateMedia({ colorScheme: 'dark' });
    const el = await form();
    el.style.colorScheme = 'light';
    expect(surface(el)).to.equal(LIGHT_SURFACE);
    el.style.removeProperty('color-scheme');
    expect(surface(el)).to.equal(DARK_SURFACE);
  });

  it("the embed's data-theme (setDefaults) applies where an element has no theme of its own", async () => {
    await emulateMedia({ colorScheme: 'light' });
    const plain = await form();
    const own = await form({ theme: 'light' });
    setDefaults({ theme: 'dark' });
    await plain.updateComplete;
    await own.updateComplete;
    expect(surface(plain)).to.equal(DARK_SURFACE);
    expect(surface(own), 'its own theme wins').to.equal(LIGHT_SURFACE);
    // Not an attribute the page author would mistake for their own.
    expect(plain.hasAttribute('theme')).to.equal(false);
    setDefaults({ theme: undefined });
    await plain.updateComplete;
    expect(surface(plain)).to.equal(LIGHT_SURFACE);
  });

  it("the widget's theme reaches the form in its dialog", async () => {
    await emulateMedia({ colorScheme: 'light' });
    const widget = await fixture<LaporWidget>(html`<lapor-widget theme="dark"></lapor-widget>`);
    widget.show();
    await widget.updateComplete;
    const inner = widget.shadowRoot!.querySelector('lapor-report-form')!;
    await (inner as LaporReportForm).updateComplete;
    expect(surface(inner)).to.equal(DARK_SURFACE);
    expect(getComputedStyle(widget.shadowRoot!.querySelector('dialog')!).backgroundColor).to.equal(DARK_SURFACE);
  });

  it('a countdown (no background of its own) switches its text colour the same way', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await fixture(html`<lapor-sla-countdown due="2099-01-01T00:00:00.000Z"></lapor-sla-countdown>`);
    const label = () => getComputedStyle(el.shadowRoot!.querySelector('[part="label"]')!).color;
    expect(label()).to.equal('rgb(27, 31, 36)'); // #1b1f24: light scheme text
    el.setAttribute('theme', 'dark');
    expect(label()).to.equal('rgb(238, 241, 244)'); // #eef1f4
  });
});
