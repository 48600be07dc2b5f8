#!/usr/bin/env node
// Regenerates data.ts from the per-year JSON files (the canonical data, transcribed from
// each year's SKB 3 Menteri), without their `note` and `source.references`. The engine
// imports the .ts copy because JSON modules are not portable yet (import attributes are
// stripped by the es2022 test/build pipeline, and the lib build would need a JSON
// plugin); test/sla/calendar.test.ts and `npm run check:holidays` fail if the two ever
// differ. Run: node src/sla/holidays/generate.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));

/**
 * What ships to browsers: the JSON without its `note` and `source.references` (where the
 * list was checked: documentation, kept in the JSON), smaller bundles.
 */
function runtimePart(year) {
  const { note: _note, ...rest } = year;
  const { references: _references, ...source } = year.source;
  return { ...rest, source };
}

const years = readdirSync(dir)
  .filter((f) => /^\d{4}\.json$/.test(f))
  .sort()
  .map((f) => runtimePart(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
const body = `/**
 * GENERATED from ./<year>.json by ./generate.mjs: do not edit; edit the JSON and rerun.
 * National holidays and cuti bersama per year, as decreed (see each year's \`source\`).
 */
import type { HolidayYear } from '../holidays.js';

const data: HolidayYear[] = ${JSON.stringify(years, null, 2)};

export default data;
`;
writeFileSync(join(dir, 'data.ts'), body);
console.log(`wrote data.ts: ${years.map((y) => `${y.year} (${y.days.length} days)`).join(', ')}`);
