// Unit and component tests: real Chromium (Debian's, never a downloaded one),
// TypeScript through esbuild, msw's service worker served from the root.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { build, transform } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { analyzeManifest } from './scripts/analyze-manifest.mjs';
import { wtrTimings } from './scripts/test-timings.mjs';

const require = createRequire(import.meta.url);
const mswWorker = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');


const serveMswWorker = {
  name: 'serve-msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: mswWorker, type: 'js', headers: { 'Service-Worker-Allowed': '/' } };
    }
  },
};

/**
 * `/__ssr?html=…`: that markup rendered by @lit-labs/ssr in Node, as a server would, for
 * test/ssr/hydrate.test.ts (plain text: the dev server must not touch the markup).
 */
const serveSsr = {
  name: 'serve-ssr',
  serve(context) {
    if (context.path !== '/__ssr') return;
    const markup = String(context.query.html ?? '');
    const body = execFileSync(process.execPath, ['--import', 'tsx', 'test/ssr/render-server.ts', markup], { encoding: 'utf8' });
    return { body, type: 'txt' };
  },
};

/**
 * `/__manifest`: custom-elements.json as the build would write it (the analyzer, run here),
 * for test/components/manifest-render.test.ts, which renders every element and compares.
 */
let manifest;
const serveManifest = {
  name: 'serve-manifest',
  serve(context) {
    if (context.path !== '/__manifest') return;
    manifest ??= JSON.stringify(analyzeManifest());
    return { body: manifest, type: 'json' };
  },
};

/**
 * `/__embed/<variant>/…`: the script-tag embed as a CDN serves it, from source, for
 * test/embed/launcher*.test.ts. `lapor-embed.js` is src/embed/loader.ts (types stripped:
 * a classic script), `lapor-launcher.js` is src/embed/launcher.ts as an IIFE, as the
 * build makes it. The bundle next to them depends on the variant:
 *   fake      a module that only counts its runs (window.__fakeBundleRuns)
 *   missing   404, a download that fails
 *   held-<k>  the real bundle (src/cdn.ts), answered only once `/__embed/release/<k>` was
 *             requested: a slow network, under the test's control
 */
const held = new Map();
const heldBundle = (key) => {
  if (!held.has(key)) {
    let release;
    held.set(key, { done: new Promise((r) => (release = r)), release: () => release() });
  }
  return held.get(key);
};
const serveEmbed = {
  name: 'serve-embed',
  async serve(context) {
    const release = context.path.match(/^\/__embed\/release\/([\w-]+)$/);
    if (release) {
      heldBundle(release[1]).release();
      return { body: 'released', type: 'txt' };
    }
    const found = context.path.match(/^\/__embed\/([\w-]+)\/(lapor-embed|lapor-launcher|lapor-widget)\.js$/);
    if (!found) return;
    const [, variant, file] = found;
    if (file === 'lapor-embed') {
      const { code } = await transform(readFileSync('src/embed/loader.ts', 'utf8'), { loader: 'ts', target: 'es2022' });
      return { body: code, type: 'js' };
    }
    if (file === 'lapor-launcher') {
      const out = await build({
        entryPoints: ['src/embed/launcher.ts'],
        bundle: true,
        format: 'iife',
        write: false,
        target: 'es2022',
      });
      return { body: out.outputFiles[0].text, type: 'js' };
    }
    if (variant === 'fake') return { body: 'window.__fakeBundleRuns = (window.__fakeBundleRuns || 0) + 1;', type: 'js' };
    if (variant.startsWith('held-')) {
      await heldBundle(variant).done;
      return { body: "import '/src/cdn.ts';", type: 'js' };
    }
  },
};

const group = process.env.WTR_FILES;
/** `npm test` collects every test's duration here for its "slowest tests" list. */
const timings = process.env.LAPOR_TEST_TIMINGS;

export default {
  files: group ? group.split(',') : ['test/**/*.test.ts', '!test/gateway/**', '!test/node/**', '!test/e2e/**', '!test/bench/**', '!test/build/**', '!test/package/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  rootDir: '.',
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 10_000 } },
  // Tests run Lit's development build on purpose (its warnings catch mistakes); its
  // one-line "dev mode" notice per file only buries the logs that matter.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), ...(timings ? [wtrTimings(timings)] : [])],
  plugins: [serveMswWorker, serveSsr, serveManifest, serveEmbed, esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
};
