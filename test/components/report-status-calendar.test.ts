/**
 * `<lapor-report-status>` hands its countdowns the gateway's working calendar (GET
 * /v1/config → calendar) and each clock's unit, so a working-day deadline reads "Paling
 * lambat akhir hari …" and says "perkiraan" in a year the gateway marks provisional.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import type { LaporSlaCountdown } from '../../src/components/sla-countdown/sla-countdown.component.js';
import type { Report, SlaCalendar } from '../../src/contract/index.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, buildReport, clock } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';

let gw: FakeGateway;

// Received Thu 31 Dec 2026 10:00 WIB; + 3 working days past 1 Jan 2027 → end of Wed 6 Jan.
const verify = clock({
  id: 'lapor.verify',
  startedAt: '2026-12-31T03:00:00.000Z',
  dueAt: '2027-01-06T17:00:00.000Z',
  limit: { amount: 3, unit: 'working_days' },
});

async function show(report: Report): Promise<LaporSlaCountdown> {
  gw.add(report, TOKEN_A);
  const el = await fixture<LaporReportStatus>(html`<lapor-report-status
    api=${API}
    site-key=${SITE_KEY}
    lang="id"
    tracking-id=${report.trackingId}
    access-token=${TOKEN_A}
    live="false"
  ></lapor-report-status>`);
  await until(() => expect(el.shadowRoot!.querySelector('lapor-sla-countdown')).to.exist);
  const countdown = el.shadowRoot!.querySelector<LaporSlaCountdown>('lapor-sla-countdown')!;
  await countdown.updateComplete;
  return countdown;
}

const deadline = (c: LaporSlaCountdown) => (c.shadowRoot!.querySelector('[part="deadline"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<lapor-report-status> countdowns use the served calendar', () => {
  useFakeGateway((fresh) => (gw = fresh));

  it('passes the unit and the calendar; a provisional 2027 says "perkiraan"', async () => {
    const calendar: SlaCalendar = {
      timeZone: 'Asia/Jakarta',
      holidays: [{ date: '2027-01-01', name: 'Tahun Baru Masehi', kind: 'national', provisional: true }],
    };
    gw.calendar = calendar;
    const countdown = await show(buildReport({ status: 'submitted', clocks: [verify] }));
    await until(() => expect(countdown.calendar).to.deep.equal(calendar));
    expect(countdown.unit).to.equal('working_days');
    await countdown.updateComplete;
    expect(deadline(countdown)).to.equal('Paling lambat akhir hari Rabu, 6 Januari 2027 perkiraan: hari libur 2027 belum ditetapkan');
  });

  it('a gateway that serves the 2027 decree: no estimate', async () => {
    gw.calendar = {
      timeZone: 'Asia/Jakarta',
      holidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national', provisional: false }],
    };
    const countdown = await show(buildReport({ status: 'submitted', clocks: [verify] }));
    await until(() => expect(countdown.calendar?.holidays[0]!.provisional).to.equal(false));
    await countdown.updateComplete;
    expect(deadline(countdown)).to.equal('Paling lambat akhir hari Rabu, 6 Januari 2027');
  });

  it('without a calendar from the gateway (404), the bundled holidays stand in', async () => {
    gw.calendar = undefined;
    const countdown = await show(buildReport({ status: 'submitted', clocks: [verify] }));
    expect(countdown.calendar).to.equal(undefined);
    // Bundled data ends with 2026: 2027 is an estimate.
    expect(deadline(countdown)).to.contain('perkiraan');
  });
});
