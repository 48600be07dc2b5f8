import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DAY_MS,
  addDuration,
  addHours,
  addWorkingDays,
  addWorkingHours,
  calendarHolidays,
  createCalendar,
  isWorkingDate,
  isWorkingDay,
  localDay,
  workingDaysLeft,
  workingTimeBetween,
  type Calendar,
} from '../../src/sla/index.js';

const holidays = calendarHolidays({ through: 2028 }).map((h) => h.date);
const WIB = createCalendar({ timeZone: 'Asia/Jakarta', holidays });
const WITA = createCalendar({ timeZone: 'Asia/Makassar', holidays });
const WIT = createCalendar({ timeZone: 'Asia/Jayapura', holidays });
const WIB_2026_12_08 = createCalendar({ timeZone: 'Asia/Jakarta', holidays: [...holidays, '2026-12-08'] });
const SIX_DAYS = createCalendar({ timeZone: 'Asia/Jakarta', holidays, workdays: [1, 2, 3, 4, 5, 6] });
const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('addWorkingDays (end of the Nth working day after the day of receipt)', () => {
  // The old table (elapsed 24 h slices: Friday 15:00 + 3 = Wednesday 15:00) encoded the
  // semantics DESIGN.md replaced; the dated cases with their sources are in corpus.test.ts.
  const table: Array<[string, Calendar, string, number, string]> = [
    ['Friday 15:00 + 3 = end of Wednesday (weekend skipped)', WIB, '2026-12-04T15:00:00+07:00', 3, '2026-12-10T00:00:00+07:00'],
    ['start on a Sunday counts from Monday', WIB, '2026-12-06T10:00:00+07:00', 1, '2026-12-08T00:00:00+07:00'],
    ['0 days on a working day is the end of that day', WIB, '2026-12-07T09:00:00+07:00', 0, '2026-12-08T00:00:00+07:00'],
    ['0 days on a Saturday is the end of Monday', WIB, '2026-12-05T09:00:00+07:00', 0, '2026-12-08T00:00:00+07:00'],
    ['a deployment-supplied holiday is skipped', WIB_2026_12_08, '2026-12-07T09:00:00+07:00', 1, '2026-12-10T00:00:00+07:00'],
    ['a six-day week (Saturday works)', SIX_DAYS, '2026-12-04T15:00:00+07:00', 1, '2026-12-06T00:00:00+07:00'],
  ];
  for (const [name, cal, start, n, due] of table) {
    it(name, () => expect(iso(addWorkingDays(cal, at(start), n))).to.equal(iso(at(due))));
  }

  it('rejects negative, fractional, NaN and invalid starts', () => {
    expect(() => addWorkingDays(WIB, at('2026-12-04T00:00:00Z'), -1)).to.throw(RangeError);
    expect(() => addWorkingDays(WIB, at('2026-12-04T00:00:00Z'), 0.5)).to.throw(RangeError);
    expect(() => addWorkingDays(WIB, at('2026-12-04T00:00:00Z'), Number.NaN)).to.throw(RangeError);
    expect(() => addWorkingDays(WIB, new Date('nope'), 1)).to.throw(RangeError);
  });

  const cals = [WIB, WITA, WIT];
  const startArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 1) });

  it('property: a deadline is 00:00 local closing a working day, the Nth working day after the day of receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), startArb, fc.integer({ min: 1, max: 15 }), (c, startMs, n) => {
        const cal = cals[c]!;
        const due = addWorkingDays(cal, startMs, n).getTime();
        expect((due + cal.offsetMs) % DAY_MS, 'local midnight').to.equal(0);
        const lastDay = localDay(cal, due - 1);
        expect(isWorkingDay(cal, lastDay), new Date(due).toISOString()).to.equal(true);
        let counted = 0;
        for (let d = localDay(cal, startMs) + 1; d <= lastDay; d++) if (isWorkingDay(cal, d)) counted++;
        expect(counted).to.equal(n);
        expect(workingDaysLeft(cal, startMs, due)).to.equal(n);
      }),
      { numRuns: 400 },
    );
  });

  it('property: adding holidays never moves a deadline earlier', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 0, max: 15 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 3 * 365 }), { maxLength: 40 }),
        (startMs, n, offsets) => {
          const extra = offsets.map((o) => new Date(Date.UTC(2025, 0, 1) + o * DAY_MS).toISOString().slice(0, 10));
          const more = createCalendar({ timeZone: 'Asia/Jakarta', holidays: [...holidays, ...extra] });
          const before = addWorkingDays(WIB, startMs, n).getTime();
          const after = addWorkingDays(more, startMs, n).getTime();
          expect(after).to.be.at.least(before);
          expect(isWorkingDay(more, localDay(more, after - 1))).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a later receipt never gives an earlier deadline', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 10 * DAY_MS }), fc.integer({ min: 0, max: 10 }), (a, gap, n) => {
        expect(addWorkingDays(WIB, a + gap, n).getTime()).to.be.at.least(addWorkingDays(WIB, a, n).getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingTimeBetween', () => {
  it('counts only the time that falls on working days', () => {
    // Fri 15:59 → Thu 00:00: 8 h 1 min of Friday, then Mon, Tue, Wed in full.
    const ms = workingTimeBetween(WIB, at('2026-12-04T15:59:00+07:00'), at('2026-12-10T00:00:00+07:00'));
    expect(ms).to.equal(3 * DAY_MS + 8 * 3_600_000 + 60_000);
    expect(workingTimeBetween(WIB, at('2026-12-05T00:00:00+07:00'), at('2026-12-07T00:00:00+07:00'))).to.equal(0);
  });
});

describe('workingDaysLeft', () => {
  const due = at('2026-12-10T00:00:00+07:00'); // end of Wed 9 Dec 2026
  it('counts whole working days after today up to the last day', () => {
    expect(workingDaysLeft(WIB, at('2026-12-04T15:59:00+07:00'), due)).to.equal(3); // Fri: Mon, Tue, Wed
    expect(workingDaysLeft(WIB, at('2026-12-05T10:00:00+07:00'), due)).to.equal(3); // Sat
    expect(workingDaysLeft(WIB, at('2026-12-08T10:00:00+07:00'), due)).to.equal(1); // Tue: Wed
    expect(workingDaysLeft(WIB, at('2026-12-09T10:00:00+07:00'), due)).to.equal(0); // the last day
    expect(workingDaysLeft(WIB, at('2026-12-11T10:00:00+07:00'), due)).to.equal(0); // overdue
  });
});

describe('addHours and addWorkingHours', () => {
  it('N hours is plain elapsed time, weekends and holidays included', () => {
    expect(iso(addHours(at('2026-12-25T14:00:00+07:00'), 4))).to.equal(iso(at('2026-12-25T18:00:00+07:00')));
    expect(iso(addHours(at('2026-12-04T23:00:00+07:00'), 2))).to.equal(iso(at('2026-12-05T01:00:00+07:00')));
  });

  it('working hours run only inside office hours on working days', () => {
    // Friday 15:00: one office hour left, the second on Monday from 07:30.
    expect(iso(addWorkingHours(WIB, at('2026-12-04T15:00:00+07:00'), 2))).to.equal(iso(at('2026-12-07T08:30:00+07:00')));
    // Before opening: counting starts at 07:30.
    expect(iso(addWorkingHours(WIB, at('2026-12-07T06:00:00+07:00'), 1))).to.equal(iso(at('2026-12-07T08:30:00+07:00')));
    // After closing: next working day, skipping cuti bersama + Natal.
    expect(iso(addWorkingHours(WIB, at('2026-12-23T17:00:00+07:00'), 1))).to.equal(iso(at('2026-12-28T08:30:00+07:00')));
    // Exactly a full office day (8.5 h) ends at closing time.
    expect(iso(addWorkingHours(WIB, at('2026-12-07T07:30:00+07:00'), 8.5))).to.equal(iso(at('2026-12-07T16:00:00+07:00')));
  });

  it('addDuration dispatches on the unit', () => {
    const start = at('2026-12-04T15:00:00+07:00');
    expect(iso(addDuration(WIB, start, { amount: 4, unit: 'hours' }))).to.equal(iso(at('2026-12-04T19:00:00+07:00')));
    expect(iso(addDuration(WIB, start, { amount: 3, unit: 'working_days' }))).to.equal(iso(at('2026-12-10T00:00:00+07:00')));
    expect(iso(addDuration(WIB, start, { amount: 2, unit: 'working_hours' }))).to.equal(iso(at('2026-12-07T08:30:00+07:00')));
  });

  it('property: working-hours deadlines land inside office hours of a working day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }), fc.integer({ min: 1, max: 40 }), (startMs, n) => {
        const due = addWorkingHours(WIB, startMs, n).getTime();
        expect(isWorkingDate(WIB, due - 1)).to.equal(true);
        const local = due + WIB.offsetMs - localDay(WIB, due - 1) * DAY_MS;
        expect(local).to.be.greaterThan(WIB.officeStartMs);
        expect(local).to.be.at.most(WIB.officeEndMs);
      }),
      { numRuns: 300 },
    );
  });
});
