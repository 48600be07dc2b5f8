/**
 * The bundle arrives while nobody has tapped (its own page: the real bundle runs once per
 * page). A keyboard user who had tabbed to the painted launcher keeps the focus on the
 * launcher through the hand-over; the page ends with one launcher.
 */
import { expect } from '@open-wc/testing';
import { painted, paintedParts, paste, until } from './launcher-helpers.js';

describe('painted launcher: taken over without a tap', () => {
  it('moves the focus to the bundle’s launcher and leaves one button', async function () {
    // The real bundle from source, module by module: slow on a busy machine.
    this.timeout(150_000);
    await paste('held-idle', { load: 'interaction', api: 'https://gateway.invalid' });
    const { launcher } = paintedParts(await until(painted, 'the painted launcher'));
    expect(launcher.textContent!.trim()).to.equal('Lapor');
    launcher.focus();
    // The Tab that brought the keyboard user here is the first interaction: the bundle is
    // requested (and held). Sent as an event too: when the test page lacks system focus
    // (as it can late in a full run), focus() moves the focus without firing focusin.
    launcher.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true }));
    await fetch('/__embed/release/held-idle');
    await until(() => !document.querySelector('lapor-embed-launcher'), 'the hand-over', 140_000);
    const widget = document.querySelector('lapor-widget')!;
    const real = widget.shadowRoot!.querySelector<HTMLElement>('[part="launcher"]')!;
    expect(document.activeElement).to.equal(widget);
    expect(widget.shadowRoot!.activeElement).to.equal(real);
    expect(real.textContent).to.contain('Lapor');
    expect(document.querySelectorAll('lapor-widget, lapor-embed-launcher')).to.have.length(1);
    expect((widget as HTMLElement & { open: boolean }).open).to.equal(false);
  });
});
