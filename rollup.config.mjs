// `npm run build`: three outputs from one config.
//   lib/   the npm package: ESM + .d.ts, one file per source module, lit/ky/zod/idb
//          external (the app's bundler dedupes them), matching package.json "exports".
//   dist/  the CDN files: lapor-embed.js (the classic-script loader, an IIFE with no
//          dependencies), lapor-widget.js (ESM, everything bundled and minified, code
//          split so the first download is launcher + form + Indonesian only), and
//          lapor-sdk.js (the SDK alone, bundled — what `npm run size` measures for it),
//          lapor-outbox.js (the network layer the loader fetches when reports are queued
//          on the device: SDK + outbox, no Lit) and lapor-outbox-sw.js (a service worker a
//          site serves from its own origin for Background Sync).
//   dist/manifest.json  the chunk graph of lapor-widget.js, read by scripts/size.mjs.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

// dist/ and lib/ are written only by this build: stale hashed chunks must not linger.
rmSync('dist', { recursive: true, force: true });
rmSync('lib', { recursive: true, force: true });

const EXTERNAL = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|ky|zod|idb|react|react-dom)(\/|$)/;

/** Terser for the CDN files. `module` only for ESM: on an IIFE it would drop the wrapper's global. */
const minify = (module) =>
  terser({
    ecma: 2020,
    module,
    compress: { passes: 2 },
    format: { comments: false },
  });

/** The rollup TS plugin insists that its outDir lies inside rollup's output folder. */
const ts = (outDir, extra = {}) =>
  typescript({
    tsconfig: './tsconfig.build.json',
    outDir,
    declaration: false,
    declarationMap: false,
    // Maps carry the TypeScript they come from (sourcesContent): src/ is not shipped.
    sourceMap: true,
    inlineSources: true,
    // Type errors are `npm run typecheck`'s job; the build reports them but still emits.
    noEmitOnError: false,
    // Type checking is `npm run typecheck`'s job (and would run four times here).
    noCheck: true,
    ...extra,
  });

// Production builds of Lit: the `development` export condition must not be used here.
const resolve = () => nodeResolve({ browser: true, exportConditions: ['browser', 'production'] });

/** Writes a manifest of the chunk graph: each chunk's static and dynamic imports and its modules. */
const chunkManifest = (entry, fileName) => ({
  name: 'chunk-manifest',
  generateBundle(_options, bundle) {
    const chunks = {};
    for (const [fileName, item] of Object.entries(bundle)) {
      if (item.type !== 'chunk') continue;
      chunks[fileName] = {
        isEntry: item.isEntry,
        isDynamicEntry: item.isDynamicEntry,
        imports: item.imports,
        dynamicImports: item.dynamicImports,
        // A section of id.ts (see localeSections) is listed as `src/i18n/locales/id.ts#name`.
        modules: Object.keys(item.modules).map((id) =>
          id.startsWith('\0locale-section:') ? `${ID_SOURCE}#${id.slice('\0locale-section:'.length)}` : relative(process.cwd(), id).replaceAll('\\', '/'),
        ),
      };
    }
    this.emitFile({ type: 'asset', fileName, source: JSON.stringify({ entry, chunks }, null, 2) });
  },
});

/**
 * Rollup puts a whole module into one chunk, so a section of locales/id.ts used only by a
 * lazy element (the status view's strings) would still travel in the first download with
 * the sections the form uses. Each `src/i18n/register/*` module imports one section from
 * id.ts; here that import becomes a module holding that section alone, so it lands in
 * the chunk of the code that registers it. id.ts stays the one source of the strings.
 */
const ID_SOURCE = 'src/i18n/locales/id.ts';
const localeSections = () => ({
  name: 'locale-sections',
  resolveId(source, importer) {
    if (!importer || !/[\\/]src[\\/]i18n[\\/]register[\\/]/.test(importer) || source !== '../locales/id.js') return null;
    const names = [...readFileSync(importer, 'utf8').matchAll(/import \{ (\w+) \} from '\.\.\/locales\/id\.js'/g)];
    if (names.length !== 1) this.error(`${importer}: a register module imports exactly one section of id.ts`);
    return `\0locale-section:${names[0][1]}`;
  },
  load(id) {
    if (!id.startsWith('\0locale-section:')) return null;
    const name = id.slice('\0locale-section:'.length);
    this.addWatchFile(ID_SOURCE);
    const found = readFileSync(ID_SOURCE, 'utf8').match(new RegExp(`^export const ${name} = (\\{[\\s\\S]*?^\\}) as const;$`, 'm'));
    if (!found) this.error(`${ID_SOURCE} has no \`export const ${name} = { … } as const;\``);
    return `export const ${name} = ${found[1]};\n`;
  },
});

/**
 * The markup and CSS inside our `html\`…\`` and `css\`…\`` templates, minified (html-minifier-next
 * for markup, lightningcss for CSS): Terser leaves template text alone, so every comment,
 * newline and indentation of them travelled to the citizen. `${…}` bindings are kept as they
 * are. `failOnError`: a template the minifier cannot read stops the build rather than
 * shipping unminified unnoticed.
 */
const minifyTemplates = () => minifyHTML({ failOnError: true });

/**
 * Issue 25: `'use client'` survives into lib/. Rollup drops module-level directives (with
 * a MODULE_LEVEL_DIRECTIVE warning), even with preserveModules; a React Server Components
 * bundler (Next.js) needs it at the top of lib/react/*.js to treat the wrappers as Client
 * Components. The source keeps the directive as the truth: a module that starts with it
 * gets it back as its chunk's first line (a banner, so the source map stays right).
 */
const USE_CLIENT = /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*['"]use client['"];?/;
const keepUseClient = () => {
  const clientModules = new Set();
  return {
    name: 'keep-use-client',
    transform(code, id) {
      if (USE_CLIENT.test(code)) clientModules.add(id);
      return null;
    },
    banner(chunk) {
      return chunk.facadeModuleId && clientModules.has(chunk.facadeModuleId) ? "'use client';" : '';
    },
  };
};

/**
 * dist/ maps: 'hidden' (no link, see below) and without `sourcesContent` (issue 25). They
 * keep `mappings` and `names`, which is what turns a minified stack trace into file, line
 * and function (error trackers, DevTools). The text of our TypeScript ships once, in
 * lib/'s maps; repeating it here, with Lit's, ky's and zod's sources, made the dist/ maps
 * 1.8 MB, most of the npm tarball. A map names its sources by their repository path
 * (`../src/…`, `../node_modules/…`): open them from a checkout or from lib/'s maps.
 */
const DIST_MAPS = { sourcemap: 'hidden', sourcemapExcludeSources: true };

/** Third-party noise that says nothing about our code (zod's comment placement, its own cycles). */
const onwarn = (warning, warn) => {
  // Put back by keepUseClient.
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /use client/.test(warning.message)) return;
  const inDeps = (warning.id ?? warning.ids?.[0] ?? '').includes('node_modules');
  if (inDeps && (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY')) return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  warn(warning);
};

/** Type declarations for a dist/ file, pointing at the ones built into lib/. */
const dts = (fileName, source) => ({
  name: 'dist-types',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName, source });
  },
});

// Every target of package.json "exports" (elements are reached through define).
const libEntries = ['index', 'sdk/index', 'sla/index', 'define', 'store/outbox', 'react/index'].filter((name) => existsSync(`src/${name}.ts`));

/**
 * The network/validation layer (ky, zod/mini, the contract's schemas, the SDK client) as
 * ONE chunk. Left to itself rollup cut it into seven files by which lazy importer needs
 * what; every page with the form fetches all of them right after first paint, and each
 * is compressed on its own, so the split cost ~1.5 kB gz (lost shared dictionary,
 * per-file overhead) and six extra requests on a 3G link. Same modules as size.mjs's
 * LAZY_ONLY list for the layer; the admin schemas and live updates stay apart.
 *
 * Rollup adds to a manual chunk every dependency not assigned elsewhere, which would
 * drag the zod-free modules the first download shares with the layer (string catalog,
 * error classes, vocabulary) into it, and the layer with them into the first download.
 * So those are assigned to the entry's own chunk by name.
 */
const NETWORK_LAYER = /[\\/](node_modules[\\/](ky|zod)[\\/]|src[\\/]contract[\\/](access-code|tracking-id|enums|primitives|sla|reference|attachment|report|watch|error|validate)\.ts$|src[\\/]sdk[\\/](client|http|response|retry|upload|redact|schemas|load-schemas)\.ts$)/;
const FIRST_DOWNLOAD_SHARED = /[\\/]src[\\/](cdn\.ts$|i18n[\\/](catalog|lang|load|locales[\\/]index)\.ts$|contract[\\/](vocabulary|field-messages|limits)\.ts$|sdk[\\/](uuid\.ts$|errors[\\/]))/;
/** idb, imported on a store's first open (store/idb-utils.ts): named for what it is, not "build" after its file. */
const IDB = /[\\/]node_modules[\\/]idb[\\/]/;
const networkChunk = (id) => (NETWORK_LAYER.test(id) ? 'network' : FIRST_DOWNLOAD_SHARED.test(id) ? 'lapor-widget' : IDB.test(id) ? 'idb' : undefined);

export default [
  {
    onwarn,
    input: 'src/embed/loader.ts',
    // dist/: maps written beside each file ('hidden': no sourceMappingURL comment, which every
    // citizen would download for a developer's sake; error trackers and DevTools load them by
    // name). Lean (issue 25): mappings and names only, see DIST_MAPS.
    output: { file: 'dist/lapor-embed.js', format: 'iife', ...DIST_MAPS },
    plugins: [ts('dist'), minify(false)],
  },
  {
    onwarn,
    // The launcher painter the loader fetches first (issue 27): a classic script too, no Lit.
    input: 'src/embed/launcher.ts',
    output: { file: 'dist/lapor-launcher.js', format: 'iife', ...DIST_MAPS },
    plugins: [ts('dist'), minify(false)],
  },
  {
    onwarn,
    input: { 'lapor-widget': 'src/cdn.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Content-hashed so a CDN can cache them for ever; named after their first module.
      chunkFileNames: 'chunks/[name]-[hash].js',
      ...DIST_MAPS,
      manualChunks: networkChunk,
    },
    plugins: [
      localeSections(),
      minifyTemplates(),
      resolve(),
      ts('dist'),
      minify(true),
      chunkManifest('lapor-widget.js', 'manifest.json'),
      // Side effects only: the tags (HTMLElementTagNameMap) and window.LaporWidget.
      dts('lapor-widget.d.ts', "import '../lib/define.js';\nimport '../lib/embed/protocol.js';\nexport {};\n"),
    ],
  },
  {
    onwarn,
    input: { 'lapor-sdk': 'src/sdk/index.ts' },
    // The lazy watch chunk imports from the entry: let the entry export those bindings
    // too, rather than becoming a re-export facade over one more chunk (an extra request).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/sdk-[name]-[hash].js', ...DIST_MAPS },
    plugins: [resolve(), ts('dist'), minify(true), chunkManifest('lapor-sdk.js', 'manifest-sdk.json'), dts('lapor-sdk.d.ts', "export * from '../lib/sdk/index.js';\n")],
  },
  // The outbox on its own (issue 24): fetched by the loader only when this device has
  // reports waiting, so that they are sent at page load without Lit or the form. Its own
  // bundle, not chunks shared with lapor-widget.js: shared chunks would split the widget's
  // first download into more files (more bytes and requests for every visitor) to save
  // bytes only for the few with queued work.
  {
    onwarn,
    input: { 'lapor-outbox': 'src/embed/outbox-flush.ts' },
    // As for lapor-sdk.js: the lazy chunks (English, watch) import from the entry itself,
    // rather than the entry becoming a facade over one more chunk (an extra request).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/outbox-[name]-[hash].js', manualChunks: (id) => (IDB.test(id) ? 'idb' : undefined), ...DIST_MAPS },
    plugins: [resolve(), ts('dist'), minify(true)],
  },
  {
    onwarn,
    input: 'src/embed/outbox-sw.ts',
    // A classic worker script (module service workers are not everywhere yet): one file.
    output: { file: 'dist/lapor-outbox-sw.js', format: 'iife', inlineDynamicImports: true, ...DIST_MAPS },
    plugins: [resolve(), ts('dist'), minify(false)],
  },
  {
    onwarn,
    input: Object.fromEntries(libEntries.map((name) => [name, `src/${name}.ts`])),
    external: (id) => EXTERNAL.test(id),
    output: {
      dir: 'lib',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      // tslib's helpers are kept as a module; npm never packs a folder named node_modules.
      entryFileNames: (chunk) => `${chunk.name.replace(/^node_modules\//, '_vendor/')}.js`,
      sourcemap: true,
    },
    // No declaration maps: they can only point at src/*.ts, which is not shipped.
    plugins: [localeSections(), minifyTemplates(), keepUseClient(), ts('lib', { declaration: true, declarationDir: 'lib' })],
  },
];
