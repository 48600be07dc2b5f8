/**
 * custom-elements.json (what editors, Storybook and the README's tables rely on): the
 * analyzer, run with the build's own config, finds every public element with the
 * attributes and events of DESIGN.md's table, and the documented parts and properties.
 * Runs the analyzer into a temporary folder, so it needs no build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

function analyze(): Map<string, Declaration> {
  const dir = mkdtempSync(join(tmpdir(), 'cem-'));
  try {
    // The analyzer joins --outdir onto the working directory.
    execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), dir), '--quiet'], { stdio: 'pipe' });
    const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
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
