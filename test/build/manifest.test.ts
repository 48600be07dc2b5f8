/**
 * custom-elements.json (what editors, Storybook and the README's tables rely on): the
 * analyzer, run with the build's own config, finds every public element with the
 * attributes and events of DESIGN.md's table, and the documented parts and properties;
 * every event has a type, every module path names a shipped lib/*.js file, and the
 * README's Parts table and <lapor-widget>'s exportparts agree with the manifest.
 * Runs the analyzer into a temporary folder, so it needs no build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EXPORTED_PARTS } from '../../src/components/widget/exported-parts.js';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

let manifest!: Manifest;
function analyze(): Map<string, Declaration> {
  const dir = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    // The analyzer joins --outdir onto the working directory.
    execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), dir), '--quiet'], { stdio: 'pipe' });
    manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
    const tags = new Map<string, Declaration>();
    for (const mod of manifest.modules) for (const decl of mod.declarations ?? []) if (decl.tagName) tags.set(decl.tagName, decl);
    return tags;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tags = analyze();
const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);

// DESIGN.md "Elements": key attributes and events, which must be in the manifest.
const EXPECTED: Record<string, { attributes: string[]; events: string[] }> = {
  'lapor-report-form': { attributes: ['api', 'site-key', 'lang', 'classification', 'institution', 'category'], events: ['lapor-submit', 'lapor-error'] },
  'lapor-report-status': { attributes: ['api', 'tracking-id', 'access-token', 'live'], events: ['lapor-status-change'] },
  'lapor-my-reports': { attributes: ['api'], events: ['lapor-unseen-change'] },
  'lapor-sla-countdown': { attributes: ['due', 'started', 'state', 'server-offset'], events: ['lapor-sla-breach'] },
  'lapor-widget': { attributes: ['api', 'site-key', 'lang', 'position', 'open'], events: ['lapor-open', 'lapor-close'] },
  'lapor-compliance-board': { attributes: ['api', 'site-key', 'lang', 'period', 'institution'], events: [] },
};

for (const [tag, expected] of Object.entries(EXPECTED)) {
  test(`custom-elements.json describes <${tag}>`, () => {
    const decl = tags.get(tag);
    assert.ok(decl, `<${tag}> is in the manifest`);
    for (const attribute of expected.attributes) assert.ok(names(decl.attributes).includes(attribute), `<${tag}> attribute ${attribute}`);
    for (const event of expected.events) assert.ok(names(decl.events).includes(event), `<${tag}> event ${event}`);
    // Only documented, typed lapor-* events (not the base class's generic dispatch).
    for (const event of names(decl.events)) assert.match(event, /^lapor-/);
  });
}

test('the widget documents its parts and custom properties', () => {
  const widget = tags.get('lapor-widget')!;
  assert.deepEqual(
    names(widget.cssParts).sort(),
    ['badge', 'close-button', 'dialog', 'header', 'launcher', 'launcher-label', 'panel', 'tab', 'tabs', 'title'],
  );
  assert.ok(names(widget.cssProperties).includes('--lapor-launcher-offset'));
  assert.ok(names(widget.cssProperties).includes('--lapor-color-accent'));
});

test('every event has the type its listeners get (from LaporEventMap)', () => {
  for (const [tag, decl] of tags) {
    for (const event of decl.events ?? []) {
      assert.match(event.type?.text ?? '', /^CustomEvent<.+>$/, `<${tag}> ${event.name} has a type`);
    }
  }
  const submit = tags.get('lapor-report-form')!.events!.find((e) => e.name === 'lapor-submit')!;
  assert.equal(submit.type!.text, 'CustomEvent<{ trackingId?: string; clientId: string; queued: boolean }>');
});

test('module paths name shipped files (lib/*.js, built from src/*.ts), never src/', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
  assert.ok(pkg.files.includes('lib'), 'lib/ is packed');
  const paths: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof inner === 'string') paths.push(inner);
      else walk(inner);
    }
  };
  walk(manifest.modules);
  assert.ok(paths.length > 20);
  for (const path of new Set(paths)) {
    assert.match(path, /^lib\/.+\.js$/, path);
    // tsconfig.build.json: rootDir src → outDir lib, one file per module.
    assert.ok(existsSync(path.replace(/^lib\/(.+)\.js$/, 'src/$1.ts')), `${path} is built from a source file`);
  }
});

/** README "### Parts": tag → [names, variants in parentheses]. */
function readmeParts(): Map<string, { names: string[]; variants: string[] }> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Parts'), readme.indexOf('\n### ', readme.indexOf('### Parts') + 1));
  const rows = new Map<string, { names: string[]; variants: string[] }>();
  for (const [, tag, cell] of section.matchAll(/^\| `<([a-z-]+)>` \| (.+) \|$/gm)) {
    const ticked = (text: string) => [...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
    const variants = [...cell!.matchAll(/\(([^)]*)\)/g)].flatMap((m) => ticked(m[1]!));
    rows.set(tag!, { names: ticked(cell!.replace(/\([^)]*\)/g, '')), variants });
  }
  return rows;
}

test("README's Parts table and the manifest list the same parts for every element", () => {
  const readme = readmeParts();
  assert.deepEqual([...readme.keys()].sort(), [...tags.keys()].sort(), 'one README row per element in the manifest');
  for (const [tag, decl] of tags) {
    assert.deepEqual([...readme.get(tag)!.names].sort(), names(decl.cssParts).sort(), `<${tag}>: README vs @csspart`);
  }
});

test('<lapor-widget> exports every documented part of the elements in its tabs', () => {
  const readme = readmeParts();
  for (const [tag, exported] of Object.entries(EXPORTED_PARTS)) {
    const documented = [...names(tags.get(tag)!.cssParts), ...readme.get(tag)!.variants];
    assert.deepEqual([...exported].sort(), documented.sort(), `<${tag}> exportparts`);
  }
});
