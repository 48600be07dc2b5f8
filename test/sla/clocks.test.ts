import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Clock } from '../../src/contract/sla.js';
import {
  computeClocks,
  createCalendar,
  holidayDates,
  isWorkingDate,
  nextDueAt,
  policyFor,
  remaining,
  workingDaysLeft,
  type Transition,
} from '../../src/sla/index.js';

const WIB = createCalendar({ timeZone: 'Asia/Jakarta', holidays: holidayDates() });
const WITA = createCalendar({ timeZone: 'Asia/Makassar', holidays: holidayDates() });
const opd = policyFor('opd');
const H = 3_600_000;
const ms = (s: string) => Date.parse(s);
const byId = (clocks: Clock[]) => new Map(clocks.map((c) => [c.id, c]));

/** Submitted Friday 4 Dec 2026 15:00 WIB. */
const SUBMIT = '2026-12-04T15:00:00+07:00';

describe('computeClocks', () => {
  it('produces the contract Clock shape', () => {
    const clocks = computeClocks(opd, [{ status: 'submitted', at: SUBMIT }], { calendar: WIB });
    expect(clocks.map((c) => c.id)).to.deep.equal(['local.handle', 'lapor.verify']);
    for (const c of clocks) expect(Clock.safeParse(c).success, JSON.stringify(c)).to.equal(true);
    const verify = byId(clocks).get('lapor.verify')!;
    expect(verify).to.deep.equal({
      id: 'lapor.verify',
      state: 'running',
      startedAt: '2026-12-04T08:00:00.000Z',
      dueAt: '2026-12-09T17:00:00.000Z', // end of Wed 9 Dec WIB
      stoppedAt: null,
      pausedMs: 0,
      limit: { amount: 3, unit: 'working_days' },
      timeZone: 'Asia/Jakarta',
    });
  });

  it('kecamatan has 2 clock hours to start handling, an OPD 4', () => {
    const t: Transition[] = [{ status: 'submitted', at: SUBMIT }];
    const kec = byId(computeClocks(policyFor('kecamatan'), t, { calendar: WIB })).get('local.handle')!;
    const dinas = byId(computeClocks(opd, t, { calendar: WIB })).get('local.handle')!;
    expect(ms(kec.dueAt) - ms(SUBMIT)).to.equal(2 * H);
    expect(ms(dinas.dueAt) - ms(SUBMIT)).to.equal(4 * H);
  });

  it('local.handle is met when handling starts in time and breached when late', () => {
    const onTime = byId(
      computeClocks(opd, [
        { status: 'submitted', at: SUBMIT },
        { status: 'in_progress', at: '2026-12-04T18:59:59+07:00' },
      ], { calendar: WIB }),
    ).get('local.handle')!;
    expect(onTime.state).to.equal('met');
    const late = byId(
      computeClocks(opd, [
        { status: 'submitted', at: SUBMIT },
        { status: 'in_progress', at: '2026-12-04T19:00:01+07:00' },
      ], { calendar: WIB }),
    ).get('local.handle')!;
    expect(late.state).to.equal('breached');
    expect(late.stoppedAt).to.equal('2026-12-04T12:00:01.000Z');
  });

  it('a clock stops when the report jumps past its target (submitted → responded stops local.handle)', () => {
    const clocks = byId(
      computeClocks(opd, [
        { status: 'submitted', at: SUBMIT },
        { status: 'responded', at: '2026-12-04T16:00:00+07:00' },
      ], { calendar: WIB }),
    );
    expect(clocks.get('local.handle')!.state).to.equal('met');
    expect(clocks.get('lapor.verify')!.state).to.equal('met');
    expect(clocks.get('lapor.close')!.state).to.equal('running');
    expect(clocks.has('lapor.followup')).to.equal(false);
  });

  it('walks the whole happy path', () => {
    const clocks = computeClocks(opd, [
      { status: 'submitted', at: SUBMIT },
      { status: 'verified', at: '2026-12-04T16:00:00+07:00' },
      { status: 'forwarded', at: '2026-12-07T09:00:00+07:00', institutionId: 'dinkes' },
      { status: 'in_progress', at: '2026-12-07T10:00:00+07:00' },
      { status: 'responded', at: '2026-12-10T10:00:00+07:00' },
      { status: 'completed', at: '2026-12-11T10:00:00+07:00' },
    ], { calendar: WIB });
    expect(clocks.map((c) => [c.id, c.state])).to.deep.equal([
      ['local.handle', 'breached'],
      ['lapor.verify', 'met'],
      ['lapor.followup', 'met'],
      ['lapor.close', 'met'],
    ]);
  });

  // Was "dueAt shifts by exactly the pause" for every clock; DESIGN.md now keeps the working
  // days left for a working-day clock, so a same-day pause leaves its deadline in place.
  it('hold and resume on the same day: pausedMs grows by the pause; the working-day deadline stays, the hours one moves by it', () => {
    const pauseStart = '2026-12-07T09:00:00+07:00';
    const pauseEnd = '2026-12-07T11:30:00+07:00';
    const base = computeClocks(opd, [{ status: 'submitted', at: SUBMIT }, { status: 'verified', at: '2026-12-04T16:00:00+07:00' }], { calendar: WIB });
    const paused = computeClocks(opd, [
      { status: 'submitted', at: SUBMIT },
      { status: 'verified', at: '2026-12-04T16:00:00+07:00' },
      { status: 'on_hold', at: pauseStart },
    ], { calendar: WIB });
    const verifyPaused = byId(paused).get('lapor.verify')!;
    expect(verifyPaused.state).to.equal('paused');
    expect(verifyPaused.stoppedAt).to.equal(new Date(pauseStart).toISOString());
    // Frozen while paused.
    expect(remaining(verifyPaused, ms(pauseEnd))).to.equal(remaining(verifyPaused, ms(pauseEnd) + 10 * H));
    const resumed = byId(
      computeClocks(opd, [
        { status: 'submitted', at: SUBMIT },
        { status: 'verified', at: '2026-12-04T16:00:00+07:00' },
        { status: 'on_hold', at: pauseStart },
        { status: 'verified', at: pauseEnd },
      ], { calendar: WIB }),
    ).get('lapor.verify')!;
    const P = ms(pauseEnd) - ms(pauseStart);
    expect(resumed.state).to.equal('running');
    expect(resumed.pausedMs).to.equal(P);
    expect(resumed.dueAt).to.equal(byId(base).get('lapor.verify')!.dueAt);
    expect(resumed.stoppedAt).to.equal(null);
  });

  // Was "shifts by the elapsed pause (66 h)": a working-day clock now resumes with the
  // whole working days it had left (DESIGN.md → Working days).
  it('a pause across a weekend keeps the working days left (4), not the elapsed 66 h', () => {
    const t: Transition[] = [
      { status: 'submitted', at: '2026-12-03T09:00:00+07:00' },
      { status: 'verified', at: '2026-12-03T10:00:00+07:00' },
      { status: 'forwarded', at: '2026-12-03T11:00:00+07:00' },
      { status: 'on_hold', at: '2026-12-04T15:00:00+07:00' },
      { status: 'forwarded', at: '2026-12-07T09:00:00+07:00' },
    ];
    const followup = byId(computeClocks(opd, t, { calendar: WIB })).get('lapor.followup')!;
    // Without the pause: Thu 3 Dec + 5 working days = end of Thu 10 Dec. Paused Fri 4 Dec
    // with Mon–Thu (4) left; resumed Mon 7 Dec: Tue, Wed, Thu, Fri → end of Fri 11 Dec.
    expect(followup.pausedMs).to.equal(66 * H);
    expect(followup.dueAt).to.equal(new Date('2026-12-12T00:00:00+07:00').toISOString());
    expect(followup.startedAt).to.equal(new Date('2026-12-03T11:00:00+07:00').toISOString());
    expect(followup.state).to.equal('running');
  });

  it('a re-forward to another institution restarts lapor.followup; a resume does not', () => {
    const base: Transition[] = [
      { status: 'submitted', at: '2026-12-01T09:00:00+07:00' },
      { status: 'verified', at: '2026-12-01T10:00:00+07:00' },
      { status: 'forwarded', at: '2026-12-01T11:00:00+07:00', institutionId: 'dinkes' },
      { status: 'in_progress', at: '2026-12-02T11:00:00+07:00' },
    ];
    const reforwarded = byId(
      computeClocks(opd, [...base, { status: 'forwarded', at: '2026-12-03T11:00:00+07:00', institutionId: 'dispendik' }], { calendar: WIB }),
    ).get('lapor.followup')!;
    expect(reforwarded.startedAt).to.equal(new Date('2026-12-03T11:00:00+07:00').toISOString());
    expect(reforwarded.dueAt).to.equal(new Date('2026-12-11T00:00:00+07:00').toISOString());

    // forwarded → forwarded directly, flagged as a change of institution.
    const direct = byId(
      computeClocks(opd, [...base.slice(0, 3), { status: 'forwarded', at: '2026-12-02T08:00:00+07:00', institutionChanged: true }], { calendar: WIB }),
    ).get('lapor.followup')!;
    expect(direct.startedAt).to.equal(new Date('2026-12-02T08:00:00+07:00').toISOString());

    // forwarded → on_hold → forwarded (same institution) is a resume.
    const resumed = byId(
      computeClocks(opd, [
        ...base.slice(0, 3),
        { status: 'on_hold', at: '2026-12-01T12:00:00+07:00' },
        { status: 'forwarded', at: '2026-12-01T13:00:00+07:00', institutionId: 'dinkes' },
      ], { calendar: WIB }),
    ).get('lapor.followup')!;
    expect(resumed.startedAt).to.equal(new Date('2026-12-01T11:00:00+07:00').toISOString());
    expect(resumed.pausedMs).to.equal(H);
  });

  it('archived stops running and paused clocks; met/breached by comparison', () => {
    const clocks = byId(
      computeClocks(opd, [
        { status: 'submitted', at: SUBMIT },
        { status: 'on_hold', at: '2026-12-04T16:00:00+07:00' },
        { status: 'archived', at: '2026-12-20T16:00:00+07:00' },
      ], { calendar: WIB }),
    );
    const handle = clocks.get('local.handle')!;
    const verify = clocks.get('lapor.verify')!;
    expect(handle.state).to.equal('met'); // 1 h used of 4 when it paused
    expect(verify.state).to.equal('met');
    expect(verify.stoppedAt).to.equal(new Date('2026-12-20T16:00:00+07:00').toISOString());
    expect(remaining(verify, Date.now())).to.equal(remaining(verify, 0));
  });

  it('with `now`, a running clock past due is breached but not stopped; without `now` it stays running', () => {
    const t: Transition[] = [{ status: 'submitted', at: SUBMIT }];
    const without = byId(computeClocks(opd, t, { calendar: WIB })).get('local.handle')!;
    expect(without.state).to.equal('running');
    const late = byId(computeClocks(opd, t, { calendar: WIB, now: '2026-12-04T19:00:01+07:00' })).get('local.handle')!;
    expect(late.state).to.equal('breached');
    expect(late.stoppedAt).to.equal(null);
    expect(remaining(late, ms('2026-12-04T19:00:01+07:00'))).to.equal(-1000);
    const onTime = byId(computeClocks(opd, t, { calendar: WIB, now: '2026-12-04T19:00:00+07:00' })).get('local.handle')!;
    expect(onTime.state).to.equal('running');
    expect(nextDueAt(computeClocks(opd, t, { calendar: WIB }))).to.equal(late.dueAt);
  });

  it('takes the calendar date in the institution zone (WITA report near midnight)', () => {
    const t: Transition[] = [{ status: 'submitted', at: '2026-12-04T16:30:00Z' }];
    const wib = byId(computeClocks(opd, t, { calendar: WIB })).get('lapor.verify')!;
    const wita = byId(computeClocks(opd, t, { calendar: WITA })).get('lapor.verify')!;
    expect(wib.timeZone).to.equal('Asia/Jakarta');
    expect(wita.timeZone).to.equal('Asia/Makassar');
    // Friday in WIB, Saturday in WITA: both count Mon–Wed, each to its own midnight.
    expect(wib.dueAt).to.equal(new Date('2026-12-10T00:00:00+07:00').toISOString());
    expect(wita.dueAt).to.equal(new Date('2026-12-10T00:00:00+08:00').toISOString());
  });

  it('sorts out-of-order transitions and rejects invalid instants', () => {
    const a = computeClocks(opd, [
      { status: 'in_progress', at: '2026-12-04T16:00:00+07:00' },
      { status: 'submitted', at: SUBMIT },
    ], { calendar: WIB });
    expect(byId(a).get('local.handle')!.state).to.equal('met');
    expect(() => computeClocks(opd, [{ status: 'submitted', at: 'yesterday' }])).to.throw(RangeError);
  });

  it('uses working_hours with the policy office hours', () => {
    const policy = policyFor('opd', {
      clocks: { 'local.handle': { limit: { amount: 2, unit: 'working_hours' } } },
      officeHours: { start: '08:00', end: '15:00' },
    });
    const handle = byId(computeClocks(policy, [{ status: 'submitted', at: '2026-12-04T14:00:00+07:00' }], { calendar: WIB })).get('local.handle')!;
    expect(handle.dueAt).to.equal(new Date('2026-12-07T09:00:00+07:00').toISOString());
  });

  describe('properties', () => {
    const startArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 10, 1) });

    it('remaining never increases as now grows', () => {
      fc.assert(
        fc.property(
          startArb,
          fc.array(fc.integer({ min: 1, max: 5 * 24 * H }), { minLength: 1, maxLength: 6 }),
          fc.array(fc.constantFrom('verified', 'forwarded', 'on_hold', 'in_progress', 'responded', 'archived'), { minLength: 0, maxLength: 6 }),
          fc.integer({ min: 0, max: 30 * 24 * H }),
          fc.integer({ min: 0, max: 30 * 24 * H }),
          (start, gaps, statuses, a, b) => {
            const t: Transition[] = [{ status: 'submitted', at: start }];
            let time = start;
            statuses.forEach((status, i) => {
              time += gaps[i % gaps.length]!;
              t.push({ status: status as Transition['status'], at: time });
            });
            const now1 = start + Math.min(a, b);
            const now2 = start + Math.max(a, b);
            for (const clock of computeClocks(opd, t, { calendar: WIB })) {
              expect(remaining(clock, now2)).to.be.at.most(remaining(clock, now1));
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it('a pause of P: an hours clock moves by P; a working-day clock keeps its working days left and ends a working day', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 0, max: 4 * 24 * H }), fc.integer({ min: 1, max: 20 * 24 * H }), (start, before, P) => {
          const head: Transition[] = [
            { status: 'submitted', at: start },
            { status: 'verified', at: start + 1000 },
            { status: 'forwarded', at: start + 2000 },
          ];
          const holdAt = start + 2000 + before;
          const plain = byId(computeClocks(opd, head, { calendar: WIB }));
          const shifted = byId(
            computeClocks(opd, [...head, { status: 'on_hold', at: holdAt }, { status: 'forwarded', at: holdAt + P }], { calendar: WIB }),
          );
          const handle = shifted.get('local.handle')!;
          expect(ms(handle.dueAt) - ms(plain.get('local.handle')!.dueAt)).to.equal(P);

          const followup = shifted.get('lapor.followup')!;
          const before0 = plain.get('lapor.followup')!;
          expect(followup.pausedMs).to.equal(P);
          expect(followup.startedAt).to.equal(before0.startedAt);
          expect(ms(followup.dueAt)).to.be.at.least(ms(before0.dueAt));
          if (holdAt < ms(before0.dueAt)) {
            const due = ms(followup.dueAt);
            expect(isWorkingDate(WIB, due - 1)).to.equal(true);
            expect((due + WIB.offsetMs) % (24 * H)).to.equal(0);
            // Same whole days left, except that a clock paused on its last day and resumed on
            // a non-working day counts that next working day as its one day left.
            const left = workingDaysLeft(WIB, holdAt, ms(before0.dueAt));
            const expected = left === 0 && !isWorkingDate(WIB, holdAt + P) ? 1 : left;
            expect(workingDaysLeft(WIB, holdAt + P, due)).to.equal(expected);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
