import { expect } from '@open-wc/testing';
import { formatDeadline, splitDuration } from '../../src/sla/index.js';

describe('sla format helpers', () => {
  it('splits a duration, truncating toward zero', () => {
    expect(splitDuration(((3 * 60 + 12) * 60 + 5) * 1000 + 999)).to.deep.equal({ negative: false, days: 0, hours: 3, minutes: 12, seconds: 5 });
    expect(splitDuration(-25 * 60_000)).to.deep.equal({ negative: true, days: 0, hours: 0, minutes: 25, seconds: 0 });
    expect(splitDuration(2 * 86_400_000 + 3_600_000)).to.deep.equal({ negative: false, days: 2, hours: 1, minutes: 0, seconds: 0 });
    expect(splitDuration(999)).to.deep.equal({ negative: false, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('formats a deadline in the institution zone, whatever the device zone', () => {
    const due = '2026-12-09T08:00:00.000Z';
    expect(formatDeadline(due, 'Asia/Jakarta')).to.equal('Rabu, 9 Desember 2026 15.00 WIB');
    expect(formatDeadline(due, 'Asia/Makassar')).to.equal('Rabu, 9 Desember 2026 16.00 WITA');
    expect(formatDeadline(due, 'Asia/Jayapura', 'en')).to.equal('Wednesday, 9 December 2026 17:00 WIT');
    // Near midnight the date differs between zones.
    expect(formatDeadline('2026-12-04T16:30:00Z', 'Asia/Jakarta')).to.equal('Jumat, 4 Desember 2026 23.30 WIB');
    expect(formatDeadline('2026-12-04T16:30:00Z', 'Asia/Makassar')).to.equal('Sabtu, 5 Desember 2026 00.30 WITA');
  });
});
