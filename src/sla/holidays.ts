/**
 * National holidays and cuti bersama as data (DESIGN.md → Working days): one JSON file per
 * year, transcribed from that year's SKB 3 Menteri and its amendments (named in the
 * file's `source`). They are never computed from rules (Idulfitri, Nyepi, Imlek move; the
 * decree decides). A year without a file yet gets only the fixed-date holidays of
 * Keppres 8/2024 and is marked `provisional`: its deadlines are estimates until the SKB
 * is published and shipped (or loaded by the gateway from `LAPOR_HOLIDAYS`).
 */
import data from './holidays/data.js';

export type HolidayKind = 'national' | 'cuti_bersama' | 'regional';

export interface Holiday {
  /** `YYYY-MM-DD`, a calendar date in the institution's zone. */
  date: string;
  kind: HolidayKind | string;
  /** Indonesian name, as in the decree. */
  name: string;
  /** True when the day's year has no decree yet (only Keppres 8/2024's fixed dates). */
  provisional?: boolean;
}

/** A decree, or an amendment of one. */
export interface HolidayDecree {
  /** Full title with its numbers ("Keputusan Bersama … Nomor 1017 Tahun 2024, …"). */
  decree: string;
  /** `YYYY-MM-DD` it was signed. */
  signed: string;
  /** What an amendment changed. */
  change?: string;
}

export interface HolidaySource extends HolidayDecree {
  summary?: string;
  amendments: HolidayDecree[];
  /** Where the list was checked (official pages and press reports of the decree). */
  references?: string[];
}

export interface HolidayYear {
  year: number;
  /** True for a year whose SKB is not published: only Keppres 8/2024's fixed dates. */
  provisional: boolean;
  source: HolidaySource;
  /** What we are unsure of, if anything. */
  note?: string;
  days: Holiday[];
}

/** Keppres 8/2024 (29 January 2024), diktum KESATU: the holidays with a fixed date. */
export const FIXED_HOLIDAYS: ReadonlyArray<readonly [monthDay: string, name: string]> = [
  ['01-01', 'Tahun Baru Masehi'],
  ['05-01', 'Hari Buruh Internasional'],
  ['06-01', 'Hari Lahir Pancasila'],
  ['08-17', 'Proklamasi Kemerdekaan'],
  ['12-25', 'Kelahiran Yesus Kristus'],
];

const KEPPRES_8_2024: HolidayDecree = {
  decree: 'Keputusan Presiden Republik Indonesia Nomor 8 Tahun 2024 tentang Hari-Hari Libur',
  signed: '2024-01-29',
};

// data.ts is generated from holidays/<year>.json (the canonical files) by generate.mjs.
const SHIPPED = new Map<number, HolidayYear>(data.map((y) => [y.year, y]));

const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** The years we ship a decree for. */
export function holidayYears(): number[] {
  return [...SHIPPED.keys()].sort();
}

/**
 * A year with no decree: the fixed dates of Keppres 8/2024, every day `provisional`.
 * Idulfitri, Iduladha, Nyepi, Waisak, Imlek, the Christian holidays that follow Easter,
 * the Islamic new year, Maulid, Isra Mikraj and every cuti bersama arrive with the SKB.
 */
export function provisionalYear(year: number): HolidayYear {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`Not a year: ${year}`);
  return {
    year,
    provisional: true,
    source: { ...KEPPRES_8_2024, amendments: [] },
    note: `The SKB 3 Menteri for ${year} is not published yet: only the fixed-date holidays of Keppres 8/2024.`,
    days: FIXED_HOLIDAYS.map(([md, name]) => ({ date: `${year}-${md}`, kind: 'national', name, provisional: true })),
  };
}

/** The data of one year: the shipped decree, or else the provisional Keppres dates. */
export function holidayYear(year: number): HolidayYear {
  return SHIPPED.get(year) ?? provisionalYear(year);
}

/**
 * Holidays of these years (default: every shipped year), sorted by date, each with
 * `provisional` set. A year without a shipped decree contributes its provisional
 * Keppres 8/2024 dates.
 */
export function holidaysFor(years: Iterable<number> = SHIPPED.keys()): Holiday[] {
  const out: Holiday[] = [];
  for (const y of years) out.push(...daysOf(holidayYear(y)));
  return out.sort(byDate);
}

function daysOf(year: HolidayYear): Holiday[] {
  return year.days.map((d) => ({ ...d, provisional: year.provisional || d.provisional === true }));
}

/** Just the dates, for `createCalendar({ holidays })`. */
export function holidayDates(years?: Iterable<number>): string[] {
  return [...new Set(holidaysFor(years).map((h) => h.date))];
}

export interface CalendarHolidaysOptions {
  /** Last year to cover; years without data up to it get the provisional dates. */
  through: number;
  /** First year to cover (default: the first shipped year). */
  from?: number;
  /** Newer files (e.g. from `LAPOR_HOLIDAYS`): each replaces the data of its year. */
  files?: readonly HolidayYear[];
}

/**
 * The holidays of a working calendar from `from` through `through`: shipped decrees,
 * replaced year by year by `files`, and provisional Keppres dates for the years left.
 * What the gateway computes with and serves in `GET /v1/config`.
 */
export function calendarHolidays(options: CalendarHolidaysOptions): Holiday[] {
  const given = new Map<number, HolidayYear>();
  for (const file of options.files ?? []) given.set(file.year, file);
  const first = Math.min(options.from ?? Math.min(...SHIPPED.keys()), ...given.keys());
  const last = Math.max(options.through, ...given.keys());
  const out: Holiday[] = [];
  for (let y = first; y <= last; y++) out.push(...daysOf(given.get(y) ?? holidayYear(y)));
  return out.sort(byDate);
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
  const merged = new Map<string, Holiday>();
  for (const list of lists) {
    for (const h of list) {
      const holiday = typeof h === 'string' ? { date: h, kind: 'regional', name: '' } : h;
      merged.set(holiday.date, holiday);
    }
  }
  for (const date of options.remove ?? []) merged.delete(date);
  return [...merged.values()].sort(byDate);
}

/**
 * Is `year` provisional in this list of holidays (e.g. the calendar a gateway serves)? A
 * year is confirmed only when the list has days of that year and none is provisional; a
 * year the list does not cover at all is an estimate too.
 */
export function isProvisionalYear(holidays: ReadonlyArray<Pick<Holiday, 'date' | 'provisional'>>, year: number): boolean {
  const prefix = `${year}-`;
  let seen = false;
  for (const h of holidays) {
    if (!h.date.startsWith(prefix)) continue;
    if (h.provisional) return true;
    seen = true;
  }
  return !seen;
}
