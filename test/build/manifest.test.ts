/**
 * custom-elements.json (what editors, Storybook and the README's tables rely on): the
 * analyzer, run with the build's own config, finds every public element with the
 * attributes and events of DESIGN.md's table, and the documented parts, slots and
 * properties; every event has a type, every module path names a shipped lib/*.js file,
 * and the README's Parts table and <lapor-widget>'s exportparts agree with the manifest.
 * Honest (issue 25): only the public modules (element classes, the files that register
 * them, their base), no internal member, and every `part="…"` written in an element's
 * templates documented, every documented part written somewhere. The Chromium side
 * (test/components/manifest-render.test.ts) renders the elements and compares what they
 * really use. Runs the analyzer into a temporary folder, so it needs no build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { analyzeManifest } from '../../scripts/analyze-manifest.mjs';
import { codeOf, ownSources, templateSources } from '../../scripts/component-sources.mjs';
import { EXPORTED_PARTS } from '../../src/components/widget/exported-parts.js';

interface Member {
  name: string;
  kind: string;
  privacy?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  attributes?: { name: string }[];
  members?: Member[];
  events?: { name: string; type?: { text: string } }[];
  slots?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const manifest = analyzeManifest() as unknown as Manifest;
function analyze(): Map<string, Declaration> {
  const tags = new Map<string, Declaration>();
  for (const mod of manifest.modules) for (const decl of mod.declarations ?? []) if (decl.tagName) tags.set(decl.tagName, decl);
  return tags;
}

const tags = analyze();
const names = (list?: { name: string }[]) => (list ?? []).map((x) => x.name);

// DESIGN.md "Elements": key attributes and events, which must be in the manifest.
const EXPECTED: Record<string, { attributes: string[]; events: string[] }> = {
  'lapor-report-form': { attributes: ['api', 'site-key', 'lang', 'theme', 'classification', 'institution', 'category'], events: ['lapor-submit', 'lapor-error'] },
  'lapor-report-status': { attributes: ['api', 'tracking-id', 'access-token', 'live', 'theme'], events: ['lapor-status-change'] },
  'lapor-my-reports': { attributes: ['api', 'theme'], events: ['lapor-unseen-change'] },
  'lapor-sla-countdown': { attributes: ['due', 'started', 'state', 'server-offset', 'theme'], events: ['lapor-sla-breach'] },
  'lapor-widget': { attributes: ['api', 'site-key', 'lang', 'position', 'open', 'theme'], events: ['lapor-open', 'lapor-close'] },
  'lapor-compliance-board': { attributes: ['api', 'site-key', 'lang', 'theme', 'period', 'institution'], events: [] },
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
    ['badge', 'close-button', 'dialog', 'header', 'launcher', 'launcher-label', 'panel', 'pending', 'tab', 'tabs', 'title'],
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
  const error = tags.get('lapor-report-form')!.events!.find((e) => e.name === 'lapor-error')!;
  assert.equal(error.type!.text, 'CustomEvent<{ error: LaporError }>');
});

test('only the public modules: element classes, the files that register them, their base', () => {
  for (const { path } of manifest.modules) {
    assert.match(path, /^lib\/components\/(?:shared\/lapor-element|([a-z-]+)\/\1(?:\.component)?)\.js$/, `${path} is not public API`);
  }
  assert.ok(manifest.modules.some((m) => m.path === 'lib/components/shared/lapor-element.js'));
});

test("no internals: the form's controller hooks and private members are not API", () => {
  const INTERNAL = ['tr', 'attachmentsChanged', 'focusField', 'uploadClient', 'attachmentLimits', 'currentLocale', 'ready'];
  for (const [tag, decl] of tags) {
    for (const member of decl.members ?? []) {
      // Protected members are the subclass surface, marked as such; public ones are API.
      if (!member.privacy || member.privacy === 'public') assert.ok(!INTERNAL.includes(member.name), `<${tag}> shows the internal ${member.name}`);
      assert.notEqual(member.privacy, 'private', `<${tag}> shows the private ${member.name}`);
    }
  }
  // What a page does use stays.
  const form = names(tags.get('lapor-report-form')!.members);
  for (const api of ['prefill', 'submit', 'classification', 'theme']) assert.ok(form.includes(api), `<lapor-report-form> ${api}`);
});

test('slots where a host needs its own words', () => {
  assert.deepEqual(names(tags.get('lapor-report-form')!.slots).sort(), ['after-submit', 'intro', 'privacy']);
  assert.deepEqual(names(tags.get('lapor-widget')!.slots).sort(), ['after-submit', 'header', 'intro', 'privacy']);
});

/** Each `part="…"` token written in these files' templates (`${…}` kept as a pattern). */
function templateParts(files: string[]): string[] {
  const tokens = new Set<string>();
  for (const file of files) {
    for (const [, value] of codeOf(file).matchAll(/\bpart="([^"]*)"/g)) {
      for (const token of value!.split(/\s+/).filter(Boolean)) tokens.add(token);
    }
  }
  return [...tokens];
}
const asPattern = (token: string) => new RegExp(`^${token.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^()|[\]\\]/g, '\\$&')).join('[a-z-]+')}$`);

test("every part written in an element's templates is documented, and every documented part is written", () => {
  for (const [tag, decl] of tags) {
    const documented = names(decl.cssParts);
    for (const token of templateParts(ownSources(tag))) {
      assert.ok(documented.some((name) => asPattern(token).test(name)), `<${tag}> renders part "${token}" but the manifest does not list it`);
    }
    const reachable = templateParts(templateSources(tag));
    for (const name of documented) {
      assert.ok(reachable.some((token) => asPattern(token).test(name)), `<${tag}>: manifest part "${name}" is written nowhere in ${tag}'s templates`);
    }
  }
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

/** README "### Parts": tag → part names. */
function readmeParts(): Map<string, string[]> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Parts'), readme.indexOf('\n### ', readme.indexOf('### Parts') + 1));
  const rows = new Map<string, string[]>();
  for (const [, tag, cell] of section.matchAll(/^\| `<([a-z-]+)>` \| (.+) \|$/gm)) rows.set(tag!, [...cell!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
  return rows;
}

test("README's Parts table and the manifest list the same parts for every element", () => {
  const readme = readmeParts();
  assert.deepEqual([...readme.keys()].sort(), [...tags.keys()].sort(), 'one README row per element in the manifest');
  for (const [tag, decl] of tags) {
    assert.deepEqual([...readme.get(tag)!].sort(), names(decl.cssParts).sort(), `<${tag}>: README vs @csspart`);
  }
});

test('<lapor-widget> exports every documented part of the elements in its tabs', () => {
  for (const [tag, exported] of Object.entries(EXPORTED_PARTS)) {
    assert.deepEqual([...exported].sort(), names(tags.get(tag)!.cssParts).sort(), `<${tag}> exportparts`);
  }
});
