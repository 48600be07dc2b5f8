/**
 * The package as npm would publish it, after `npm run build` (npm test runs this in its
 * "package" step, with publint and arethetypeswrong):
 *  - lib/'s source maps carry the TypeScript they map to (`sourcesContent`): src/ is not
 *    shipped, so a map that only names `../../src/x.ts` shows a debugger nothing;
 *  - dist/'s maps are lean (issue 25): mappings and names, no sourcesContent (our
 *    TypeScript ships once, in lib/'s maps; with Lit's, ky's and zod's sources they were
 *    most of the tarball);
 *  - lib/*.js link their maps (bundlers and Node read them); dist/ maps sit beside each
 *    file without a link (the citizen's download stays lean);
 *  - no declaration maps (they can only point at src/, which is not shipped);
 *  - `npm pack` takes LICENSE (MIT, as package.json says), the maps, the editor files
 *    derived from custom-elements.json, and no src/;
 *  - "sideEffects" names exactly the modules that register something when imported
 *    (elements, Indonesian string sections), so bundlers drop every other unused module;
 *  - the React wrappers keep `'use client'` as their first line; `@lit/react` is an
 *    optional peer, not a dependency.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));

interface SourceMap {
  mappings: string;
  sources: string[];
  sourcesContent?: (string | null)[];
}

describe('the built package', () => {
  assert.ok(existsSync(join(REPO, 'lib')) && existsSync(join(REPO, 'dist')), 'run `npm run build` first');
  const lib = files('lib');
  const dist = files('dist');

  it("every lib/ source map has the content of every source it names", () => {
    const maps = lib.filter((f) => f.endsWith('.map'));
    assert.ok(maps.length > 50, `${maps.length} maps`);
    for (const map of maps) {
      const { mappings, sources, sourcesContent } = JSON.parse(readFileSync(join(REPO, map), 'utf8')) as SourceMap;
      // Nothing mapped: a module with no code of its own (side-effect imports, re-exports),
      // or a section of id.ts, which rollup.config.mjs makes a virtual module (rollup maps
      // none of those); its strings are in the .js as they are in id.ts.
      if (!/[^;]/.test(mappings)) continue;
      assert.ok(sources.length > 0, `${map} names its sources`);
      assert.equal(sourcesContent?.length, sources.length, `${map}: sourcesContent for each source`);
      sources.forEach((source, i) => assert.equal(typeof sourcesContent![i], 'string', `${map}: content of ${source}`));
    }
    // The TypeScript itself, not the emitted JavaScript: a debugger shows what we wrote.
    const http = JSON.parse(readFileSync(join(REPO, 'lib/sdk/http.js.map'), 'utf8')) as SourceMap & { names: string[] };
    assert.match(http.sourcesContent![0]!, /export function createHttp\(options: HttpOptions\): Http/);
  });

  it('dist/ source maps are lean: mappings and names, no sourcesContent', () => {
    const maps = dist.filter((f) => f.endsWith('.map'));
    assert.ok(maps.length > 5, `${maps.length} maps`);
    for (const map of maps) {
      const parsed = JSON.parse(readFileSync(join(REPO, map), 'utf8')) as SourceMap & { names: string[] };
      assert.equal(parsed.sourcesContent, undefined, `${map} repeats its sources`);
      assert.ok(parsed.sources.length > 0 && /[^;]/.test(parsed.mappings), `${map} still maps`);
    }
    // A minified stack frame still comes back as our file and function.
    const widget = JSON.parse(readFileSync(join(REPO, 'dist/lapor-widget.js.map'), 'utf8')) as SourceMap & { names: string[] };
    assert.ok(widget.sources.some((s) => s.endsWith('src/embed/boot.ts')));
    assert.ok(widget.names.includes('boot'));
  });

  it('lib/*.js link their maps; dist/*.js have theirs beside them, unlinked', () => {
    for (const js of lib.filter((f) => f.endsWith('.js'))) {
      const link = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(REPO, js), 'utf8'))?.[1];
      assert.ok(link, `${js} links a map`);
      assert.ok(existsSync(join(REPO, dirname(js), link)), `${js} → ${link} exists`);
    }
    for (const js of dist.filter((f) => f.endsWith('.js'))) {
      assert.ok(dist.includes(`${js}.map`), `${js}.map`);
      assert.doesNotMatch(readFileSync(join(REPO, js), 'utf8'), /sourceMappingURL/, `${js} carries no link`);
    }
  });

  it('ships no declaration maps', () => {
    assert.deepEqual(lib.filter((f) => f.endsWith('.d.ts.map')), []);
  });

  it('npm pack takes LICENSE (MIT), the maps, and no sources', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const paths = packed!.files.map((f) => f.path);
    assert.ok(paths.includes('LICENSE'));
    assert.ok(paths.includes('lib/sdk/http.js.map') && paths.includes('dist/lapor-widget.js.map'));
    for (const derived of ['custom-elements.json', 'custom-elements-jsx.d.ts', 'vscode.html-custom-data.json', 'web-types.json']) assert.ok(paths.includes(derived), derived);
    assert.deepEqual(paths.filter((p) => p.startsWith('src/')), []);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { license: string };
    assert.equal(pkg.license, 'MIT');
    const license = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 lapor-widget contributors\n/);
  });

  it('"sideEffects" lists exactly the modules that register something when imported', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { sideEffects: string[] };
    const patterns = pkg.sideEffects.filter((p) => p.startsWith('./lib/')).map((p) => new RegExp(`^${p.slice(2).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`));
    const listed = (file: string) => patterns.some((re) => re.test(file));
    // A top-level statement that registers: a tag, a string section, or importing one of those files.
    const registers = (file: string) => /^(?:if \(!customElements\.get|customElements\.define|registerCatalog\()/m.test(readFileSync(join(REPO, file), 'utf8'));
    const modules = lib.filter((f) => f.endsWith('.js') && !f.startsWith('lib/_vendor/'));
    const registering = modules.filter(registers);
    assert.ok(registering.length >= 10, registering.join(', '));
    assert.deepEqual(registering.filter((f) => !listed(f)), [], 'registers but is not in "sideEffects"');
    // define.js only imports the element files; nothing else listed may be side-effect free.
    assert.deepEqual(modules.filter((f) => listed(f) && !registers(f) && f !== 'lib/define.js'), [], 'in "sideEffects" but registers nothing');
  });

  it("the React wrappers start with 'use client'; @lit/react is an optional peer", () => {
    const wrappers = lib.filter((f) => /^lib\/react\/[^/]+\.js$/.test(f) && !f.endsWith('/events.js'));
    assert.ok(wrappers.length >= 7);
    for (const file of wrappers) assert.match(readFileSync(join(REPO, file), 'utf8'), /^'use client';\n/, file);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    assert.equal(pkg.dependencies!['@lit/react'], undefined);
    assert.ok(pkg.peerDependencies!['@lit/react']);
    assert.deepEqual(pkg.peerDependenciesMeta!['@lit/react'], { optional: true });
  });

  it('the shipped declarations carry the documentation editors show on hover', () => {
    const dts = (file: string) => readFileSync(join(REPO, file), 'utf8');
    assert.match(dts('lib/sdk/client.d.ts'), /\/\*\*[^/]*A client for a LAPOR gateway[\s\S]*?\*\/\s*export declare function createLaporClient/);
    assert.match(dts('lib/sdk/types.d.ts'), /\/\*\*[^/]*File a report\.[\s\S]*?\*\/\s*submitReport\(/);
    const report = dts('lib/contract/report.d.ts');
    for (const [field, words] of [['title', 'Judul'], ['body', 'Isi laporan'], ['incidentDate', 'Tanggal kejadian'], ['secret', 'Rahasia'], ['notify', 'Consent']] as const) {
      assert.match(report, new RegExp(`/\\*\\* [^*]*${words}[^*]*\\*/\\s*${field}\\??:`), `ReportInput.${field}`);
    }
    for (const name of ['report-form', 'report-status', 'my-reports', 'sla-countdown', 'widget', 'admin-queue']) {
      assert.match(dts(`lib/react/${name}.d.ts`), /\/\*\*[\s\S]*?for React[\s\S]*?\*\/\s*export declare const Lapor/, `lib/react/${name}.d.ts`);
    }
  });
});
