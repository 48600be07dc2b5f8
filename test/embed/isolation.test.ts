/**
 * Style isolation both ways. A hostile host stylesheet (global resets with !important,
 * the kind found on real CMS themes) must not change how the widget looks, and the
 * widget must add no global CSS and change nothing outside itself.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/widget/widget.js';
import '../../src/components/report-form/report-form.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';

const HOSTILE = `
  * { font-family: "Comic Sans MS", cursive !important; font-size: 31px !important; line-height: 7 !important;
      letter-spacing: 5px !important; word-spacing: 9px !important; text-transform: uppercase !important;
      color: rgb(255, 0, 255) !important; font-style: italic !important; font-weight: 900 !important;
      text-align: right !important; text-indent: 40px !important; white-space: pre !important;
      text-shadow: 2px 2px red !important; visibility: hidden !important; cursor: wait !important;
      box-sizing: content-box !important; }
  html { font-size: 40px !important; }
  button { display: none !important; }
  dialog { display: none !important; }
  lapor-widget, lapor-report-form { display: none !important; }
  div, span, p, h2 { margin: 50px !important; padding: 50px !important; }
`;

/** Computed styles that make up "how it looks", for the launcher and the open dialog. */
const PROPS = ['display', 'font-family', 'font-size', 'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'color', 'font-style', 'font-weight', 'text-align', 'text-indent', 'white-space', 'text-shadow', 'visibility', 'cursor', 'margin', 'padding', 'width', 'height'];

function snapshot(el: LaporWidget): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const sel of ['[part="launcher"]', '[part="launcher-label"]', 'dialog', 'h2', '[part="close-button"]', '[role="tab"]', '[role="tabpanel"]']) {
    const node = el.shadowRoot!.querySelector(sel)!;
    const style = getComputedStyle(node);
    out[sel] = Object.fromEntries(PROPS.map((p) => [p, style.getPropertyValue(p)]));
  }
  return out;
}

let hostile: HTMLStyleElement | undefined;
afterEach(() => hostile?.remove());

describe('style isolation', () => {
  it('a hostile page stylesheet changes nothing in the launcher or the open dialog', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    const opened = oneEvent(el, 'lapor-open');
    el.show();
    await opened;
    const before = snapshot(el);
    expect(before['[part="launcher"]']!.display).to.equal('flex');
    hostile = document.createElement('style');
    hostile.textContent = HOSTILE;
    document.head.append(hostile);
    // The test can fail: the hostile sheet really applies to the page.
    expect(getComputedStyle(document.body).fontFamily).to.contain('Comic Sans');
    const after = snapshot(el);
    expect(after).to.deep.equal(before);
    el.close();
  });

  it('an inline form keeps its own font and colour under the hostile stylesheet', async () => {
    const wrapper = await fixture(html`<div><lapor-report-form lang="id"></lapor-report-form></div>`);
    const form = wrapper.querySelector('lapor-report-form')!;
    await form.updateComplete;
    const style = () => getComputedStyle(form);
    const before = { font: style().fontFamily, color: style().color, lineHeight: style().lineHeight, display: style().display };
    hostile = document.createElement('style');
    hostile.textContent = HOSTILE.replace('lapor-widget, lapor-report-form { display: none !important; }', '');
    document.head.append(hostile);
    expect({ font: style().fontFamily, color: style().color, lineHeight: style().lineHeight, display: style().display }).to.deep.equal(before);
  });

  it('adds no global CSS and does not restyle the page', async () => {
    const page = await fixture(html`<div><h2 id="page-h2">Berita</h2><button id="page-button">Cari</button></div>`);
    const button = page.querySelector('#page-button')!;
    const h2 = page.querySelector('#page-h2')!;
    const look = () => [getComputedStyle(button).backgroundColor, getComputedStyle(button).borderRadius, getComputedStyle(h2).fontSize, getComputedStyle(h2).margin];
    const before = look();
    const sheets = document.styleSheets.length;
    const adopted = document.adoptedStyleSheets.length;
    const widget = document.createElement('lapor-widget');
    page.append(widget);
    await widget.updateComplete;
    widget.show();
    await widget.updateComplete;
    expect(look()).to.deep.equal(before);
    expect(document.styleSheets.length).to.equal(sheets);
    expect(document.adoptedStyleSheets.length).to.equal(adopted);
    widget.close();
  });

  it('styles are adopted stylesheets (no <style> tags needing a CSP nonce)', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget></lapor-widget>`);
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelectorAll('style')).to.have.length(0);
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
  });
});
