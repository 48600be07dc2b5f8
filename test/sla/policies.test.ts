import { expect } from '@open-wc/testing';
import { SlaPolicies, SlaPolicy } from '../../src/contract/sla.js';
import { INSTITUTION_KINDS } from '../../src/contract/enums.js';
import { DEFAULT_POLICIES, allPolicies, policyFor } from '../../src/sla/index.js';

describe('sla policies', () => {
  it('every institution kind has the four clocks of DESIGN.md, valid by the contract', () => {
    expect(SlaPolicies.safeParse(allPolicies()).success).to.equal(true);
    for (const kind of INSTITUTION_KINDS) {
      const p = policyFor(kind);
      expect(SlaPolicy.safeParse(p).success).to.equal(true);
      // The camat's 2 hours apply from 15 Oct 2025, the 4 hours before it (newest first).
      expect(p.clocks.map((c) => `${c.id}:${c.from}>${c.to}:${c.limit.amount}${c.limit.unit}${c.appliesFrom ? `@${c.appliesFrom}` : ''}`)).to.deep.equal([
        ...(kind === 'kecamatan' ? ['local.handle:submitted>in_progress:2hours@2025-10-15'] : []),
        'local.handle:submitted>in_progress:4hours',
        'lapor.verify:submitted>forwarded:3working_days',
        'lapor.followup:forwarded>responded:5working_days',
        'lapor.close:responded>completed:10working_days',
      ]);
    }
  });

  it('an override applies to every dated version of a clock', () => {
    const p = policyFor('kecamatan', { clocks: { 'local.handle': { limit: 1 } } });
    expect(p.clocks.filter((c) => c.id === 'local.handle').map((c) => [c.limit.amount, c.appliesFrom])).to.deep.equal([
      [1, '2025-10-15'],
      [1, undefined],
    ]);
  });

  it('overrides change a limit, drop a clock or set office hours without touching the defaults', () => {
    const p = policyFor('desa', {
      id: 'desa-kemiren',
      clocks: { 'local.handle': { limit: 8 }, 'lapor.close': null, 'lapor.verify': { limit: { amount: 2, unit: 'working_days' } } },
      officeHours: { start: '08:00', end: '14:00' },
    });
    expect(p.id).to.equal('desa-kemiren');
    expect(p.clocks.map((c) => c.id)).to.deep.equal(['local.handle', 'lapor.verify', 'lapor.followup']);
    expect(p.clocks[0]!.limit).to.deep.equal({ amount: 8, unit: 'hours' });
    expect(p.officeHours).to.deep.equal({ start: '08:00', end: '14:00' });
    expect(DEFAULT_POLICIES.desa.clocks[0]!.limit.amount).to.equal(4);
    expect(Object.isFrozen(DEFAULT_POLICIES.desa.clocks[0]!.limit)).to.equal(true);
    p.clocks[1]!.limit.amount = 99;
    expect(policyFor('desa').clocks[1]!.limit.amount).to.equal(3);
  });

  it('rejects nonsense', () => {
    expect(() => policyFor('opd', { clocks: { 'local.handle': { limit: 0 } } })).to.throw(RangeError);
    expect(() => policyFor('opd', { clocks: { 'lapor.verify': { limit: 2.5 } } })).to.throw(RangeError, /whole/);
    expect(() => policyFor('kabupaten' as never)).to.throw(RangeError);
  });
});
