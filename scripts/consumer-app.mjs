// Fresh consumer apps from the packed tarball, the way a developer meets the package: `npm
// pack` of this repo (after `npm run build`), then a new folder outside the repo with its
// own package.json and `npm install <tarball> …` from the npm registry (npm's cache first).
// Nothing resolves into this repo's node_modules or src/: what the app gets is what npm
// would publish. Used by test/package/consumer.test.ts (in `npm test`) and
// scripts/consumer-apps.mjs (`npm run test:apps`: the slow Next.js build).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

/** `npm pack` into a temporary folder: the tarball's path, and the folder to remove. */
export function packTarball() {
  const dir = mkdtempSync(join(tmpdir(), 'lapor-pack-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO));
  return { tarball: join(dir, packed.filename), dir, packed };
}

/**
 * A new app folder with `files` (path → text) and `npm install`ed dependencies: the tarball
 * plus `deps` (registry specs, e.g. `react@19`). `--prefer-offline` uses npm's cache when
 * it has the version (CI's `npm ci` filled it), else the registry.
 */
export function makeApp(name, tarball, { deps = [], files = {}, type = 'module' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `lapor-app-${name}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `lapor-consumer-${name}`, private: true, version: '0.0.0', type }, null, 2));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error', tarball, ...deps], dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The version of a package this repo was tested with (its lockfile's install), for apps that need it too. */
export function repoVersion(name) {
  return JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
}
