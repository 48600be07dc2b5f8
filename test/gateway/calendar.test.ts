// The working calendar the gateway computes deadlines with, served in GET /v1/config, and
// LAPOR_HOLIDAYS: a newer holiday file (next year's SKB) loaded at start.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '../../gateway/config.js';
import { loadHolidayFiles } from '../../gateway/services/holiday-files.js';
import { useHolidays } from '../../gateway/services/sla.js';
import { Config } from '../../src/contract/reference.js';
import { provisionalYear, type HolidayYear } from '../../src/sla/index.js';
import { TestClock, startGateway, validReport } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lapor-holidays-'));
// A stand-in for the 2027 SKB: the Keppres dates plus a made-up cuti bersama on Mon 4 Jan.
const y2027: HolidayYear = {
  ...provisionalYear(2027),
  provisional: false,
  source: { decree: 'Keputusan Bersama (uji) Nomor 1 Tahun 2026', signed: '2026-10-01', amendments: [] },
  note: 'test file',
  days: [
    { date: '2027-01-01', kind: 'national', name: 'Tahun Baru 2027 Masehi' },
    { date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti Bersama (uji)' },
    ...provisionalYear(2027).days.slice(1).map(({ provisional: _, ...d }) => d),
  ],
};
const file2027 = join(dir, '2027.json');
writeFileSync(file2027, JSON.stringify(y2027));

after(() => useHolidays([], new Date())); // leave the process-wide calendar as it was

describe('working calendar in /v1/config and LAPOR_HOLIDAYS', () => {
  it('serves {timeZone, holidays: [{date, name, kind, provisional}]}: 2025 with 18 Aug, 2027 provisional', async () => {
    const clock = new TestClock(); // 7 Dec 2026
    const g = await startGateway({ now: clock.now });
    try {
      const r = await g.api('/v1/config');
      assert.equal(r.status, 200);
      assert.equal(Config.safeParse(r.json).success, true);
      const { calendar } = r.json;
      assert.equal(calendar.timeZone, 'Asia/Jakarta');
      const byDate = new Map(calendar.holidays.map((h: any) => [h.date, h]));
      assert.deepEqual(byDate.get('2025-08-18'), { date: '2025-08-18', name: 'Cuti Bersama Proklamasi Kemerdekaan', kind: 'cuti_bersama', provisional: false });
      assert.equal((byDate.get('2027-01-01') as any).provisional, true);
      assert.equal((byDate.get('2028-08-17') as any).provisional, true); // two years past "now"
      assert.equal(byDate.has('2027-01-04'), false);
    } finally {
      await g.close();
    }
  });

  it('a report filed on 31 Dec 2026 skips 1 Jan 2027 (Keppres 8/2024) in its working-day deadline', async () => {
    const clock = new TestClock(Date.parse('2026-12-31T03:00:00Z')); // Thu 10:00 WIB
    const g = await startGateway({ now: clock.now });
    try {
      const { report } = await g.create(validReport());
      const verify = report.clocks.find((c: any) => c.id === 'lapor.verify');
      // Fri 1 Jan holiday; Mon 4, Tue 5, Wed 6 → due at the end of Wed 6 Jan 2027.
      assert.equal(verify.dueAt, '2027-01-06T17:00:00.000Z');
    } finally {
      await g.close();
    }
  });

  it('LAPOR_HOLIDAYS loads a newer file: served as confirmed, and deadlines use it', async () => {
    const config = configFromEnv({ LAPOR_HOLIDAYS: file2027 });
    assert.deepEqual(config.holidays?.map((y) => y.year), [2027]);
    const clock = new TestClock(Date.parse('2026-12-31T03:00:00Z'));
    const g = await startGateway({ now: clock.now, holidays: config.holidays });
    try {
      const r = await g.api('/v1/config');
      const y = r.json.calendar.holidays.filter((h: any) => h.date.startsWith('2027-'));
      assert.ok(y.length > 0 && y.every((h: any) => h.provisional === false));
      assert.ok(y.some((h: any) => h.date === '2027-01-04'));
      const { report } = await g.create(validReport());
      // 1 Jan and 4 Jan off: Tue 5, Wed 6, Thu 7 → end of Thu 7 Jan 2027.
      assert.equal(report.clocks.find((c: any) => c.id === 'lapor.verify').dueAt, '2027-01-07T17:00:00.000Z');
    } finally {
      await g.close();
    }
  });

  it('a restart with a newer file moves the deadlines already stored (open reports only)', async () => {
    const clock = new TestClock(Date.parse('2026-12-31T03:00:00Z'));
    const g = await startGateway({ now: clock.now });
    try {
      const { trackingId, accessToken } = await g.create(validReport());
      const due = async () => (await g.api(`/v1/reports/${trackingId}`, { token: accessToken })).json.clocks.find((c: any) => c.id === 'lapor.verify').dueAt;
      assert.equal(await due(), '2027-01-06T17:00:00.000Z');
      await g.restart({ holidays: [y2027] });
      assert.equal(await due(), '2027-01-07T17:00:00.000Z'); // 4 Jan is now cuti bersama
      await g.restart({ holidays: [] });
      assert.equal(await due(), '2027-01-06T17:00:00.000Z');
    } finally {
      await g.close();
    }
  });

  it('a bad file stops the start, naming the file and the problem', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...y2027, days: y2027.days.filter((d) => d.date !== '2027-08-17') }));
    assert.throws(() => configFromEnv({ LAPOR_HOLIDAYS: bad }), /bad\.json[\s\S]*2027-08-17/);
    assert.throws(() => loadHolidayFiles(join(dir, 'missing.json')), /cannot read .*missing\.json/);
    assert.throws(() => loadHolidayFiles(`${file2027},${file2027}`), /two files for 2027/);
    assert.equal(JSON.parse(readFileSync(file2027, 'utf8')).year, 2027);
  });
});
