#!/usr/bin/env node
// `npm run size` (after `npm run build`): the size budgets of DESIGN.md, measured on the
// built files. gz = gzip -9, br = brotli at maximum quality; 1 kB = 1000 bytes.
//
//   loader   dist/lapor-embed.js
//   sdk      dist/lapor-sdk.js (src/sdk/index.ts with ky + zod/mini bundled, minified) and
//            the chunks it imports statically (dist/manifest-sdk.json)
//   form     what a browser fetches from script insert to a usable form: the loader plus
//            every chunk on the STATIC import graph of dist/lapor-widget.js (launcher,
//            form, Indonesian), each compressed on its own as it travels on its own.
//            Read from dist/manifest.json (rollup's chunk graph), so it is deterministic.
//
// Prints each figure next to its goal and ceiling; exits 1 past a ceiling, or when a
// module that must load lazily (status view, my reports, countdown, English) is found on
// the static graph.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const DIST = 'dist';
const BUDGETS = [
  { name: 'loader (lapor-embed.js)', goal: 1500, ceiling: 1500 },
  { name: 'sdk (lapor-widget/sdk)', goal: 10_000, ceiling: 12_000 },
  { name: 'script insert → usable form', goal: 25_000, ceiling: 32_000 },
];
/** Source modules that must never be in the first download. */
const LAZY_ONLY = [
  /components\/report-status\//,
  /components\/my-reports\//,
  /components\/sla-countdown\//,
  /i18n\/locales\/en\.ts$/,
  // Their Indonesian strings too (sections of id.ts, split into modules by rollup.config.mjs).
  /i18n\/locales\/id\.ts#(reportStatus|myReports|slaCountdown)$/,
];

/** Source modules the first download must contain, else the "usable form" figure means nothing. */
const FIRST_ONLY = [/components\/widget\/widget\.ts$/, /components\/report-form\/report-form\.ts$/, /i18n\/locales\/id\.ts#reportForm$/];

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

const problems = [];
function measure(files) {
  let raw = 0, g = 0, b = 0;
  for (const file of files) {
    const path = `${DIST}/${file}`;
    if (!existsSync(path)) {
      problems.push(`missing ${path} (did \`npm run build\` succeed?)`);
      continue;
    }
    const buf = readFileSync(path);
    raw += buf.length;
    g += gz(buf);
    b += br(buf);
  }
  return { raw, gz: g, br: b, files };
}

function readManifest(file) {
  if (existsSync(`${DIST}/${file}`)) return JSON.parse(readFileSync(`${DIST}/${file}`, 'utf8'));
  problems.push(`missing ${DIST}/${file} (did \`npm run build\` succeed?)`);
  return null;
}

/** The entry chunk and everything it imports statically, transitively. */
function staticGraph(manifest) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const chunk = manifest.chunks[file];
    if (!chunk) return problems.push(`manifest: no chunk ${file}`);
    for (const dep of chunk.imports) visit(dep);
  };
  visit(manifest.entry);
  return [...seen];
}

let formFiles = [];
const manifest = readManifest('manifest.json');
const sdkManifest = readManifest('manifest-sdk.json');
const sdkFiles = sdkManifest ? staticGraph(sdkManifest) : ['lapor-sdk.js'];
if (manifest) {
  formFiles = staticGraph(manifest);
  const firstModules = formFiles.flatMap((file) => manifest.chunks[file]?.modules ?? []);
  for (const re of FIRST_ONLY) {
    if (!firstModules.some((mod) => re.test(mod))) problems.push(`no module matching ${re} in the first download`);
  }
  for (const file of formFiles) {
    for (const mod of manifest.chunks[file]?.modules ?? []) {
      if (LAZY_ONLY.some((re) => re.test(mod))) problems.push(`${mod} is on the static graph of the first download (${file}); it must be loaded lazily`);
    }
  }
}

// The npm package: every target of package.json "exports" was built (lib/, custom-elements.json),
// and no file in lib/ imports a path inside a node_modules folder (npm would not pack it).
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
for (const [entry, target] of Object.entries(pkg.exports)) {
  for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
    if (!existsSync(file)) problems.push(`exports["${entry}"] → ${file} was not built`);
  }
}

const libFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? libFiles(`${dir}/${d.name}`) : d.name.endsWith('.js') ? [`${dir}/${d.name}`] : []))
    : [];
for (const file of libFiles('lib')) {
  if (/(?:from|import)\s*['"][^'"]*node_modules\//.test(readFileSync(file, 'utf8'))) problems.push(`${file} imports from a node_modules folder`);
}

const figures = [
  measure(['lapor-embed.js']),
  measure(sdkFiles),
  measure(['lapor-embed.js', ...formFiles]),
];

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
let failed = false;
console.log('figure                         gz          br          raw         goal (gz)   ceiling (gz)  verdict');
figures.forEach((fig, i) => {
  const { name, goal, ceiling } = BUDGETS[i];
  const verdict = fig.gz > ceiling ? 'OVER CEILING' : fig.gz > goal ? 'over goal' : 'ok';
  if (fig.gz > ceiling) failed = true;
  console.log(
    `${name.padEnd(30)} ${kB(fig.gz).padEnd(11)} ${kB(fig.br).padEnd(11)} ${kB(fig.raw).padEnd(11)} ${kB(goal).padEnd(11)} ${kB(ceiling).padEnd(13)} ${verdict}`,
  );
});
console.log(`first download: ${['lapor-embed.js', ...formFiles].join(', ')}`);
for (const p of problems) console.error(`size: ${p}`);
if (failed || problems.length) {
  console.error('size: FAILED');
  process.exit(1);
}
console.log('size: all figures within their ceilings');
