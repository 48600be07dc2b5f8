/**
 * The schema of a holiday file (src/sla/holidays/<year>.json, or a newer one the gateway
 * loads from LAPOR_HOLIDAYS), and the checks a shape cannot express: real dates of the
 * file's year, sorted and unique, the Keppres 8/2024 fixed dates present, a decree with
 * its signing date for a confirmed year. Used by scripts/check-holidays.ts and the
 * gateway; not part of `lapor-widget/sla` (it would pull zod into it).
 */
import * as z from 'zod/mini';
import { FIXED_HOLIDAYS, type HolidayYear } from '../holidays.js';

const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date'));
const Text = z.string().check(z.trim(), z.minLength(1));

/** An amendment: a later decree, and what it changed. */
const Amendment = z.strictObject({
  decree: Text,
  signed: LocalDate,
  change: Text,
});

export const HolidayFile = z.strictObject({
  year: z.number().check(z.int(), z.gte(2024), z.lte(2100)),
  provisional: z.boolean(),
  source: z.strictObject({
    decree: Text,
    signed: LocalDate,
    change: z.optional(Text),
    summary: z.optional(Text),
    amendments: z.array(Amendment),
    references: z.optional(z.array(Text)),
  }),
  note: z.optional(Text),
  days: z.array(
    z.strictObject({
      date: LocalDate,
      kind: z.enum(['national', 'cuti_bersama', 'regional']),
      name: Text,
      provisional: z.optional(z.boolean()),
    }),
  ),
});

/** zod/mini ships no message catalog ("Invalid input"): say what is wrong in words. */
function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.join('.') : '(file)';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}: unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `${where}: ${issue.origin === 'string' ? 'must not be empty' : `must be ≥ ${String(issue.minimum)}`}`;
    case 'too_big':
      return `${where}: must be ≤ ${String(issue.maximum)}`;
    default:
      return `${where}: ${issue.message === 'Invalid input' ? `invalid (${issue.code})` : issue.message}`;
  }
}

function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/** Every problem with `value` as a holiday file, as readable lines; [] when it is valid. */
export function holidayFileProblems(value: unknown): string[] {
  const parsed = HolidayFile.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map(describe);
  const file = parsed.data;
  const problems: string[] = [];
  const dates = [file.source.signed, ...file.source.amendments.map((a) => a.signed)];
  for (const d of dates) if (!isRealDate(d)) problems.push(`source: ${d} is not a calendar date`);
  if (!file.provisional && !/Nomor \d+/.test(file.source.decree)) {
    problems.push('source.decree: a confirmed year names its decree with its numbers ("… Nomor 1017 Tahun 2024 …")');
  }
  let previous = '';
  file.days.forEach((day, i) => {
    const where = `days.${i} (${day.date})`;
    if (!isRealDate(day.date)) problems.push(`${where}: not a calendar date`);
    if (!day.date.startsWith(`${file.year}-`)) problems.push(`${where}: not in ${file.year}`);
    if (day.date === previous) problems.push(`${where}: listed twice`);
    else if (day.date < previous) problems.push(`${where}: out of order (after ${previous})`);
    if (!file.provisional && day.provisional) problems.push(`${where}: provisional in a year that is not`);
    previous = day.date;
  });
  const listed = new Set(file.days.map((d) => d.date));
  for (const [md, name] of FIXED_HOLIDAYS) {
    if (!listed.has(`${file.year}-${md}`)) problems.push(`days: ${file.year}-${md} (${name}, Keppres 8/2024) is missing`);
  }
  return problems;
}

/** Parse a holiday file, or throw an Error listing every problem. */
export function parseHolidayFile(value: unknown, name = 'holiday file'): HolidayYear {
  const problems = holidayFileProblems(value);
  if (problems.length) throw new Error(`${name}:\n  ${problems.join('\n  ')}`);
  return HolidayFile.parse(value) as HolidayYear;
}
