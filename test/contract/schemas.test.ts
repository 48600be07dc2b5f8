import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { AccessToken, ErrorBody, IdempotencyKey, Report, ReportEvent, TRACKING_ALPHABET, TrackingId } from '../../src/contract/index.js';
import { event, report } from '../sdk/fixtures.js';

describe('contract: schemas', () => {
  it('tracking ids: LPR- and two groups from the phone-safe alphabet only', () => {
    const group = fc.string({ unit: fc.constantFrom(...TRACKING_ALPHABET), minLength: 4, maxLength: 4 });
    fc.assert(fc.property(group, group, (a, b) => z.safeParse(TrackingId, `LPR-${a}-${b}`).success));
    for (const bad of ['LPR-0K3M-Q9XD', 'LPR-OK3M-Q9XD', 'LPR-1K3M-Q9XD', 'LPR-IK3M-Q9XD', 'lpr-7k3m-q9xd', 'LPR-7K3M-Q9X']) {
      expect(z.safeParse(TrackingId, bad).success, bad).to.equal(false);
    }
  });

  it('access codes: ≥ 22 base64url characters (128 bits)', () => {
    expect(z.safeParse(AccessToken, 'A'.repeat(22)).success).to.equal(true);
    expect(z.safeParse(AccessToken, 'A'.repeat(21)).success).to.equal(false);
    expect(z.safeParse(AccessToken, `${'A'.repeat(22)}+/`).success).to.equal(false);
  });

  it('idempotency keys: 8–255 printable ASCII', () => {
    expect(z.safeParse(IdempotencyKey, crypto.randomUUID()).success).to.equal(true);
    expect(z.safeParse(IdempotencyKey, 'short').success).to.equal(false);
    expect(z.safeParse(IdempotencyKey, 'has space inside').success).to.equal(false);
  });

  it('a report and an event as the gateway sends them parse; a bad clock does not', () => {
    expect(z.safeParse(Report, report()).success).to.equal(true);
    expect(z.safeParse(ReportEvent, event('1')).success).to.equal(true);
    const bad = report();
    (bad.clocks[0] as { state: string }).state = 'late';
    const result = z.safeParse(Report, bad);
    expect(result.success).to.equal(false);
    expect(result.error!.issues[0]!.path).to.deep.equal(['clocks', 0, 'state']);
  });

  it('error bodies keep unknown codes instead of rejecting them', () => {
    expect(z.safeParse(ErrorBody, { error: { code: 'brand_new_code', message: 'x' } }).success).to.equal(true);
    expect(z.safeParse(ErrorBody, { message: 'x' }).success).to.equal(false);
  });
});
