// The holiday-file schema check (scripts/check-holidays.ts), run by `npm test` with the
// node suites: the shipped files must pass, and each kind of mistake must be caught.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holidayFileProblems, parseHolidayFile } from '../../src/sla/holidays/schema.js';
import { provisionalYear } from '../../src/sla/holidays.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const y2025 = () => JSON.parse(readFileSync(join(root, 'src/sla/holidays/2025.json'), 'utf8'));

function check(...files: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/check-holidays.ts', ...files], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr });
    });
  });
}

describe('check-holidays', () => {
  it('passes every shipped file, and data.ts matches them', async () => {
    const r = await check();
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /2025\.json: 2025, 17 national, 11 cuti bersama/);
    assert.match(r.out, /2026\.json: 2026, 17 national, 8 cuti bersama/);
  });

  it('passes a provisional year built from Keppres 8/2024', () => {
    assert.deepEqual(holidayFileProblems(provisionalYear(2027)), []);
  });

  const broken: Array<[string, (f: any) => void, RegExp]> = [
    ['a date that does not exist', (f) => (f.days[1].date = '2025-02-30'), /2025-02-30.*not a calendar date/],
    ['a date of another year', (f) => (f.days[27].date = '2026-12-26'), /not in 2025/],
    ['a day listed twice', (f) => f.days.splice(2, 0, { ...f.days[1] }), /listed twice/],
    ['days out of order', (f) => f.days.reverse(), /out of order/],
    ['a Keppres fixed date missing', (f) => (f.days = f.days.filter((d: any) => d.date !== '2025-08-17')), /2025-08-17 .*missing/],
    ['an unknown kind', (f) => (f.days[0].kind = 'holiday'), /days\.0\.kind/],
    ['a decree without its signing date', (f) => delete f.source.signed, /source\.signed/],
    ['an amendment that does not say what it changed', (f) => delete f.source.amendments[0].change, /amendments\.0\.change/],
    ['a provisional day in a confirmed year', (f) => (f.days[0].provisional = true), /provisional in a year that is not/],
    ['a confirmed year without decree numbers', (f) => (f.source.decree = 'SKB 3 Menteri'), /names its decree/],
    ['an unknown field', (f) => (f.sourse = f.source), /sourse|Unrecognized/i],
  ];
  for (const [name, breakIt, message] of broken) {
    it(`catches ${name}`, () => {
      const file = y2025();
      breakIt(file);
      const problems = holidayFileProblems(file);
      assert.ok(problems.some((p) => message.test(p)), problems.join('\n'));
      assert.throws(() => parseHolidayFile(file, '2025.json'), /2025\.json/);
    });
  }

  it('the script exits 1 and names the file and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    const bad = y2025();
    bad.days = bad.days.filter((d: any) => d.date !== '2025-12-25');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    writeFileSync(join(dir, 'not-json.json'), '{');
    const r = await check(join(dir, 'bad.json'), join(dir, 'not-json.json'));
    assert.equal(r.code, 1);
    assert.match(r.out, /FAIL .*bad\.json\n {2}days: 2025-12-25 \(Kelahiran Yesus Kristus, Keppres 8\/2024\) is missing/);
    assert.match(r.out, /FAIL .*not-json\.json/);
    assert.match(r.out, /2 file\(s\) with problems/);
  });
});
