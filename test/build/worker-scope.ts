/**
 * A service worker's view of a script, for tests: bundled by esbuild as a classic worker
 * script (with `lapor-widget/…` resolved through package.json "exports" to the sources),
 * then run in a global scope that has fetch and friends but no document, window or
 * HTMLElement, as a worker has.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { build, type Plugin } from 'esbuild';

export const REPO = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(REPO, 'package.json'), 'utf8')) as { exports: Record<string, string | { default?: string; types?: string }> };

/** `lapor-widget/x` (or its exports key `./x`) → the source of the file "exports" names for it. */
export function sourceOf(specifier: string): string {
  const subpath = specifier === 'lapor-widget' ? '.' : specifier.startsWith('lapor-widget/') ? `./${specifier.slice('lapor-widget/'.length)}` : specifier;
  const entry = pkg.exports[subpath];
  // A types-only entry (custom-elements-jsx) is its generated .d.ts at the package root.
  const file = typeof entry === 'string' ? entry : (entry?.default ?? entry?.types);
  assert.ok(file, `package.json exports has ${subpath}`);
  return resolve(REPO, file.replace(/^\.\/lib\//, 'src/').replace(/\.js$/, '.ts'));
}

export const exportKeys = () => Object.keys(pkg.exports);
/** The entries with code to import (not JSON, not types only). */
export const codeExportKeys = () => exportKeys().filter((k) => { const e = pkg.exports[k]!; return !k.endsWith('.json') && (typeof e === 'string' || e.default !== undefined); });

const selfReference: Plugin = {
  name: 'lapor-widget-src',
  setup(b) {
    b.onResolve({ filter: /^lapor-widget(\/|$)/ }, (args) => ({ path: sourceOf(args.path) }));
  },
};

/** Bundle as esbuild does for a classic worker script; returns the code and the modules in it. */
export async function bundleWorker(code: string): Promise<{ js: string; inputs: string[] }> {
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

/** Run `js` as a worker script; returns the listeners it registered on `self`. */
export function runInWorkerScope(js: string): Map<string, (event: unknown) => void> {
  const listeners = new Map<string, (event: unknown) => void>();
  const { fetch, Request, Response, Headers, AbortController, AbortSignal, URL, TextEncoder, TextDecoder, crypto, setTimeout, clearTimeout, queueMicrotask, Blob } = globalThis;
  const scope: Record<string, unknown> = { fetch, Request, Response, Headers, AbortController, AbortSignal, URL, TextEncoder, TextDecoder, crypto, setTimeout, clearTimeout, queueMicrotask, Blob, console };
  scope.addEventListener = (type: string, fn: (event: unknown) => void) => listeners.set(type, fn);
  const context = vm.createContext(scope);
  context.self = context; // in a worker, `self` is the global scope
  vm.runInContext(js, context, { filename: 'sw.js' });
  return listeners;
}
