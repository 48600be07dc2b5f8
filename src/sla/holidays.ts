/**
 * National holidays and cuti bersama as data: one JSON file per year, transcribed from
 * that year's SKB 3 Menteri (the decree is named in each file's `source`). They are
 * never computed from rules (Idulfitri, Nyepi, Imlek move; the decree decides). A
 * deployment supplies corrections or its own regional days with `mergeHolidays` or
 * `createCalendar({ holidays })`.
 */
import data from './holidays/data.js';

export type HolidayKind = 'national' | 'cuti_bersama' | 'regional';

export interface Holiday {
  /** `YYYY-MM-DD`, a calendar date in the institution's zone. */
  date: string;
  kind: HolidayKind | string;
  /** Indonesian name, as in the decree. */
  name: string;
}

export interface HolidayYear {
  year: number;
  /** The decree the list was transcribed from. */
  source: string;
  /** What we are unsure of, if anything. */
  note?: string;
  days: Holiday[];
}

// data.ts is generated from holidays/<year>.json (the canonical files) by generate.mjs.
const YEARS = new Map<number, HolidayYear>(data.map((y) => [y.year, y]));

/** The years we ship data for. */
export function holidayYears(): number[] {
  return [...YEARS.keys()].sort();
}

/** The bundled data of one year, or undefined when we have none. */
export function holidayYear(year: number): HolidayYear | undefined {
  return YEARS.get(year);
}

/**
 * Holidays of these years (default: every bundled year), sorted by date. A year we have
 * no data for contributes nothing: pass it through `mergeHolidays` with your own list.
 */
export function holidaysFor(years: Iterable<number> = YEARS.keys()): Holiday[] {
  const out: Holiday[] = [];
  for (const y of years) out.push(...(YEARS.get(y)?.days ?? []));
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Just the dates, for `createCalendar({ holidays })`. */
export function holidayDates(years?: Iterable<number>): string[] {
  return [...new Set(holidaysFor(years).map((h) => h.date))];
}

/**
 * Combine holiday lists (bundled + a deployment's own). Plain strings are accepted for
 * convenience. A later list wins on the same date, so a deployment can rename a day;
 * `remove` drops dates (e.g. a cuti bersama an institution works through).
 */
export function mergeHolidays(
  lists: Iterable<ReadonlyArray<Holiday | string>>,
  options: { remove?: Iterable<string> } = {},
): Holiday[] {
  const byDate = new Map<string, Holiday>();
  for (const list of lists) {
    for (const h of list) {
      const holiday = typeof h === 'string' ? { date: h, kind: 'regional', name: '' } : h;
      byDate.set(holiday.date, holiday);
    }
  }
  for (const date of options.remove ?? []) byDate.delete(date);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
