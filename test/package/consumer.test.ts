/**
 * The package from `npm pack`, installed into fresh apps outside the repo (issue 25; see
 * scripts/consumer-app.mjs), after `npm run build`:
 *  - an SDK-only install gets no React, no React types, no @lit/react (an optional peer);
 *  - `import { createLaporClient } from 'lapor-widget'` bundled by esbuild, Rollup and
 *    webpack has no Lit in it (the same bundle importing an element class has, so the
 *    check can see Lit when it is there), and is about the size of `lapor-widget/sdk`;
 *  - TypeScript: `lapor-widget/…` subpaths resolve with `moduleResolution` bundler and
 *    node16, not with node10 (as README says); a React 19 TSX app typechecks with
 *    `strict`, `exactOptionalPropertyTypes` and `skipLibCheck: false`, raw `<lapor-*>`
 *    tags included (custom-elements-jsx.d.ts), and rejects a wrong attribute type;
 *  - a Vite app built from the tarball, in Chromium with the OS in dark mode: on its light
 *    page the form stays light, `theme="dark"` makes one dark, and the page's own word
 *    for "send" (registerTranslation) is on the button.
 * Chromium (Debian's, via playwright-core) is launched here: run under the browser lock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import webpack from 'webpack';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { REPO, makeApp, packTarball, repoVersion } from '../../scripts/consumer-app.mjs';

const ROOT_IMPORT = "import { createLaporClient } from 'lapor-widget';\nconsole.log(createLaporClient);\n";
const SDK_IMPORT = "import { createLaporClient } from 'lapor-widget/sdk';\nconsole.log(createLaporClient);\n";
/** Positive control: an element class does bring Lit. */
const ELEMENT_IMPORT = "import { LaporReportForm } from 'lapor-widget';\nconsole.log(LaporReportForm);\n";
/** What every production build of Lit carries (its version registries). */
const LIT_MARKERS = /litHtmlVersions|reactiveElementVersions|litElementVersions/;
const gz = (code: string) => gzipSync(code, { level: 9 }).length;

let pack: ReturnType<typeof packTarball>;
const apps: { remove(): void }[] = [];
const app = (...args: Parameters<typeof makeApp>) => {
  const made = makeApp(...args);
  apps.push(made);
  return made.dir;
};

before(() => {
  assert.ok(existsSync(join(REPO, 'lib/index.js')) && existsSync(join(REPO, 'custom-elements-jsx.d.ts')), 'run `npm run build` first');
  pack = packTarball();
});
after(() => {
  for (const made of apps) made.remove();
  if (pack) rmSync(pack.dir, { recursive: true, force: true });
});

/** esbuild: the code and the modules that put bytes into it. */
async function withEsbuild(dir: string, code: string) {
  const out = await esbuild({ stdin: { contents: code, resolveDir: dir, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent' });
  const inputs = Object.values(out.metafile.outputs)[0]!.inputs;
  return { js: out.outputFiles[0]!.text, modules: Object.keys(inputs).filter((k) => inputs[k]!.bytesInOutput > 0) };
}

async function withRollup(dir: string, code: string) {
  const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code);
  const bundle = await rollup({ input: entry, plugins: [nodeResolve({ browser: true, rootDir: dir })], onwarn: () => undefined });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const chunk = output[0];
  return { js: chunk.code, modules: Object.entries(chunk.modules).filter(([, m]) => m.renderedLength > 0).map(([id]) => id) };
}

async function withWebpack(dir: string, code: string) {
  const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code);
  const outDir = join(dir, 'webpack-out');
  const stats = await new Promise<webpack.Stats>((ok, fail) =>
    // Production tree shaking (sideEffects, usedExports) without the minifier: Lit's modules
    // are dropped or kept whole either way, and terser would triple the time.
    webpack({ mode: 'production', context: dir, entry, output: { path: outDir, filename: 'main.js' }, target: 'web', devtool: false, optimization: { minimize: false } }, (err, s) => (err || !s ? fail(err) : ok(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  const modules = (stats.toJson({ modules: true, orphanModules: false }).modules ?? []).filter((m) => m.chunks?.length).map((m) => m.nameForCondition ?? m.name ?? '');
  return { js: readFileSync(join(outDir, 'main.js'), 'utf8'), modules };
}

const litIn = (modules: string[]) => modules.filter((m) => /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|lapor-widget[\\/]lib[\\/]components[\\/]/.test(m));

describe('from npm pack: an SDK-only app', () => {
  let dir: string;
  before(() => {
    dir = app('sdk', pack.tarball);
  });

  it('installs no React, no React types and no @lit/react', () => {
    for (const name of ['lapor-widget', 'lit', 'ky', 'zod', 'idb']) assert.ok(existsSync(join(dir, 'node_modules', name, 'package.json')), `${name} installed`);
    for (const name of ['react', 'react-dom', '@types/react', '@lit/react']) assert.ok(!existsSync(join(dir, 'node_modules', name)), `${name} not installed`);
  });

  it('runs the SDK entry in Node 20', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', "const m = await import('lapor-widget/sdk'); console.log(typeof m.createLaporClient, typeof m.registerTranslation);"], { cwd: dir });
    assert.equal(stdout.trim(), 'function function');
  });

  for (const [name, bundle] of [
    ['esbuild', withEsbuild],
    ['Rollup', withRollup],
    ['webpack', withWebpack],
  ] as const) {
    it(`${name}: the root import of createLaporClient has no Lit (an element class import has)`, async () => {
      const root = await bundle(dir, ROOT_IMPORT);
      assert.deepEqual(litIn(root.modules), [], `${name} kept Lit or an element`);
      assert.doesNotMatch(root.js, LIT_MARKERS);
      assert.doesNotMatch(root.js, /customElements\.define/);
      const element = await bundle(dir, ELEMENT_IMPORT);
      assert.match(element.js, LIT_MARKERS, `${name}: the control bundle has Lit, so the check can see it`);
    });
  }

  it('esbuild, minified: the root import costs what lapor-widget/sdk costs (issue 25 measured 99.0 against 31.5 kB gz)', async () => {
    const root = gz((await withEsbuild(dir, ROOT_IMPORT)).js);
    const sdk = gz((await withEsbuild(dir, SDK_IMPORT)).js);
    console.log(`# esbuild --minify: import { createLaporClient } from 'lapor-widget' ${root} B gz; from 'lapor-widget/sdk' ${sdk} B gz`);
    assert.ok(root <= sdk + 1000, `root ${root} B gz vs sdk ${sdk} B gz`);
  });

  it('TypeScript resolves the subpaths with moduleResolution bundler and node16, not node10 (README)', async () => {
    writeFileSync(join(dir, 'check.ts'), "import { createLaporClient } from 'lapor-widget/sdk';\nimport { addWorkingDays } from 'lapor-widget/sla';\nexport const both = [createLaporClient, addWorkingDays];\n");
    const tsc = (options: Record<string, string>) =>
      promisify(execFile)(process.execPath, [resolve(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--lib', 'es2023,dom', ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, v]), 'check.ts'], { cwd: dir }).then(
        () => '',
        (e: { stdout: string }) => e.stdout,
      );
    assert.equal(await tsc({ module: 'esnext', moduleResolution: 'bundler' }), '');
    assert.equal(await tsc({ module: 'node16', moduleResolution: 'node16' }), '');
    assert.match(await tsc({ module: 'commonjs', moduleResolution: 'node10' }), /TS2307: Cannot find module 'lapor-widget\/sdk'/);
  });
});

describe('from npm pack: a React 19 TSX app', () => {
  let dir: string;
  before(() => {
    const deps = ['react', 'react-dom', '@types/react', '@lit/react'].map((name) => `${name}@${repoVersion(name)}`);
    dir = app('tsx', pack.tarball, {
      deps,
      files: {
        'tsconfig.json': JSON.stringify({
          compilerOptions: {
            target: 'es2022',
            module: 'esnext',
            moduleResolution: 'bundler',
            jsx: 'react-jsx',
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            noEmit: true,
            lib: ['es2023', 'dom', 'dom.iterable'],
          },
          include: ['*.ts', '*.tsx'],
        }),
        // README "React": raw tags in TSX, one declaration.
        'lapor-jsx.d.ts': "import type { CustomElements } from 'lapor-widget/custom-elements-jsx';\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements extends CustomElements {}\n  }\n}\n",
        'app.tsx': `import 'lapor-widget/define';
import { LaporReportForm } from 'lapor-widget/react';

export function App() {
  return (
    <>
      <lapor-sla-countdown due="2026-12-09T08:00:00.000Z" clock-id="local.handle" theme="dark" onlapor-sla-breach={(e) => console.log(e.detail.due)} />
      <lapor-report-form site-key="smart-kampung" classification="complaint" onlapor-submit={(e) => console.log(e.detail.queued)} onlapor-error={(e) => console.log(e.detail.error.code)}>
        <p slot="intro">Laporan dijawab dalam 4 jam.</p>
      </lapor-report-form>
      <lapor-widget position="left" className="lapor" data-test="x" aria-label="Lapor" />
      <LaporReportForm siteKey="smart-kampung" theme="light" onLaporError={(e) => console.log(e.detail.error.message)} />
      {/* @ts-expect-error due is an ISO string */}
      <lapor-sla-countdown due={42} />
      {/* @ts-expect-error no such position */}
      <lapor-widget position="top" />
      {/* @ts-expect-error the detail of lapor-submit has no "tracking" */}
      <lapor-report-form onlapor-submit={(e) => e.detail.tracking} />
      {/* @ts-expect-error theme is auto, light or dark */}
      <lapor-report-form theme="blue" />
    </>
  );
}
`,
      },
    });
  });

  it('typechecks raw <lapor-*> tags and the wrappers, strictly, and rejects what it must', async () => {
    const run = await promisify(execFile)(process.execPath, [resolve(REPO, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    assert.equal(run.code, 0, run.out);
  });

  it("ships the React wrappers as Client Components ('use client' first)", () => {
    const reactDir = join(dir, 'node_modules/lapor-widget/lib/react');
    const modules = readdirSync(reactDir).filter((f) => f.endsWith('.js') && f !== 'events.js');
    assert.ok(modules.length >= 7, modules.join(', '));
    for (const file of modules) assert.match(readFileSync(join(reactDir, file), 'utf8'), /^'use client';\n/, file);
  });
});

describe('from npm pack: a Vite app in Chromium, OS in dark mode', () => {
  let dir: string;
  let html = '';
  const files = new Map<string, { body: Buffer; type: string }>();
  before(async () => {
    dir = app('vite', pack.tarball, {
      files: {
        // A light page: it never declares color-scheme.
        'index.html': `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Desa</title></head><body>
<lapor-report-form id="inline" api="https://gw.test"></lapor-report-form>
<lapor-report-form id="dark" api="https://gw.test" theme="dark"></lapor-report-form>
<script type="module" src="/main.ts"></script></body></html>`,
        'main.ts': "import 'lapor-widget/define';\nimport { registerTranslation } from 'lapor-widget';\nregisterTranslation({ $code: 'id', 'form.submit': 'Kirim aduan warga' });\n",
      },
    });
    const { build } = await import('vite');
    await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: 'dist', modulePreload: false } });
    const walk = (sub: string): string[] =>
      readdirSync(join(dir, 'dist', sub), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(sub, d.name)) : [join(sub, d.name)]));
    for (const file of walk('')) {
      const body = readFileSync(join(dir, 'dist', file));
      if (file === 'index.html') html = body.toString();
      files.set(`/${file}`, { body, type: file.endsWith('.js') ? 'text/javascript' : file.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
    }
  });

  it('keeps the light page light, makes theme="dark" dark, and shows the host\'s word for "send"', async () => {
    assert.ok(html.includes('lapor-report-form'));
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      const context = await browser.newContext({ colorScheme: 'dark' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('https://gw.test/**', (route) => route.fulfill({ status: 503, body: '' }));
      await page.route('http://app.test/**', (route) => {
        const file = files.get(new URL(route.request().url()).pathname === '/' ? '/index.html' : new URL(route.request().url()).pathname);
        return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404, body: '' });
      });
      await page.goto('http://app.test/');
      await page.waitForFunction(() => document.querySelectorAll('lapor-report-form').length === 2 && [...document.querySelectorAll('lapor-report-form')].every((f) => f.shadowRoot?.querySelector('button[type="submit"]')));
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      const seen = await page.evaluate(() => ({
        prefersDark: matchMedia('(prefers-color-scheme: dark)').matches,
        inline: getComputedStyle(document.getElementById('inline')!).backgroundColor,
        dark: getComputedStyle(document.getElementById('dark')!).backgroundColor,
        send: document.getElementById('inline')!.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim(),
      }));
      assert.equal(seen.prefersDark, true, 'the OS is in dark mode');
      assert.equal(seen.inline, 'rgb(255, 255, 255)', 'light page, light form');
      assert.equal(seen.dark, 'rgb(22, 25, 29)', 'theme="dark"');
      assert.equal(seen.send, 'Kirim aduan warga');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
