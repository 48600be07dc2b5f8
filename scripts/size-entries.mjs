#!/usr/bin/env node
// What each npm entry costs a developer: a tiny Vite app (vite build, production, its
// default minifier) imports one `lapor-widget/…` entry from the built lib/, and we sum
// gzip -9 of the chunks it loads EAGERLY (the entry chunk and its static imports; each
// compressed on its own, as it travels on its own). Chunks behind a dynamic import() —
// zod and the SDK, fetched when first needed, as on the CDN path — are printed apart.
//
//   node scripts/size-entries.mjs          print the table; exit 1 when an entry is over
//                                          its goal or an exports target is missing
//   import { measureEntries } from …       the same figures, for tests
//
// Goals: DESIGN.md's budget for `import 'lapor-widget/define'` (≤ 30 kB gz eager), and
// no per-element entry may cost more than `define` (else it is not "only what it needs").
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Entries that are code for a page (not react: that needs React in the app). */
export const ENTRIES = ['define', 'widget', 'report-form', 'report-status', 'my-reports', 'sla-countdown', 'admin-queue', 'compliance-board', 'outbox', 'sdk', 'sla', '.'];
export const GOALS = { define: 30_000 };
/**
 * A figure over its goal for a written-down reason is held where it is (a ratchet, as in
 * size-baseline.json): the check fails only above baseline + SLACK. Lower it when it drops.
 */
const RATCHET = {
  define: {
    gz: 49_000,
    reason:
      "define registers every tag synchronously, so every element is eager (zod and the SDK are lazy since issue 15: 58.2 → 47.0 kB; the working-day countdown and other features then added ~6 kB; issue 25 minified every element's CSS: 52.07 kB on main; issue 24 then added 2.87 kB: the status view's lead sentence and its deadline words, the launcher's outbox count, the admin queue's warning list and row names, the form's photo previews and place words; issue 28's public SOP board, +2.66 kB: its shell (heading, loading and error lines, period and sorting), its tables, chart and strings load with its first figures, and service-hour deadlines in the countdown; idb loading on first open since, -1.14 kB; then views that can only show once their data is in load beside it (issue 27): the status element's report view (stepper, clocks, responses, reply and rating, their styles and strings) and the my-reports list, -6.95 kB; html and css templates minified, -0.58 kB; the report view warmed after first render and on my-reports' connect, for saved reports offline, +0.17 kB); an app that needs less imports per-element entries",
  },
};
const SLACK = 200;

const gz = (code) => gzipSync(code, { level: 9 }).length;
const kB = (n) => `${(n / 1000).toFixed(2)} kB`;

/** `lapor-widget/x` → the built file package.json "exports" names for it. */
function target(subpath) {
  const entry = pkg.exports[subpath];
  const file = typeof entry === 'string' ? entry : entry?.default;
  return file ? join(ROOT, file) : undefined;
}

/** Vite resolves `lapor-widget/…` the way a project that installed it would: through "exports". */
const selfReference = {
  name: 'lapor-widget-self',
  resolveId(source) {
    if (source !== 'lapor-widget' && !source.startsWith('lapor-widget/')) return null;
    return target(source === 'lapor-widget' ? '.' : `./${source.slice('lapor-widget/'.length)}`) ?? null;
  },
};

/**
 * Named imports measured on their own (issue 25): the SDK through the main entry must cost
 * what `lapor-widget/sdk` costs, since "sideEffects" lets Vite drop the elements and Lit.
 */
export const NAMED = [{ entry: '.', names: ['createLaporClient'], sameAs: 'sdk' }];

/** Build an app importing one entry (all of it, or `names` from it); eager and lazy gz bytes of what it loads. */
async function measure(build, name, names) {
  const spec = name === '.' ? 'lapor-widget' : `lapor-widget/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'lapor-size-'));
  try {
    // Keep every export alive (an app that imports a module uses it); side-effect entries export nothing.
    writeFileSync(
      join(dir, 'main.js'),
      names ? `import { ${names.join(', ')} } from '${spec}';\nglobalThis.entry = [${names.join(', ')}];\n` : `import * as entry from '${spec}';\nglobalThis.entry = entry;\n`,
    );
    const result = await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [selfReference],
      build: { write: false, modulePreload: false, rollupOptions: { input: join(dir, 'main.js') } },
    });
    const chunks = (Array.isArray(result) ? result[0] : result).output.filter((o) => o.type === 'chunk');
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const eager = new Set();
    const visit = (c) => {
      if (eager.has(c.fileName)) return;
      eager.add(c.fileName);
      for (const i of c.imports) if (byName.has(i)) visit(byName.get(i));
    };
    for (const c of chunks) if (c.isEntry) visit(c);
    let eagerBytes = 0;
    let lazyBytes = 0;
    for (const c of chunks) {
      if (eager.has(c.fileName)) eagerBytes += gz(c.code);
      else lazyBytes += gz(c.code);
    }
    const modules = chunks.filter((c) => eager.has(c.fileName)).flatMap((c) => Object.keys(c.modules));
    return { name: names ? `{ ${names.join(', ')} } from ${spec}` : spec, eager: eagerBytes, lazy: lazyBytes, eagerModules: modules };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Measure every entry in `names` (all of ENTRIES by default). Needs `npm run build` first. */
export async function measureEntries(names = ENTRIES) {
  const { build } = await import('vite');
  const out = [];
  for (const name of names) {
    const file = target(name === '.' ? '.' : `./${name}`);
    if (!file || !existsSync(file)) throw new Error(`exports "${name}" → ${file ?? '(none)'}: not built (npm run build)`);
    out.push(await measure(build, name));
  }
  for (const named of names === ENTRIES ? NAMED : []) out.push({ ...(await measure(build, named.entry, named.names)), sameAs: `lapor-widget/${named.sameAs}` });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await measureEntries();
  const define = rows.find((r) => r.name === 'lapor-widget/define');
  let failed = false;
  console.log('npm entries in a Vite app (vite build; gzip -9 per chunk):');
  for (const r of rows) {
    const goal = GOALS[r.name.replace(/^lapor-widget\/?/, '')];
    const element = ['widget', 'report-form', 'report-status', 'my-reports', 'sla-countdown', 'admin-queue', 'compliance-board'].some((e) => r.name.endsWith(`/${e}`));
    let verdict = '';
    const held = RATCHET[r.name.replace(/^lapor-widget\/?/, '')];
    if (goal != null && r.eager <= goal) verdict = `ok (goal ${kB(goal)})`;
    else if (goal != null && held && r.eager <= held.gz + SLACK) verdict = `over goal ${kB(goal)} (known, held at ${kB(held.gz)}: ${held.reason})`;
    else if (goal != null) verdict = `OVER GOAL ${kB(goal)}${held ? ` AND ITS RATCHET ${kB(held.gz)}` : ''}`;
    else if (element && define) verdict = r.eager <= define.eager ? 'ok (≤ define)' : 'MORE THAN define';
    else if (r.sameAs) {
      const same = rows.find((x) => x.name === r.sameAs);
      verdict = same && r.eager <= same.eager + 1000 ? `ok (≈ ${r.sameAs}: no Lit, no element)` : `MORE THAN ${r.sameAs} (+1 kB): elements or Lit kept`;
    }
    if (/OVER|MORE/.test(verdict)) failed = true;
    console.log(`  ${r.name.padEnd(28)} eager ${kB(r.eager).padStart(9)}   lazy ${kB(r.lazy).padStart(9)}   ${verdict}`);
  }
  process.exit(failed ? 1 : 0);
}
