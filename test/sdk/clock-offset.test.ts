import { expect } from '@open-wc/testing';
import { clockOffset } from '../../src/sdk/clock-offset.js';

/** Times in ms on the device's clock; the gateway runs 60 s ahead of it. */
const AHEAD = 60_000;

describe('sdk clock offset (shortest round trip wins)', () => {
  it('is 0 before any answer, then the midpoint of the first one', () => {
    const offset = clockOffset(() => 1_000);
    expect(offset.ms).to.equal(0);
    // Sent at 0, received at 100, stamped at the gateway's 50 + 60 s.
    offset.sample(50 + AHEAD, 0, 100, 1);
    expect(offset.ms).to.be.closeTo(AHEAD, 1);
  });

  it('keeps a fast answer over a slow one stamped late in its round trip', () => {
    let now = 100;
    const offset = clockOffset(() => now);
    offset.sample(50 + AHEAD, 0, 100, 1);
    // A loaded machine: 2,400 ms round trip, the gateway stamped as it received the request.
    // Believing it would move the clock by 1.2 s.
    now = 5_000;
    offset.sample(2_600 + AHEAD, 2_600, 5_000, 1);
    expect(offset.ms).to.be.closeTo(AHEAD, 1);
  });

  it('takes a faster answer over the one it holds', () => {
    let now = 1_000;
    const offset = clockOffset(() => now);
    offset.sample(500 + AHEAD - 300, 0, 1_000, 1); // ± 500: a guess 300 ms off
    expect(offset.ms).to.be.closeTo(AHEAD - 300, 1);
    now = 2_040;
    offset.sample(2_020 + AHEAD, 2_000, 2_040, 1); // ± 20
    expect(offset.ms).to.be.closeTo(AHEAD, 1);
  });

  it('reads a Date header (whole seconds) as the middle of its second, with that second as doubt', () => {
    const offset = clockOffset(() => 100);
    // The gateway's time was 60,050 ms: the header says 60 s.
    offset.sample(AHEAD, 0, 100, 1_000);
    expect(offset.ms).to.be.closeTo(AHEAD + 500 - 50, 1);
    // A body stamp with 300 ms of doubt is better than the header's 550.
    offset.sample(1_300 + AHEAD, 1_000, 1_600, 1);
    expect(offset.ms).to.be.closeTo(AHEAD, 1);
  });

  it('lets an old sample give way to a fresh, slower one as its doubt grows with age', () => {
    let now = 100;
    const offset = clockOffset(() => now);
    offset.sample(50 + AHEAD, 0, 100, 1); // ± 50
    // 10 s later, ± 200 does not replace it (50 + 10 ms of ageing)...
    now = 10_100;
    offset.sample(10_000 + AHEAD + 100, 9_700, 10_100, 1);
    expect(offset.ms).to.be.closeTo(AHEAD, 1);
    // ... 10 minutes later it does (50 + 600 ms of ageing).
    now = 600_100;
    offset.sample(599_900 + AHEAD + 100, 599_700, 600_100, 1);
    expect(offset.ms).to.be.closeTo(AHEAD + 100, 1);
  });

  it('takes at once an answer that cannot agree with the kept one: a clock was set', () => {
    let now = 100;
    const offset = clockOffset(() => now);
    offset.sample(50 + AHEAD, 0, 100, 1); // ± 50
    // The device clock was set back an hour: a slow answer (± 1 s) still cannot be 60 s ahead.
    now = 3_000;
    offset.sample(2_000 + AHEAD + 3_600_000, 1_000, 3_000, 1);
    expect(offset.ms).to.be.closeTo(AHEAD + 3_600_000, 1);
  });
});
