/**
 * A benchmark page's script: one entry bundled with esbuild as a site would ship it
 * (minified, production Lit), kept in memory and served by the benchmark itself.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundleEntry(entry: URL): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    logLevel: 'error',
    // package.json "sideEffects" whitelists only lib/define.js and dist/, so a plain
    // `import '…/sla-countdown.js'` would be dropped from the source tree; keep it.
    ignoreAnnotations: true,
  });
  return bundle.outputFiles[0]!.text;
}
