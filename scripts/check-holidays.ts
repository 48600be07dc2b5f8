// Checks holiday files against the schema (src/sla/holidays/schema.ts): before shipping a
// new year's SKB, or before pointing the gateway's LAPOR_HOLIDAYS at a file.
//
//   npm run check:holidays                      every shipped file, and that data.ts matches them
//   npm run check:holidays -- path/2027.json …  the given files
//
// Prints one line per file; exits 1 when any file has a problem.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { holidayFileProblems } from '../src/sla/holidays/schema.js';

const shippedDir = fileURLToPath(new URL('../src/sla/holidays/', import.meta.url));
const given = process.argv.slice(2).filter((a) => a !== '--');
const files = given.length
  ? given
  : readdirSync(shippedDir)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .sort()
      .map((f) => join(shippedDir, f));

let failed = 0;
const parsed = new Map<number, unknown>();
for (const file of files) {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}: ${(e as Error).message}`);
    continue;
  }
  const problems = holidayFileProblems(value);
  const y = value as { year?: number; provisional?: boolean; days?: { kind: string }[]; source?: { signed?: string; amendments?: unknown[] } };
  if (!given.length && basename(file) !== `${y.year}.json`) problems.push(`year ${y.year} does not match the file name`);
  if (problems.length) {
    failed++;
    console.log(`FAIL ${file}\n  ${problems.join('\n  ')}`);
    continue;
  }
  parsed.set(y.year!, value);
  const count = (kind: string) => y.days!.filter((d) => d.kind === kind).length;
  console.log(
    `ok   ${file}: ${y.year}${y.provisional ? ' (provisional)' : ''}, ${count('national')} national, ${count('cuti_bersama')} cuti bersama, ` +
      `${count('regional')} regional; signed ${y.source!.signed}, ${y.source!.amendments!.length} amendment(s)`,
  );
}

if (!given.length) {
  // The engine imports data.ts, generated from the JSON: they must not drift apart.
  const { default: data } = await import('../src/sla/holidays/data.js');
  const inData = new Map(data.map((y) => [y.year, y]));
  // generate.mjs leaves out the documentation fields (note, source.references).
  const runtimePart = ({ note: _n, source: { references: _r, ...source }, ...rest }: any) => ({ ...rest, source });
  const same = inData.size === parsed.size && [...parsed].every(([year, v]) => isDeepStrictEqual(inData.get(year), runtimePart(v)));
  if (!same) {
    failed++;
    console.log('FAIL src/sla/holidays/data.ts differs from the JSON files: run node src/sla/holidays/generate.mjs');
  }
}

console.log(failed ? `${failed} file(s) with problems` : `${files.length} holiday file(s) ok`);
process.exit(failed ? 1 : 0);
