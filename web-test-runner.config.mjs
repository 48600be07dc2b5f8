// Unit and component tests: real Chromium (Debian's, never a downloaded one),
// TypeScript through esbuild, msw's service worker served from the root.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
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
  plugins: [serveMswWorker, serveSsr, serveManifest, esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
};
