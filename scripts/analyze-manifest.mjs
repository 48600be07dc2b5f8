// custom-elements.json as `npm run build` would write it, without a build: the analyzer run
// with the build's own config into a temporary folder. For the tests: the Node checks of
// test/build/manifest.test.ts and, through web-test-runner's `/__manifest`, the Chromium
// test that renders every element (test/components/manifest-render.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The manifest (parsed). Takes a few seconds: the analyzer reads every component source. */
export function analyzeManifest() {
  const dir = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    // The analyzer joins --outdir onto the working directory.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(ROOT, dir), '--quiet'], { cwd: ROOT, stdio: 'pipe' });
    return JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
