// Which source files hold an element's templates: its folder (`src/components/<name>/`,
// styles aside) and the modules of other component folders those files import, transitively
// (admin-queue renders its countdowns with report-status's renderCountdown). Read by
// custom-elements-manifest.config.mjs (the lapor-* elements an element renders, whose
// custom properties it passes on) and test/build/manifest.test.ts (the parts written).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENTS = join(ROOT, 'src/components');

/** `src/components/<name>/*.ts` of `lapor-<name>`, without its styles (repo-relative paths). */
export function ownSources(tag) {
  const folder = join(COMPONENTS, tag.replace(/^lapor-/, ''));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.styles.ts'))
    .map((f) => relative(ROOT, join(folder, f)));
}

/** ownSources and the component modules they import statically, transitively. */
export function templateSources(tag) {
  const seen = new Set(ownSources(tag));
  const queue = [...seen];
  while (queue.length) {
    const file = queue.pop();
    for (const [, spec] of readFileSync(join(ROOT, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), `${spec}.ts`));
      if (!target.startsWith('src/components/') || target.endsWith('.styles.ts') || seen.has(target) || !existsSync(join(ROOT, target))) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return [...seen];
}

/** The source text of `file` without its comment lines (comments name elements and parts too). */
export function codeOf(file) {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n');
}
