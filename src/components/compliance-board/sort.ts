/**
 * How a board table is ordered: by rank (the gateway's; unranked last), or by any column.
 * Pure, so the order a screen reader hears is the order tests check.
 */
import type { PublicComplianceGroup, PublicComplianceUnit } from '../../contract/compliance.js';

export type SortColumn = 'rank' | 'name' | 'received' | 'within' | 'median' | 'overdue';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortState = { column: 'rank', direction: 'ascending' };

/** Which way a column sorts first: best or biggest first, names A–Z. */
export const FIRST_DIRECTION: Record<SortColumn, SortDirection> = {
  rank: 'ascending',
  name: 'ascending',
  received: 'descending',
  within: 'descending',
  median: 'ascending',
  overdue: 'descending',
};

type Row = Pick<PublicComplianceUnit | PublicComplianceGroup, 'rank' | 'received' | 'shareWithinLimit' | 'medianFirstHandlingMs' | 'overdueNow'>;

/** A column's value; null (nothing to show) always sorts last, whichever the direction. */
function value(row: Row, column: SortColumn, name: string): number | string | null {
  switch (column) {
    case 'rank':
      return row.rank;
    case 'name':
      return name;
    case 'received':
      return row.received;
    case 'within':
      return row.shareWithinLimit;
    case 'median':
      return row.medianFirstHandlingMs;
    case 'overdue':
      return row.overdueNow;
  }
}

/** A sorted copy; ties keep the gateway's order (busiest first). */
export function sortRows<T extends Row>(rows: readonly T[], sort: SortState, nameOf: (row: T) => string, locale: string): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: value(row, sort.column, nameOf(row)) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const cmp = typeof a.v === 'string' ? a.v.localeCompare(b.v as string, locale) : a.v - (b.v as number);
      return sign * cmp || a.i - b.i;
    })
    .map((x) => x.row);
}

/** Clicking a column: the same one flips, another starts in its own first direction. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: FIRST_DIRECTION[column] };
}
