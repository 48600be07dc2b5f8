// custom-elements.json, written by `npm run build` (after rollup) from the JSDoc on the
// element classes (@event, @slot, @csspart, @cssproperty) and Lit's decorators.
// test/build/manifest.test.ts and test/build/parts.test.ts check what it says.

import { posix } from 'node:path';

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
