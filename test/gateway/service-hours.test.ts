/**
 * Service hours in the gateway (issue 28): an institution's reference data may declare
 * the hours in which its 4 hours count (each with where they come from). The demo's
 * Dinas Kesehatan counts Monday–Friday 07:30–15:30 (its demo page); a camat keeps the
 * wall clock. A report received at 21:08 is due the next working morning, not at 01:08;
 * the served config and clocks say so (without the source); bad hours stop the start.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoReference } from '../../demo/seed.js';
import { TestClock, startGateway, validReport, type TestGateway } from './helpers.js';

const DEMO_OPD_HOURS = { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' };

describe('service hours', () => {
  let g: TestGateway;
  const clock = new TestClock(Date.parse('2026-12-08T14:08:00.000Z')); // Tuesday 21:08 WIB
  before(async () => (g = await startGateway({ now: clock.now })));
  after(() => g.close());

  it('a report to an office with service hours at 21:08 is due 4 service hours after it opens', async () => {
    const r = await g.create(validReport({ institutionId: 'opd-dinkes' }));
    const handle = r.report.clocks.find((c: { id: string }) => c.id === 'local.handle');
    assert.equal(handle.dueAt, new Date('2026-12-09T11:30:00+07:00').toISOString());
    assert.deepEqual(handle.serviceHours, DEMO_OPD_HOURS);
    // A camat on standby: wall clock, 2 hours.
    const camat = await g.create(validReport({ institutionId: 'kec-genteng' }));
    const wall = camat.report.clocks.find((c: { id: string }) => c.id === 'local.handle');
    assert.equal(wall.dueAt, new Date('2026-12-08T23:08:00+07:00').toISOString());
    assert.equal(wall.serviceHours, undefined);
  });

  it('forwarded to an office with service hours, the deadline moves into them', async () => {
    const r = await g.create(validReport({ institutionId: 'kec-genteng' }));
    await g.transition(r.trackingId, { action: 'verify' });
    await g.transition(r.trackingId, { action: 'forward', institutionId: 'opd-pu-ckpp' });
    const admin = await g.api(`/v1/admin/reports/${r.trackingId}`, { token: 'test-super-admin-token', siteKey: null });
    const handle = admin.json.clocks.find((c: { id: string }) => c.id === 'local.handle');
    assert.equal(handle.dueAt, new Date('2026-12-09T11:30:00+07:00').toISOString());
  });

  it('GET /v1/config tells which institutions count in service hours, without where they come from', async () => {
    const config = await g.api('/v1/config');
    const dinkes = config.json.institutions.find((i: { id: string }) => i.id === 'opd-dinkes');
    assert.deepEqual(dinkes.serviceHours, DEMO_OPD_HOURS);
    assert.equal(config.json.institutions.find((i: { id: string }) => i.id === 'rsud-blambangan').serviceHours, undefined);
    assert.doesNotMatch(config.text, /source|operator's choice/);
    // Where they come from stays with the operator.
    assert.match(g.gw.services.store.serviceHoursSources.get('opd-dinkes')!, /demo\/pages\/index\.html/);
  });

  it('hours without a source, or that make no sense, stop the start with one line', async () => {
    const reference = demoReference();
    const withHours = (hours: unknown) => ({ ...reference, institutions: reference.institutions.map((i) => (i.id === 'opd-dishub' ? { ...i, serviceHours: hours } : i)) });
    await assert.rejects(
      startGateway({ reference: withHours({ days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' }) as never }),
      (e: Error) => /^LAPOR_REFERENCE: institutions\[\d+\] \("opd-dishub"\)\.serviceHours\.source: say where these hours come from/.test(e.message) && !e.message.includes('\n'),
    );
    await assert.rejects(
      startGateway({ reference: withHours({ days: [0, 1], start: '07:30', end: '15:30', source: 'x' }) as never }),
      /serviceHours\.days: a list of weekdays, 1 = Monday … 7 = Sunday/,
    );
    await assert.rejects(startGateway({ reference: withHours({ days: [1], start: '16:00', end: '08:00', source: 'x' }) as never }), /must end after they start/);
  });
});
