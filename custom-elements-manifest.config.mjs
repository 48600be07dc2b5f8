// custom-elements.json, written by `npm run build` (after rollup) from the JSDoc on the
// element classes (@event, @slot, @csspart, @cssproperty) and Lit's decorators.
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
  ],
};
