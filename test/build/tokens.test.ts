/**
 * The public theming surface is documented: every `--lapor-*` custom property used in
 * src/ has a row in README.md's token table, and every documented one is really used.
 * (Node test; reads the sources, needs no build.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN = /--lapor-[a-z0-9]+(?:-[a-z0-9]+)*/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function usedTokens(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    for (const match of readFileSync(file, 'utf8').matchAll(TOKEN)) if (!used.has(match[0])) used.set(match[0], file);
  }
  return used;
}

/** Tokens named in the README's "CSS custom properties" table (first cell of a row). */
function documentedTokens(): Set<string> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### CSS custom properties');
  assert.ok(start >= 0, 'README.md has a "### CSS custom properties" section');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1) >>> 0 || undefined);
  const rows = section.split('\n').filter((line) => line.startsWith('| `--lapor-'));
  return new Set(rows.map((row) => row.match(TOKEN)![0]));
}

test('every --lapor-* token used in src/ is documented in README.md', () => {
  const documented = documentedTokens();
  const missing = [...usedTokens()].filter(([token]) => !documented.has(token)).map(([token, file]) => `${token} (${file})`);
  assert.deepEqual(missing, [], `undocumented tokens: ${missing.join(', ')}`);
});

test('every --lapor-* token documented in README.md is used in src/', () => {
  const used = usedTokens();
  const stale = [...documentedTokens()].filter((token) => !used.has(token));
  assert.deepEqual(stale, [], `documented but unused: ${stale.join(', ')}`);
});
