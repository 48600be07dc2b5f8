/**
 * Hydration: markup rendered on a server by @lit-labs/ssr (test/ssr/render-server.ts,
 * served fresh at /__ssr) is parsed with its declarative shadow roots, then the elements
 * are defined. With Lit's hydrate support they take over the server's DOM instead of
 * rendering it again (the same nodes stay), and they work: the launcher opens, the lookup
 * validates, the countdown follows a new deadline.
 */
// First, before Lit loads: lets LitElement hydrate an existing shadow root.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect } from '@open-wc/testing';
import { until } from '../fixtures/fake-gateway.js';

const MARKUP = [
  '<lapor-widget api="https://gw.example" site-key="smart-kampung"></lapor-widget>',
  '<lapor-report-form api="https://gw.example"></lapor-report-form>',
  '<lapor-report-status api="https://gw.example" live="false"></lapor-report-status>',
  '<lapor-my-reports api="https://gw.example"></lapor-my-reports>',
  '<lapor-sla-countdown due="2099-01-01T00:00:00.000Z"></lapor-sla-countdown>',
  '<lapor-admin-queue api="https://gw.example"></lapor-admin-queue>',
].join('');

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('hydrating server-rendered elements', () => {
  const host = document.createElement('div');
  /** The first element child of each shadow root as the server made it, by tag. */
  const serverNodes = new Map<string, Element>();
  const errors: string[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(String('error' in e ? e.error : e.reason));

  before(async () => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    const html = await (await fetch(`/__ssr?html=${encodeURIComponent(MARKUP)}`)).text();
    expect(html).to.contain('shadowrootmode="open"');
    host.setHTMLUnsafe(html);
    document.body.append(host);
    for (const el of host.children) {
      expect(customElements.get(el.localName), `${el.localName} not defined yet`).to.equal(undefined);
      expect(el.shadowRoot, `${el.localName} has its declarative shadow root`).to.exist;
      serverNodes.set(el.localName, el.shadowRoot!.querySelector('style ~ *, *:not(style)')!);
    }
    await import('../../src/define.js');
    await import('../../src/components/admin-queue/admin-queue.js');
    for (const el of host.children) await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  });

  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    host.remove();
  });

  it('keeps the server-rendered DOM (hydrated, not rendered again), with no error', () => {
    expect(serverNodes.size).to.equal(6);
    for (const [tag, node] of serverNodes) {
      const el = host.querySelector(tag)!;
      expect((el as HTMLElement & { hasUpdated: boolean }).hasUpdated, tag).to.equal(true);
      expect(node.isConnected && node.getRootNode() === el.shadowRoot, `${tag}: the server's <${node.localName}> is still there`).to.equal(true);
    }
    expect(errors).to.deep.equal([]);
  });

  it('the launcher opens the dialog', async () => {
    const widget = host.querySelector('lapor-widget')!;
    widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
    await until(() => expect(widget.open).to.equal(true));
    widget.close();
  });

  it('the lookup validates with the contract', async () => {
    const status = host.querySelector('lapor-report-status')!;
    status.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
    await until(() => expect(text(status.shadowRoot!.querySelector('#trackingId-error'))).to.equal('Nomor pelacakan wajib diisi.'));
  });

  it('the countdown follows a new deadline', async () => {
    const countdown = host.querySelector('lapor-sla-countdown')!;
    const label = () => text(countdown.shadowRoot!.querySelector('[part~="label"]'));
    expect(label()).to.match(/^Sisa \d+ hari/);
    countdown.due = '2020-01-01T00:00:00.000Z';
    await until(() => expect(label()).to.match(/^Terlambat/));
  });
});
