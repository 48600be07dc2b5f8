/**
 * The period a board shows, as whole local days of the regency's zone: `7d` and `30d`
 * end today, `month` is this month so far, `YYYY-MM` a whole month (up to today). "Today"
 * is the gateway's, never the device's alone (the SDK corrects for skew).
 */
export type Period = '7d' | '30d' | 'month' | `${number}-${number}`;

const DAY = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A period the element knows; anything else is `30d`. */
export function normalizePeriod(value: string | null | undefined): Period {
  const v = (value ?? '').trim();
  return v === '7d' || v === '30d' || v === 'month' || MONTH.test(v) ? (v as Period) : '30d';
}

/** The first and last day (both included) of `period` at `now`. */
export function resolvePeriod(period: Period, now: number, timeZone: string): { from: string; to: string } {
  const today = localDate(now, timeZone);
  if (period === '7d') return { from: addDays(today, -6), to: today };
  if (period === 'month') return { from: `${today.slice(0, 7)}-01`, to: today };
  const m = MONTH.exec(period);
  if (m) {
    const from = `${m[1]}-${m[2]}-01`;
    const last = addDays(`${m[2] === '12' ? Number(m[1]) + 1 : m[1]}-${m[2] === '12' ? '01' : String(Number(m[2]) + 1).padStart(2, '0')}-01`, -1);
    return { from, to: last < today ? last : today < from ? from : today };
  }
  return { from: addDays(today, -29), to: today };
}
