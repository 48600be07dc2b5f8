/**
 * A 4-hour clock that counts only in service hours (issue 28) may fall due the next
 * working morning: the citizen reads when, in plain words ("Paling lambat Senin,
 * 8 Desember pukul 09.38 WIB") and in which hours it counts, in both languages, wherever
 * a report's clocks are shown (renderCountdown passes the clock's service hours on).
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { render } from 'lit';
import { loadLocale } from '../../src/i18n/load.js';
import '../../src/components/sla-countdown/sla-countdown.js';
import type { LaporSlaCountdown } from '../../src/components/sla-countdown/sla-countdown.js';
import { setDeviceClock } from '../../src/components/sla-countdown/ticker.js';
import { renderCountdown } from '../../src/components/report-status/details.js';
import { computeClocks, policyFor } from '../../src/sla/index.js';
import { msg } from '../../src/i18n/catalog.js';

// The demo OPD page's hours ("Senin–Jumat 07.30–15.30 WIB", demo/pages/index.html).
const HOURS = { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' };
/** Received Friday 5 Dec 2025 13:38 WIB: 4 service hours end Monday 8 Dec 09:38. */
const RECEIVED = '2025-12-05T13:38:00+07:00';

const deadline = (el: Element) => el.shadowRoot!.querySelector('[part="deadline"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('<lapor-sla-countdown> with service hours', () => {
  before(() => loadLocale('en'));
  beforeEach(() => setDeviceClock(() => Date.parse(RECEIVED)));
  afterEach(() => {
    fixtureCleanup();
    setDeviceClock();
  });

  const [clock] = computeClocks(policyFor('opd', { serviceHours: HOURS }), [{ status: 'submitted', at: RECEIVED }]);

  it('says when, in plain words, and in which hours it counts', async () => {
    expect(clock!.dueAt).to.equal(new Date('2025-12-08T09:38:00+07:00').toISOString());
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    render(renderCountdown(clock!, { t: (k, p) => msg('id', k, p), locale: 'id', serverOffset: 0, now: () => Date.parse(RECEIVED) }), container);
    const el = container.querySelector('lapor-sla-countdown') as LaporSlaCountdown;
    await el.updateComplete;
    expect(deadline(el)).to.equal('Paling lambat Senin, 8 Desember pukul 09.38 WIB. Dihitung dalam jam layanan: Senin–Jumat 07.30–15.30 WIB');
    // Time left is still wall time to the deadline (it is Friday afternoon).
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Sisa 2 hari 20 jam');
    el.lang = 'en';
    await el.updateComplete;
    expect(deadline(el)).to.equal('By Monday, 8 December at 09:38 WIB. Counted in service hours: Monday–Friday 07:30–15:30 WIB');
    await expect(el).to.be.accessible();
  });

  it('a wall-clock hours clock keeps "Batas waktu: …"', async () => {
    const [wall] = computeClocks(policyFor('opd'), [{ status: 'submitted', at: RECEIVED }]);
    const el = await fixture<LaporSlaCountdown>(html`<lapor-sla-countdown due=${wall!.dueAt} unit="hours" lang="id" server-offset="0"></lapor-sla-countdown>`);
    expect(deadline(el)).to.equal('Batas waktu: Jumat, 5 Desember 2025 17.38 WIB');
  });
});
