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
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO, bundleWorker, codeExportKeys, runInWorkerScope, sourceOf } from './worker-scope.js';

const codeEntries = codeExportKeys();

/**
 * Every code entry imported by ONE Node process, one after another, with the globals
 * checked after each: a module that touches the DOM at load fails its own entry's import
 * (the first that reaches it), and one that defines `document`, `window` or `HTMLElement`
 * is caught right after it. One process, not one per entry: thirteen tsx start-ups were a
 * minute of `npm test` on a busy machine. Result per entry: '' (fine) or the error.
 */
async function importEachWithoutDom(entries: string[]): Promise<Record<string, string>> {
  const urls = Object.fromEntries(entries.map((name) => [name, pathToFileURL(sourceOf(name)).href]));
  const script = `const out = {};
    for (const [name, url] of Object.entries(${JSON.stringify(urls)})) {
      try {
        await import(url);
        const defined = ['document', 'window', 'HTMLElement'].filter((g) => typeof globalThis[g] !== 'undefined');
        out[name] = defined.length ? 'defined: ' + defined.join(', ') : '';
        // Put back, so that the next entries are judged on their own.
        for (const g of defined) delete globalThis[g];
      } catch (error) {
        out[name] = String(error?.stack ?? error).split('\\n').slice(0, 8).join('\\n');
      }
    }
    console.log(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, string>;
}

describe('package entries in Node (no DOM)', () => {
  let results: Promise<Record<string, string>>;
  before(() => {
    results = importEachWithoutDom(codeEntries);
    // Awaited by each test; a failed run fails them, not the hook.
    results.catch(() => undefined);
  });

  it('has the per-element, outbox and react entries', () => {
    for (const name of ['.', './sdk', './sla', './define', './outbox', './react', './widget', './report-form', './report-status', './my-reports', './sla-countdown', './admin-queue', './compliance-board']) {
      assert.ok(codeEntries.includes(name), `exports["${name}"]`);
    }
  });

  for (const name of codeEntries) {
    it(`imports lapor-widget${name.slice(1)} without a DOM`, async () => {
      assert.equal((await results)[name], '');
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
