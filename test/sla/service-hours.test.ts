/**
 * Service hours (jam layanan, issue 28): an SLA policy may declare the weekdays and local
 * times in which its `hours` clocks count; holidays come from the calendar. Without them
 * hours stay wall-clock hours (the default: a puskesmas with emergency care, an RSUD, a
 * camat on standby).
 *
 * Corpus sources:
 * - DEMO_OPD: the demo OPD page (demo/pages/index.html, Dinas Kesehatan) says
 *   "Senin–Jumat 07.30–15.30 WIB": the service hours the demo's reference data gives
 *   the OPDs (demo/seed-data.json cites the same page).
 * - ISSUE28: "A pothole reported at 21:08 now falls due at 01:08" (wall clock), and the
 *   countdown's wording "paling lambat Senin, 8 Desember pukul 09.38 WIB".
 * - SKB2025 / SKB2026: the holiday files in src/sla/holidays (25 Dec 2025 national,
 *   26 Dec 2025 cuti bersama; 18–24 Mar 2026 Nyepi and Idulfitri with cuti bersama).
 * Weekdays checked against a printed calendar (5 Dec 2025 Fri; 8 Dec 2026 Tue; 17 Mar 2026 Tue).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Clock } from '../../src/contract/sla.js';
import {
  HOUR_MS,
  addOpenTime,
  calendarHolidays,
  computeClocks,
  createCalendar,
  formatDueWords,
  formatServiceHours,
  isOpenAt,
  nextOpening,
  openTimeBetween,
  policyFor,
  remaining,
  timeTaken,
  withServiceHours,
  type Calendar,
  type Transition,
} from '../../src/sla/index.js';

const DEMO_OPD = { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' };
const holidays = calendarHolidays({ through: 2027 }).map((h) => h.date);
const WIB = createCalendar({ timeZone: 'Asia/Jakarta', holidays });
const WITA = createCalendar({ timeZone: 'Asia/Makassar', holidays });
const SERVICE = withServiceHours(WIB, DEMO_OPD);
const withHours = policyFor('opd', { serviceHours: DEMO_OPD });
const wallClock = policyFor('opd');
const iso = (s: string) => new Date(s).toISOString();
const handle = (policy = withHours, transitions: Transition[], cal: Calendar = WIB, now?: string) =>
  computeClocks(policy, transitions, { calendar: cal, ...(now ? { now } : {}) }).find((c) => c.id === 'local.handle')!;

// prettier-ignore
const CORPUS: Array<{ name: string; received: string; due: string; wallDue: string; source: string }> = [
  { name: 'Friday 13:38 → Monday 09:38 (1 h 52 on Friday, 2 h 08 on Monday)', received: '2025-12-05T13:38:00+07:00', due: '2025-12-08T09:38:00+07:00', wallDue: '2025-12-05T17:38:00+07:00', source: 'DEMO_OPD; ISSUE28 wording' },
  { name: 'a pothole at 21:08 waits for 07:30: due 11:30, not 01:08', received: '2026-12-08T21:08:00+07:00', due: '2026-12-09T11:30:00+07:00', wallDue: '2026-12-09T01:08:00+07:00', source: 'ISSUE28; DEMO_OPD' },
  { name: 'received 11:30 → due at closing time 15:30 the same day', received: '2026-12-08T11:30:00+07:00', due: '2026-12-08T15:30:00+07:00', wallDue: '2026-12-08T15:30:00+07:00', source: 'DEMO_OPD (end exclusive)' },
  { name: 'Saturday → counts from Monday 07:30', received: '2025-12-06T10:00:00+07:00', due: '2025-12-08T11:30:00+07:00', wallDue: '2025-12-06T14:00:00+07:00', source: 'DEMO_OPD (Monday–Friday)' },
  { name: 'Christmas: Wed 24 Dec 14:00 → Mon 29 Dec 10:00 (25 national, 26 cuti bersama)', received: '2025-12-24T14:00:00+07:00', due: '2025-12-29T10:00:00+07:00', wallDue: '2025-12-24T18:00:00+07:00', source: 'SKB2025' },
  { name: 'Nyepi + Idulfitri 2026: Tue 17 Mar 13:00 → Wed 25 Mar 09:00', received: '2026-03-17T13:00:00+07:00', due: '2026-03-25T09:00:00+07:00', wallDue: '2026-03-17T17:00:00+07:00', source: 'SKB2026' },
];

describe('service hours: corpus', () => {
  for (const c of CORPUS) {
    it(`${c.name} [${c.source}]`, () => {
      const clock = handle(withHours, [{ status: 'submitted', at: c.received }]);
      expect(clock.dueAt).to.equal(iso(c.due));
      expect(clock.serviceHours).to.deep.equal(DEMO_OPD);
      expect(Clock.safeParse(clock).success, JSON.stringify(clock)).to.equal(true);
      // The default stays the wall clock (nights and holidays included).
      const wall = handle(wallClock, [{ status: 'submitted', at: c.received }]);
      expect(wall.dueAt).to.equal(iso(c.wallDue));
      expect(wall.serviceHours).to.equal(undefined);
    });
  }

  it('only `hours` clocks count service hours; LAPOR!\'s working days are unchanged', () => {
    const clocks = computeClocks(withHours, [{ status: 'submitted', at: '2025-12-05T13:38:00+07:00' }], { calendar: WIB });
    const verify = clocks.find((c) => c.id === 'lapor.verify')!;
    expect(verify.serviceHours).to.equal(undefined);
    expect(verify.dueAt).to.equal(iso('2025-12-11T00:00:00+07:00')); // end of Wed 10 Dec: 3 working days
  });

  it('a pause gives back the service time that was left, not the wall-clock pause', () => {
    // Received Fri 5 Dec 2025 12:30 → due 15:30 + 1 h on Monday = Mon 08:30. Paused Friday
    // 14:30 with 1 h of Friday and 1 h of Monday left (2 h); resumed Monday 10:00 → due 12:00.
    const transitions: Transition[] = [
      { status: 'submitted', at: '2025-12-05T12:30:00+07:00' },
      { status: 'on_hold', at: '2025-12-05T14:30:00+07:00' },
    ];
    const paused = handle(withHours, transitions);
    expect(paused.state).to.equal('paused');
    expect(paused.dueAt).to.equal(iso('2025-12-08T08:30:00+07:00'));
    const resumed = handle(withHours, [...transitions, { status: 'submitted', at: '2025-12-08T10:00:00+07:00' }]);
    expect(resumed.state).to.equal('running');
    expect(resumed.dueAt).to.equal(iso('2025-12-08T12:00:00+07:00'));
    expect(resumed.pausedMs).to.equal(Date.parse('2025-12-08T10:00:00+07:00') - Date.parse('2025-12-05T14:30:00+07:00'));
  });

  it('time taken counts service time: received 21:08, handled 08:00 next morning = 30 minutes', () => {
    const clock = handle(withHours, [
      { status: 'submitted', at: '2026-12-08T21:08:00+07:00' },
      { status: 'in_progress', at: '2026-12-09T08:00:00+07:00' },
    ]);
    expect(clock.state).to.equal('met');
    expect(timeTaken(clock, clock.stoppedAt!, WIB)).to.equal(30 * 60_000);
    const wall = handle(wallClock, [
      { status: 'submitted', at: '2026-12-08T21:08:00+07:00' },
      { status: 'in_progress', at: '2026-12-09T08:00:00+07:00' },
    ]);
    expect(wall.state).to.equal('breached');
    expect(timeTaken(wall, wall.stoppedAt!, WIB)).to.equal(10 * HOUR_MS + 52 * 60_000);
  });

  it('rejects service hours that make no sense', () => {
    expect(() => withServiceHours(WIB, { days: [], start: '07:30', end: '15:30' })).to.throw(RangeError);
    expect(() => withServiceHours(WIB, { days: [8], start: '07:30', end: '15:30' })).to.throw(RangeError);
    expect(() => withServiceHours(WIB, { days: [1], start: '15:30', end: '07:30' })).to.throw(RangeError);
    expect(() => withServiceHours(WIB, { days: [1], start: '7:30', end: '15:30' })).to.throw(RangeError);
  });
});

describe('service hours: properties', () => {
  const hoursArb = fc.record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    startMin: fc.integer({ min: 0, max: 22 * 60 }),
    length: fc.integer({ min: 30, max: 10 * 60 }),
  }).map(({ days, startMin, length }) => {
    const endMin = Math.min(24 * 60, startMin + length);
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { days, start: hhmm(startMin), end: hhmm(endMin) };
  });
  const startArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 1) });
  const calArb = fc.constantFrom(WIB, WITA);

  it('a deadline uses exactly the limit in service time, and falls inside (or closes) a window', () => {
    fc.assert(
      fc.property(calArb, hoursArb, startArb, fc.integer({ min: 1, max: 8 }), (cal, hours, start, n) => {
        const clock = handle(policyFor('opd', { serviceHours: hours, clocks: { 'local.handle': { limit: n } } }), [{ status: 'submitted', at: start }], cal);
        const due = Date.parse(clock.dueAt);
        const service = withServiceHours(cal, hours);
        expect(openTimeBetween(service, start, due)).to.equal(n * HOUR_MS);
        // Inside a window, or exactly at its close (the last minute counted).
        expect(isOpenAt(service, due - 1), clock.dueAt).to.equal(true);
        expect(due - start >= n * HOUR_MS).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a later receipt is never due earlier', () => {
    fc.assert(
      fc.property(hoursArb, startArb, fc.integer({ min: 0, max: 5 * 86_400_000 }), (hours, a, gap) => {
        const service = withServiceHours(WIB, hours);
        expect(+addOpenTime(service, a + gap, 4 * HOUR_MS) >= +addOpenTime(service, a, 4 * HOUR_MS)).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a pause keeps the service time left, however long it lasts', () => {
    fc.assert(
      fc.property(hoursArb, startArb, fc.integer({ min: 1, max: 3 * HOUR_MS }), fc.integer({ min: 1, max: 10 * 86_400_000 }), (hours, start, into, pause) => {
        const policy = policyFor('opd', { serviceHours: hours });
        const pausedAt = start + into;
        const before = handle(policy, [{ status: 'submitted', at: start }]);
        if (pausedAt >= Date.parse(before.dueAt)) return; // paused late: shifted by the pause, as before
        const after = handle(policy, [
          { status: 'submitted', at: start },
          { status: 'on_hold', at: pausedAt },
          { status: 'submitted', at: pausedAt + pause },
        ]);
        const service = withServiceHours(WIB, hours);
        expect(openTimeBetween(service, pausedAt + pause, Date.parse(after.dueAt))).to.equal(openTimeBetween(service, pausedAt, Date.parse(before.dueAt)));
        expect(after.pausedMs).to.equal(pause);
      }),
      { numRuns: 200 },
    );
  });

  // Taken up after the deadline but before the next opening: late (by the clock), with
  // exactly the limit used (no service time passed since). So the two implications, not ⇔.
  it('met ⇒ time taken ≤ limit, breached ⇒ ≥ limit; remaining is wall time to the deadline', () => {
    fc.assert(
      fc.property(hoursArb, startArb, fc.integer({ min: 1, max: 4 * 86_400_000 }), (hours, start, after) => {
        const clock = handle(policyFor('opd', { serviceHours: hours }), [
          { status: 'submitted', at: start },
          { status: 'in_progress', at: start + after },
        ]);
        const taken = timeTaken(clock, clock.stoppedAt!, WIB);
        if (clock.state === 'met') expect(taken <= 4 * HOUR_MS, `met, ${taken}`).to.equal(true);
        else expect(taken >= 4 * HOUR_MS, `breached, ${taken}`).to.equal(true);
        expect(remaining(clock, 0)).to.equal(Date.parse(clock.dueAt) - (start + after));
      }),
      { numRuns: 300 },
    );
  });

  it('nextOpening is open, and nothing opens before it', () => {
    fc.assert(
      fc.property(calArb, hoursArb, startArb, (cal, hours, at) => {
        const service = withServiceHours(cal, hours);
        const next = +nextOpening(service, at);
        expect(next >= at).to.equal(true);
        expect(isOpenAt(service, next)).to.equal(true);
        expect(openTimeBetween(service, at, next)).to.equal(0);
        if (isOpenAt(service, at)) expect(next).to.equal(at);
      }),
      { numRuns: 300 },
    );
  });

  it('holidays have no service hours', () => {
    // Thu 25 Dec 2025 10:00 (Christmas) is a Thursday inside 07:30–15:30 but closed.
    expect(isOpenAt(SERVICE, Date.parse('2025-12-25T10:00:00+07:00'))).to.equal(false);
    expect(isOpenAt(SERVICE, Date.parse('2025-12-24T10:00:00+07:00'))).to.equal(true);
    expect(nextOpening(SERVICE, Date.parse('2025-12-25T10:00:00+07:00')).toISOString()).to.equal(iso('2025-12-29T07:30:00+07:00'));
  });
});

describe('service hours: words', () => {
  it('says the due time plainly, with the year only when it is not this year', () => {
    const due = '2025-12-08T09:38:00+07:00';
    const now = Date.parse('2025-12-05T13:38:00+07:00');
    expect(formatDueWords(due, 'Asia/Jakarta', 'id-ID', now)).to.equal('Senin, 8 Desember pukul 09.38 WIB');
    expect(formatDueWords(due, 'Asia/Jakarta', 'en', now)).to.equal('Monday, 8 December at 09:38 WIB');
    expect(formatDueWords('2026-01-05T08:00:00+07:00', 'Asia/Jakarta', 'id-ID', now)).to.equal('Senin, 5 Januari 2026 pukul 08.00 WIB');
    expect(formatDueWords(due, 'Asia/Makassar', 'id-ID', now)).to.equal('Senin, 8 Desember pukul 10.38 WITA');
  });

  it('names service hours: ranges of three days or more, single days listed', () => {
    expect(formatServiceHours(DEMO_OPD, 'Asia/Jakarta')).to.equal('Senin–Jumat 07.30–15.30 WIB');
    expect(formatServiceHours(DEMO_OPD, 'Asia/Jakarta', 'en')).to.equal('Monday–Friday 07:30–15:30 WIB');
    expect(formatServiceHours({ days: [6, 1, 2, 3, 4], start: '08:00', end: '12:00' }, 'Asia/Jakarta')).to.equal('Senin–Kamis, Sabtu 08.00–12.00 WIB');
    expect(formatServiceHours({ days: [1, 2], start: '08:00', end: '12:00' }, 'Asia/Jayapura', 'en')).to.equal('Monday, Tuesday 08:00–12:00 WIT');
  });
});
