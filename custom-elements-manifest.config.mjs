// custom-elements.json, written by `npm run build` (after rollup) from the JSDoc on the
// element classes (@event, @slot, @csspart, @cssproperty) and Lit's decorators; then
// scripts/manifest-outputs.mjs derives the editor files from it (JSX types, VS Code custom
// data, web-types). test/build/manifest.test.ts checks what it says, and
// test/components/manifest-parts.test.ts renders each element in Chromium and compares the
// parts and custom properties it really uses with it.

import { posix } from 'node:path';
import { codeOf, templateSources } from './scripts/component-sources.mjs';

/**
 * The public modules: each element's class (`x.component.ts`), the file that registers it
 * (`x.ts` in folder `x`), and their base class. The other modules of a component folder
 * are its internals (helpers, controllers, templates): not API, not in the manifest.
 */
const isPublicModule = (path) =>
  /(^|\/)components\/shared\/lapor-element\.(ts|js)$/.test(path) || /(^|\/)components\/([^/]+)\/\2(\.component)?\.(ts|js)$/.test(path);

/** Tag → the `lapor-*` tags it renders in its shadow tree (`<lapor-x` in a template). */
function nestedTags(tag) {
  const found = new Set();
  for (const file of templateSources(tag)) {
    for (const [, inner] of codeOf(file).matchAll(/<(lapor-[a-z-]+)[\s>]/g)) if (inner !== tag) found.add(inner);
  }
  return [...found];
}

/** Event name → its TypeScript type, from every `interface LaporEventMap { … }` augmentation. */
const eventTypes = new Map();

export default {
  // The .component.ts classes, their base (LaporElement) and the X.ts files whose
  // customElements.define() gives each class its tag.
  globs: ['src/components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  dev: false,
  plugins: [
    {
      // Only the public modules (see isPublicModule), and in them no private members.
      // Runs after inheritance was applied, so LaporElement's documentation is already in
      // every element; `@internal` in a JSDoc drops a member the analyzer would show.
      name: 'lapor-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules = customElementsManifest.modules.filter((mod) => isPublicModule(mod.path));
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.members) decl.members = decl.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
          }
        }
      },
    },
    {
      // A custom property set on an element reaches the lapor-* elements in its shadow tree
      // (custom properties inherit), so the status view lists the countdown's properties,
      // and the widget those of the form, the status view and "my reports".
      name: 'lapor-nested-custom-properties',
      packageLinkPhase({ customElementsManifest }) {
        const byTag = new Map();
        for (const mod of customElementsManifest.modules) for (const decl of mod.declarations ?? []) if (decl.tagName) byTag.set(decl.tagName, decl);
        const reach = (tag, seen = new Set()) => {
          if (seen.has(tag)) return [];
          seen.add(tag);
          return [...(byTag.get(tag)?.cssProperties ?? []), ...nestedTags(tag).flatMap((inner) => reach(inner, seen))];
        };
        for (const [tag, decl] of byTag) {
          const names = new Set((decl.cssProperties ?? []).map((p) => p.name));
          for (const property of reach(tag)) {
            if (names.has(property.name)) continue;
            names.add(property.name);
            (decl.cssProperties ??= []).push({ ...property });
          }
        }
      },
    },
    {
      // LaporElement.emit() dispatches `new CustomEvent(name, …)`, which the analyzer
      // reports as an event called "name"; the real events are the documented @event ones.
      name: 'lapor-documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((event) => event.name?.startsWith('lapor-'));
          }
        }
      },
    },
    {
      // Each event's `type` is the one TypeScript gives listeners (LaporEventMap, the source
      // of HTMLElementEventMap's entries), so editors and the manifest cannot disagree.
      name: 'lapor-event-types',
      analyzePhase({ ts, node }) {
        if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'LaporEventMap') return;
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && ts.isStringLiteral(member.name)) {
            eventTypes.set(member.name.text, member.type.getText(node.getSourceFile()));
          }
        }
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            for (const event of decl.events ?? []) {
              const text = eventTypes.get(event.name);
              if (text) event.type = { text };
            }
          }
        }
      },
    },
    {
      // The package ships lib/*.js (tsconfig.build.json: rootDir src → outDir lib), not
      // src/*.ts: every module path in the manifest names the file a user can open.
      name: 'lapor-shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        // A re-export names its source relative to the module (`../../contract/validate.js`).
        const shipped = (value, from) =>
          (value.startsWith('.') ? posix.join(posix.dirname(from), value) : value).replace(/^\/?src\/(.+)\.(?:ts|js)$/, 'lib/$1.js');
        const walk = (value, from) => {
          if (Array.isArray(value)) return value.forEach((inner) => walk(inner, from));
          if (!value || typeof value !== 'object') return;
          for (const [key, inner] of Object.entries(value)) {
            if ((key === 'path' || key === 'module') && typeof inner === 'string') value[key] = shipped(inner, from);
            else walk(inner, from);
          }
        };
        for (const mod of customElementsManifest.modules) walk(mod, mod.path);
      },
    },
  ],
};
