/**
 * <lapor-widget> exports the parts of the elements in its tabs: a page's
 * `lapor-widget::part(submit)` reaches the form's submit button inside the dialog, as
 * `lapor-report-form::part(submit)` does on a page with the form inline. Without
 * `exportparts` on the inner elements, none of these rules would apply.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/widget/widget.js';
import '../../src/components/report-form/report-form.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';

/** A property nothing inside sets, so the value can only come from the page's rule. */
const MARK = 'scroll-margin-top';

describe('<lapor-widget> exportparts', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement('style');
    style.textContent = ['submit', 'field', 'lookup-form', 'empty', 'list', 'launcher'].map((p) => `lapor-widget::part(${p}) { ${MARK}: 17px; }`).join('\n');
    document.head.append(style);
  });
  afterEach(() => style.remove());

  /** The first element matching `selector` in the shadow root of the `tag` inside the widget's panel. */
  const inner = async (el: LaporWidget, tag: string, selector: string): Promise<Element> => {
    let found: Element | null | undefined;
    await waitUntil(() => (found = el.shadowRoot!.querySelector(tag)?.shadowRoot?.querySelector(selector)), `${tag} ${selector} rendered`, { timeout: 5000 });
    return found!;
  };
  const marked = (node: Element) => getComputedStyle(node).getPropertyValue(MARK);

  it('form, status and my-reports parts are styled from the page through lapor-widget::part()', async () => {
    const el = await fixture<LaporWidget>(html`<lapor-widget lang="id"></lapor-widget>`);
    expect(marked(el.shadowRoot!.querySelector('[part="launcher"]')!)).to.equal('17px');
    const opened = oneEvent(el, 'lapor-open');
    el.show();
    await opened;
    expect(marked(await inner(el, 'lapor-report-form', '[part~="submit"]'))).to.equal('17px');
    expect(marked(await inner(el, 'lapor-report-form', '[part~="field"]'))).to.equal('17px');
    // A part not named in the rule stays as it was.
    expect(marked(await inner(el, 'lapor-report-form', '[part~="form"]'))).to.equal('0px');

    (el.shadowRoot!.querySelector('#tab-track') as HTMLElement).click();
    expect(marked(await inner(el, 'lapor-report-status', '[part~="lookup-form"]'))).to.equal('17px');
    (el.shadowRoot!.querySelector('#tab-mine') as HTMLElement).click();
    // The list when an earlier test left saved reports on this device, else the empty state.
    expect(marked(await inner(el, 'lapor-my-reports', '[part~="list"], [part~="empty"]'))).to.equal('17px');
  });
});
