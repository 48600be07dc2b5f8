import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  FIXED_HOLIDAYS,
  calendarHolidays,
  createCalendar,
  isProvisionalYear,
  type HolidayYear,
  dayNumber,
  holidayDates,
  holidayYear,
  holidayYears,
  holidaysFor,
  isWorkingDate,
  isoWeekday,
  localDate,
  mergeHolidays,
  zoneOffsetMs,
} from '../../src/sla/index.js';

describe('sla calendar', () => {
  it('derives the fixed offsets of the three Indonesian zones', () => {
    expect(zoneOffsetMs('Asia/Jakarta')).to.equal(7 * 3_600_000);
    expect(zoneOffsetMs('Asia/Makassar')).to.equal(8 * 3_600_000);
    expect(zoneOffsetMs('Asia/Jayapura')).to.equal(9 * 3_600_000);
  });

  it('refuses a zone with DST rather than computing wrong deadlines', () => {
    expect(() => createCalendar({ timeZone: 'Europe/Berlin' })).to.throw(RangeError, /DST/);
  });

  it('rejects bad holidays, workdays and office hours', () => {
    expect(() => createCalendar({ timeZone: 'Asia/Jakarta', holidays: ['2026-02-30'] })).to.throw(RangeError);
    expect(() => createCalendar({ timeZone: 'Asia/Jakarta', holidays: ['25-12-2026'] })).to.throw(RangeError);
    expect(() => createCalendar({ timeZone: 'Asia/Jakarta', workdays: [0] })).to.throw(RangeError);
    expect(() => createCalendar({ timeZone: 'Asia/Jakarta', workdays: [] })).to.throw(RangeError);
    expect(() => createCalendar({ timeZone: 'Asia/Jakarta', officeHours: { start: '16:00', end: '07:30' } })).to.throw(RangeError);
  });

  it('uses the institution zone for the calendar date, not the device zone (WIB vs WITA near midnight)', () => {
    const instant = new Date('2026-12-04T16:30:00Z'); // Fri 23:30 WIB, Sat 00:30 WITA
    const wib = createCalendar({ timeZone: 'Asia/Jakarta' });
    const wita = createCalendar({ timeZone: 'Asia/Makassar' });
    expect(localDate(wib, instant)).to.equal('2026-12-04');
    expect(localDate(wita, instant)).to.equal('2026-12-05');
    expect(isWorkingDate(wib, instant)).to.equal(true);
    expect(isWorkingDate(wita, instant)).to.equal(false);
  });

  it('counts weekdays from 1 = Monday to 7 = Sunday', () => {
    expect(isoWeekday(dayNumber('2026-12-07'))).to.equal(1);
    expect(isoWeekday(dayNumber('2026-12-06'))).to.equal(7);
    expect(isoWeekday(dayNumber('1970-01-01'))).to.equal(4);
    expect(isoWeekday(dayNumber('1969-12-28'))).to.equal(7);
  });

  it('honours a custom work week (a puskesmas open on Saturday)', () => {
    const cal = createCalendar({ timeZone: 'Asia/Jakarta', workdays: [1, 2, 3, 4, 5, 6] });
    expect(isWorkingDate(cal, new Date('2026-12-05T03:00:00Z'))).to.equal(true);
    expect(isWorkingDate(cal, new Date('2026-12-06T03:00:00Z'))).to.equal(false);
  });

  it('property: localDate agrees with Intl.DateTimeFormat in the zone', () => {
    const zones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
    const formats = new Map(zones.map((z) => [z, new Intl.DateTimeFormat('en-CA', { timeZone: z })]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }), (zone, ms) => {
        const cal = createCalendar({ timeZone: zone });
        expect(localDate(cal, ms)).to.equal(formats.get(zone)!.format(ms));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sla holidays (data from the SKB 3 Menteri)', () => {
  it('ships 2025 and 2026, each naming its decree, its signing date and amendments', () => {
    expect(holidayYears()).to.deep.equal([2025, 2026]);
    const y2025 = holidayYear(2025).source;
    expect([y2025.decree, y2025.signed]).to.satisfy(([d, s]: string[]) => /1017 Tahun 2024/.test(d!) && s === '2024-10-14');
    expect(y2025.amendments.map((a) => [a.signed, /Nomor 933 Tahun 2025/.test(a.decree)])).to.deep.equal([['2025-08-07', true]]);
    expect(holidayYear(2026).source.decree).to.match(/1497 Tahun 2025/);
    expect(holidayYear(2026).provisional).to.equal(false);
  });

  it('a year without a decree is provisional: only the fixed dates of Keppres 8/2024', () => {
    const y = holidayYear(2027);
    expect(y.provisional).to.equal(true);
    expect(y.source.decree).to.match(/Nomor 8 Tahun 2024/);
    expect(y.days.map((d) => d.date)).to.deep.equal(['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']);
    expect(y.days.every((d) => d.provisional === true)).to.equal(true);
  });

  it('calendarHolidays: shipped years, newer files replacing theirs, provisional years to the end', () => {
    const all = calendarHolidays({ through: 2028 });
    expect(all.filter((h) => h.date.startsWith('2027-')).every((h) => h.provisional)).to.equal(true);
    expect(all.filter((h) => h.date.startsWith('2026-')).some((h) => h.provisional)).to.equal(false);
    expect(all.map((h) => h.date)).to.include('2028-08-17');
    // A 2027 SKB arrives as a file: it replaces the provisional year.
    const y2027: HolidayYear = {
      ...holidayYear(2027),
      provisional: false,
      days: [{ date: '2027-01-01', kind: 'national', name: 'Tahun Baru 2027 Masehi' }, { date: '2027-02-08', kind: 'cuti_bersama', name: 'Cuti Bersama' }],
    };
    const withFile = calendarHolidays({ through: 2027, files: [y2027] });
    expect(withFile.filter((h) => h.date.startsWith('2027-')).map((h) => [h.date, h.provisional])).to.deep.equal([
      ['2027-01-01', false],
      ['2027-02-08', false],
    ]);
    expect(isProvisionalYear(withFile, 2027)).to.equal(false);
  });

  it('the bundled data equals the canonical JSON files (rerun generate.mjs if this fails)', async () => {
    for (const year of holidayYears()) {
      const res = await fetch(new URL(`../../src/sla/holidays/${year}.json`, import.meta.url));
      expect(res.ok, `${year}.json`).to.equal(true);
      // generate.mjs leaves out the documentation fields (note, source.references).
      const { note: _note, source: { references: _refs, ...source }, ...rest } = JSON.parse(await res.text());
      expect(holidayYear(year)).to.deep.equal({ ...rest, source });
    }
  });

  it('has the decreed counts: 2025 17 + 10 cuti bersama + 18 Aug (SKB 933/1/3), 2026 17 + 8', () => {
    const count = (y: number, kind: string) => holidayYear(y)!.days.filter((d) => d.kind === kind).length;
    expect([count(2025, 'national'), count(2025, 'cuti_bersama')]).to.deep.equal([17, 11]);
    expect(holidayDates([2025])).to.include('2025-08-18');
    expect([count(2026, 'national'), count(2026, 'cuti_bersama')]).to.deep.equal([17, 8]);
  });

  it('every shipped year has the Keppres 8/2024 fixed dates', () => {
    for (const year of holidayYears()) {
      expect(holidayDates([year])).to.include.members(FIXED_HOLIDAYS.map(([md]) => `${year}-${md}`));
    }
  });

  it('every entry is a real date of its year, unique, with an Indonesian name', () => {
    for (const year of holidayYears()) {
      const days = holidayYear(year)!.days;
      expect(new Set(days.map((d) => d.date)).size).to.equal(days.length);
      for (const d of days) {
        expect(() => dayNumber(d.date), d.date).not.to.throw();
        expect(d.date.startsWith(`${year}-`)).to.equal(true);
        expect(d.name.length).to.be.greaterThan(3);
      }
    }
  });

  it('contains known days (Idulfitri 1447 H, cuti bersama Natal 2026)', () => {
    const dates = holidayDates([2026]);
    expect(dates).to.include.members(['2026-03-20', '2026-03-23', '2026-03-24', '2026-12-24', '2026-12-25']);
    expect(dates).not.to.include('2026-12-23');
    // A year we ship no decree for gets the provisional Keppres dates.
    expect(holidaysFor([2024]).map((h) => [h.date, h.provisional])).to.deep.equal([
      ['2024-01-01', true],
      ['2024-05-01', true],
      ['2024-06-01', true],
      ['2024-08-17', true],
      ['2024-12-25', true],
    ]);
  });

  it('mergeHolidays lets a deployment add, rename and remove days', () => {
    const merged = mergeHolidays(
      [holidaysFor([2026]), ['2026-10-18'], [{ date: '2026-12-24', kind: 'cuti_bersama', name: 'Renamed' }]],
      { remove: ['2026-05-15'] },
    );
    const byDate = new Map(merged.map((h) => [h.date, h]));
    expect(byDate.get('2026-10-18')!.kind).to.equal('regional');
    expect(byDate.get('2026-12-24')!.name).to.equal('Renamed');
    expect(byDate.has('2026-05-15')).to.equal(false);
    expect(merged.map((h) => h.date)).to.deep.equal([...merged.map((h) => h.date)].sort());
  });
});
