/**
 * Every entry of package.json "exports", loaded where there is no DOM:
 *  - in Node, each entry imports without touching `document`, `window` or `HTMLElement`
 *    at module load (lit's node build stands in with @lit-labs/ssr-dom-shim), so a
 *    server can import it to render (test/build/ssr.test.ts);
 *  - in a service worker, README's Background Sync snippet, bundled by esbuild for a
 *    worker, loads and registers its `sync` listener: `lapor-widget/outbox` has no Lit,
 *    no element and no HTMLElement in its graph. The same snippet against the package's
 *    main entry fails with "HTMLElement is not defined", as issue 15 found.
 * Sources are used (src/x.ts for lib/x.js): this runs before `npm run build`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';

const REPO = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> };

/** `lapor-widget/x` → the source of the file "exports" names for it. */
function sourceOf(subpath: string): string {
  const entry = pkg.exports[subpath];
  const file = typeof entry === 'string' ? entry : entry?.default;
  assert.ok(file, `exports has ${subpath}`);
  return resolve(REPO, file.replace(/^\.\/lib\//, 'src/').replace(/\.js$/, '.ts'));
}
const codeEntries = Object.keys(pkg.exports).filter((k) => !k.endsWith('.json'));

describe('package entries in Node (no DOM)', () => {
  it('has the per-element, outbox and react entries', () => {
    for (const name of ['.', './sdk', './sla', './define', './outbox', './react', './widget', './report-form', './report-status', './my-reports', './sla-countdown']) {
      assert.ok(codeEntries.includes(name), `exports["${name}"]`);
    }
  });

  for (const name of codeEntries) {
    it(`imports lapor-widget${name.slice(1)} without a DOM`, async () => {
      const url = pathToFileURL(sourceOf(name)).href;
      const script = `await import(${JSON.stringify(url)});
        for (const g of ['document', 'window', 'HTMLElement']) if (typeof globalThis[g] !== 'undefined') { console.error('defined: ' + g); process.exit(3); }`;
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO }).then(
        () => ({ code: 0, err: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
      );
      assert.equal(run.code, 0, run.err.split('\n').slice(0, 8).join('\n'));
    });
  }
});

/** README's service-worker example (the js block that uses OUTBOX_SYNC_TAG). */
function readmeWorkerSnippet(): string {
  const readme = readFileSync(resolve(REPO, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes('OUTBOX_SYNC_TAG'));
  assert.ok(block, 'README has the Background Sync example');
  return block;
}

const selfReference: Plugin = {
  name: 'lapor-widget-src',
  setup(b) {
    b.onResolve({ filter: /^lapor-widget(\/|$)/ }, (args) => ({ path: sourceOf(args.path === 'lapor-widget' ? '.' : `./${args.path.slice('lapor-widget/'.length)}`) }));
  },
};

/** Bundle as esbuild does for a classic worker script; returns the code and the modules in it. */
async function bundleWorker(code: string) {
  const out = await build({
    stdin: { contents: code, resolveDir: REPO, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    // package.json "sideEffects" names the built lib/ files; bundled from src/ here, keep every import.
    ignoreAnnotations: true,
    plugins: [selfReference],
    logLevel: 'silent',
  });
  return { js: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile.inputs) };
}

/** A worker's global scope as far as module load goes: no document, window or HTMLElement. */
function runInWorkerScope(js: string) {
  const listeners = new Map<string, (event: unknown) => void>();
  const { fetch, Request, Response, Headers, AbortController, AbortSignal, URL, TextEncoder, TextDecoder, crypto, setTimeout, clearTimeout, queueMicrotask, Blob } = globalThis;
  const scope: Record<string, unknown> = { fetch, Request, Response, Headers, AbortController, AbortSignal, URL, TextEncoder, TextDecoder, crypto, setTimeout, clearTimeout, queueMicrotask, Blob, console };
  scope.addEventListener = (type: string, fn: (event: unknown) => void) => listeners.set(type, fn);
  const context = vm.createContext(scope);
  context.self = context; // in a worker, `self` is the global scope
  vm.runInContext(js, context, { filename: 'sw.js' });
  return listeners;
}

describe('lapor-widget/outbox in a service worker', () => {
  it("README's snippet bundles with no Lit and no element, loads, and listens for sync", async () => {
    const snippet = readmeWorkerSnippet();
    assert.match(snippet, /from 'lapor-widget\/outbox'/, 'the README imports the DOM-free entry');
    const { js, inputs } = await bundleWorker(snippet);
    assert.deepEqual(inputs.filter((i) => /node_modules\/(lit|lit-html|lit-element|@lit)\/|src\/components\//.test(i)), []);
    const listeners = runInWorkerScope(js);
    assert.equal(typeof listeners.get('sync'), 'function');
    // Another tag is not ours: nothing is drained.
    let waited = 0;
    listeners.get('sync')!({ tag: 'other', waitUntil: () => waited++ });
    assert.equal(waited, 0);
  });

  it('the same snippet against the main entry does not load in a worker (why the outbox entry exists)', async () => {
    const { js } = await bundleWorker(readmeWorkerSnippet().replace("'lapor-widget/outbox'", "'lapor-widget'"));
    assert.throws(() => runInWorkerScope(js), /HTMLElement is not defined|document is not defined|customElements is not defined/);
  });
});
