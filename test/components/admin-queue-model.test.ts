/**
 * The admin queue's model without DOM: urgency order, merging live reports (older
 * snapshots lose, closed or foreign reports leave), filters, the 60/15-minute crossings
 * and the action forms' checks.
 */
import { expect } from '@open-wc/testing';
import { formInput } from '../../src/components/admin-queue/action-input.js';
import { legalActions } from '../../src/components/admin-queue/actions.js';
import { NO_FILTER, applyFilter, buildQueue, upsert } from '../../src/components/admin-queue/queue-model.js';
import { WarningTracker } from '../../src/components/admin-queue/warnings.js';
import { DINKES, GENTENG, HOUR, MINUTE, adminReport, trackingId } from './admin-queue-fixture.js';

const scope = { institutions: new Set([GENTENG.id]) };
const ids = (items: { report: { trackingId: string } }[]) => items.map((i) => i.report.trackingId);

describe('admin queue model', () => {
  it('orders by the most urgent open clock; no running clock last; closed and foreign reports never enter', () => {
    const items = buildQueue(
      [
        adminReport({ n: 1, leftMs: 2 * HOUR }),
        adminReport({ n: 2, status: 'on_hold' }),
        adminReport({ n: 3, leftMs: -5 * MINUTE }),
        adminReport({ n: 4, leftMs: HOUR, status: 'completed' }),
        adminReport({ n: 5, leftMs: HOUR, institution: DINKES }),
      ],
      scope,
    );
    expect(ids(items)).to.deep.equal([trackingId(3), trackingId(1), trackingId(2)]);
  });

  it('upsert: a newer snapshot moves the row, an older one is ignored, a forward elsewhere removes it', () => {
    const r1 = adminReport({ n: 1, leftMs: 2 * HOUR });
    const r2 = adminReport({ n: 2, leftMs: HOUR });
    let items = buildQueue([r1, r2], scope);
    const later = new Date(Date.now() + 1000).toISOString();
    items = upsert(items, { ...r1, clocks: [{ ...r1.clocks[0]!, dueAt: new Date(Date.now() + 10 * MINUTE).toISOString() }], updatedAt: later }, scope);
    expect(ids(items)).to.deep.equal([trackingId(1), trackingId(2)]);
    const stale = upsert(items, { ...r1, status: 'archived', updatedAt: new Date(Date.now() - HOUR).toISOString() }, scope);
    expect(stale).to.equal(items);
    items = upsert(items, { ...r2, institution: DINKES, status: 'forwarded', updatedAt: later }, scope);
    expect(ids(items)).to.deep.equal([trackingId(1)]);
    expect(ids(upsert(items, { ...r1, status: 'completed', updatedAt: new Date(Date.now() + 2000).toISOString() }, scope))).to.deep.equal([]);
  });

  it('filters: search ignores case and hyphens, overdue uses the time given, mine the set given', () => {
    const items = buildQueue([adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: -MINUTE })], scope);
    const now = Date.now();
    expect(ids(applyFilter(items, { ...NO_FILTER, search: trackingId(2).toLowerCase().replaceAll('-', '') }, now, new Set()))).to.deep.equal([trackingId(2)]);
    expect(ids(applyFilter(items, { ...NO_FILTER, overdue: true }, now, new Set()))).to.deep.equal([trackingId(2)]);
    expect(ids(applyFilter(items, { ...NO_FILTER, overdue: true }, now + 2 * HOUR, new Set()))).to.have.length(2);
    expect(ids(applyFilter(items, { ...NO_FILTER, mine: true }, now, new Set([trackingId(1)])))).to.deep.equal([trackingId(1)]);
  });

  it('warnings: only crossings seen, each once, 15 minutes after 60; a report that left is forgotten', () => {
    const now = Date.now();
    const items = buildQueue([adminReport({ n: 1, leftMs: 61 * MINUTE }), adminReport({ n: 2, leftMs: 10 * MINUTE })], scope);
    const tracker = new WarningTracker();
    expect(tracker.check(items, now)).to.deep.equal([]);
    expect(tracker.check(items, now + 2 * MINUTE).map((c) => [c.trackingId, c.level])).to.deep.equal([[trackingId(1), 60]]);
    expect(tracker.check(items, now + 3 * MINUTE)).to.deep.equal([]);
    expect(tracker.check(items, now + 47 * MINUTE).map((c) => [c.trackingId, c.level])).to.deep.equal([[trackingId(1), 15]]);
    expect(tracker.check(items, now + 70 * MINUTE)).to.deep.equal([], 'past due is the overdue group, not a warning');
    expect(WarningTracker.soon(items, now)).to.equal(1);
  });

  it('legal actions mirror the gateway’s table; forms check what the contract checks', () => {
    expect(legalActions('submitted')).to.deep.equal(['verify', 'hold', 'archive']);
    expect(legalActions('responded')).to.deep.equal(['complete', 'hold', 'archive']);
    expect(legalActions('completed')).to.deep.equal([]);
    expect(formInput('forward', { institutionId: '', text: '' })).to.deep.equal({ ok: false, error: 'adminQueue.form.institutionRequired', field: 'institution-search' });
    expect(formInput('respond', { institutionId: '', text: ' x ' })).to.include({ ok: false });
    expect(formInput('hold', { institutionId: '', text: '  ' })).to.deep.equal({ ok: true, input: { action: 'hold' } });
    expect(formInput('archive', { institutionId: '', text: ' Laporan ganda ' })).to.deep.equal({ ok: true, input: { action: 'archive', reason: 'Laporan ganda' } });
  });
});
