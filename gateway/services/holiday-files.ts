/**
 * LAPOR_HOLIDAYS: newer holiday files (the next year's SKB 3 Menteri, an amendment)
 * loaded at start without a release. Comma-separated paths to files in the shipped
 * format (src/sla/holidays/<year>.json; check one with `npm run check:holidays -- FILE`).
 * A file that does not pass the check stops the start: better no gateway than wrong
 * deadlines.
 */
import { readFileSync } from 'node:fs';
import type { HolidayYear } from '../../src/sla/index.js';
import { parseHolidayFile } from '../../src/sla/holidays/schema.js';

export function loadHolidayFiles(list: string): HolidayYear[] {
  const files: HolidayYear[] = [];
  for (const path of list.split(',').map((p) => p.trim()).filter(Boolean)) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`LAPOR_HOLIDAYS: cannot read ${path}: ${(e as Error).message}`);
    }
    const year = parseHolidayFile(value, `LAPOR_HOLIDAYS ${path}`);
    if (files.some((f) => f.year === year.year)) throw new Error(`LAPOR_HOLIDAYS: two files for ${year.year}`);
    files.push(year);
  }
  return files;
}
