import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DAY_MS,
  addDuration,
  addHours,
  addWorkingDays,
  addWorkingHours,
  createCalendar,
  holidayDates,
  isWorkingDate,
  localDay,
  workingTimeBetween,
  type Calendar,
} from '../../src/sla/index.js';

const holidays = holidayDates();
const WIB = createCalendar({ timeZone: 'Asia/Jakarta', holidays });
const WITA = createCalendar({ timeZone: 'Asia/Makassar', holidays });
const WIT = createCalendar({ timeZone: 'Asia/Jayapura', holidays });
const WIB_2027 = createCalendar({ timeZone: 'Asia/Jakarta', holidays: [...holidays, '2027-01-01'] });
const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('addWorkingDays', () => {
  const table: Array<[string, Calendar, string, number, string]> = [
    ['Friday 15:00 + 3 = Wednesday 15:00 (weekend skipped)', WIB, '2026-12-04T15:00:00+07:00', 3, '2026-12-09T15:00:00+07:00'],
    ['Wed before Natal: cuti bersama 24th + Natal 25th + weekend skipped', WIB, '2026-12-23T10:00:00+07:00', 3, '2026-12-30T10:00:00+07:00'],
    ['Tue 17 Mar 2026 15:00 + 3 across Nyepi and Idulfitri (18–24 March off)', WIB, '2026-03-17T15:00:00+07:00', 3, '2026-03-27T15:00:00+07:00'],
    ['start on a Sunday moves to Monday 00:00', WIB, '2026-12-06T10:00:00+07:00', 1, '2026-12-08T00:00:00+07:00'],
    ['start inside cuti bersama (Fri 20 Mar 2026) moves to Wed 25 Mar 00:00', WIB, '2026-03-20T09:00:00+07:00', 1, '2026-03-26T00:00:00+07:00'],
    ['a whole working week from Monday 00:00 ends at Saturday 00:00', WIB, '2026-12-07T00:00:00+07:00', 5, '2026-12-12T00:00:00+07:00'],
    ['zero days on a working day is the start itself', WIB, '2026-12-07T09:00:00+07:00', 0, '2026-12-07T09:00:00+07:00'],
    ['half a day', WIB, '2026-12-07T09:00:00+07:00', 0.5, '2026-12-07T21:00:00+07:00'],
    ['10 working days of lapor.close across Natal and new year (no 2027 data: 1 Jan counts)', WIB, '2026-12-21T08:00:00+07:00', 10, '2027-01-06T08:00:00+07:00'],
    ['same, with a deployment-supplied 2027-01-01 holiday', WIB_2027, '2026-12-21T08:00:00+07:00', 10, '2027-01-07T08:00:00+07:00'],
    ['WIT: Friday 15:00 + 3 = Wednesday 15:00 WIT', WIT, '2026-12-04T15:00:00+09:00', 3, '2026-12-09T15:00:00+09:00'],
  ];
  for (const [name, cal, start, n, due] of table) {
    it(name, () => expect(iso(addWorkingDays(cal, at(start), n))).to.equal(iso(at(due))));
  }

  it('WITA vs WIB: the same instant near midnight is Friday in one zone and Saturday in the other', () => {
    const instant = at('2026-12-04T16:30:00Z'); // Fri 23:30 WIB = Sat 00:30 WITA
    // WIB: 30 minutes of Friday are left, the rest runs on Monday.
    expect(iso(addWorkingDays(WIB, instant, 1))).to.equal(iso(at('2026-12-07T23:30:00+07:00')));
    // WITA: starts on Saturday, so from Monday 00:00.
    expect(iso(addWorkingDays(WITA, instant, 1))).to.equal(iso(at('2026-12-08T00:00:00+08:00')));
  });

  it('rejects negative, NaN and invalid starts', () => {
    expect(() => addWorkingDays(WIB, at('2026-12-04T00:00:00Z'), -1)).to.throw(RangeError);
    expect(() => addWorkingDays(WIB, at('2026-12-04T00:00:00Z'), Number.NaN)).to.throw(RangeError);
    expect(() => addWorkingDays(WIB, new Date('nope'), 1)).to.throw(RangeError);
  });

  it('property: a deadline never lands on a non-working day, and uses exactly N × 24 h of working time', () => {
    const cals = [WIB, WITA, WIT];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }),
        fc.integer({ min: 1, max: 15 }),
        (c, startMs, n) => {
          const cal = cals[c]!;
          const due = addWorkingDays(cal, startMs, n).getTime();
          // The last working instant before the deadline is on a working day (a deadline at
          // midnight closes the previous day, which is the working one).
          expect(isWorkingDate(cal, due - 1), new Date(due).toISOString()).to.equal(true);
          expect(workingTimeBetween(cal, startMs, due)).to.equal(n * DAY_MS);
          expect(due).to.be.greaterThan(startMs);
        },
      ),
      { numRuns: 400 },
    );
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
    expect(iso(addDuration(WIB, start, { amount: 3, unit: 'working_days' }))).to.equal(iso(at('2026-12-09T15:00:00+07:00')));
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
