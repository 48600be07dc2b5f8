#!/usr/bin/env node
// `npm run test:apps` (after `npm run build`; CI runs it after `npm test`): the consumer app
// too slow for `npm test`. A fresh Next.js App Router app, made from `npm pack` and the
// npm registry (scripts/consumer-app.mjs), whose pages are README's "Next.js (App Router)"
// examples as written: the wrappers imported straight into a Server Component page, and
// a 'use client' component of one's own with an event prop. Issue 25: without 'use client'
// in lib/react/*.js, `next build` failed with "a.useRef is not a function".
//
//   1. `next build` passes;
//   2. `next start` serves the page with the tags and their slotted words in its HTML;
//   3. in Chromium the elements upgrade and render, with no page error (Chromium: run
//      this under the browser lock on a shared machine).
//
// Prints "N passed, N failed" and exits 1 on a failure.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { REPO, makeApp, packTarball, repoVersion } from './consumer-app.mjs';

/** Next.js major tested here (React 19, Node ≥ 20.9). */
const NEXT = 'next@16';

/** README's tsx block whose first line names `// app/…`, by that path. */
function readmeFile(path) {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```tsx\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.startsWith(`// ${path}`));
  if (!block) throw new Error(`README.md has no tsx example starting with "// ${path}"`);
  return block;
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(true);
    console.log(`ok - ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push(false);
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').slice(0, 30).join('\n  ')}`);
  }
}

const pack = packTarball();
console.log(`packed ${pack.packed.filename}: ${pack.packed.size} B, ${pack.packed.unpackedSize} B unpacked`);
const deps = [NEXT, ...['react', 'react-dom', '@lit/react', '@types/react', '@types/react-dom', 'typescript'].map((n) => `${n}@${repoVersion(n)}`), '@types/node@20'];
const app = makeApp('next', pack.tarball, {
  deps,
  files: {
    'next.config.mjs': 'export default {};\n',
    'app/layout.tsx': "export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang=\"id\">\n      <body>{children}</body>\n    </html>\n  );\n}\n",
    'app/lapor/page.tsx': readmeFile('app/lapor/page.tsx'),
    'app/lapor/report-form.tsx': readmeFile('app/lapor/report-form.tsx'),
    // The client component of README, used by a page (a Server Component) of its own.
    'app/kirim/page.tsx': "import { ReportForm } from '../lapor/report-form';\n\nexport default function Page() {\n  return <ReportForm />;\n}\n",
  },
});
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const next = join(app.dir, 'node_modules/next/dist/bin/next');

try {
  await step(`next build (${NEXT}) with the wrappers in a Server Component page`, () => {
    execFileSync(process.execPath, [next, 'build'], { cwd: app.dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  });

  const port = await freePort();
  const server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: app.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    await step('next start serves /lapor with the tags and their slotted words', async () => {
      let html = '';
      for (let i = 0; i < 120 && !html; i++) {
        html = await fetch(`${base}/lapor`).then((r) => (r.ok ? r.text() : ''), () => '');
        if (!html) await new Promise((r) => setTimeout(r, 500));
      }
      if (!html.includes('<lapor-report-form')) throw new Error(`no <lapor-report-form> in the HTML:\n${html.slice(0, 2000)}`);
      if (!html.includes('<lapor-sla-countdown')) throw new Error('no <lapor-sla-countdown> in the HTML');
      if (!html.includes('Laporan Anda diteruskan')) throw new Error('the slotted intro is not in the HTML');
    });

    await step('in Chromium the elements upgrade and render, with no page error', async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        // The README's gateway is not reachable here: its requests fail as offline ones would.
        await page.route('https://lapor.banyuwangikab.go.id/**', (route) => route.abort());
        for (const path of ['/lapor', '/kirim']) {
          await page.goto(`${base}${path}`);
          await page.waitForFunction(() => document.querySelector('lapor-report-form')?.shadowRoot?.querySelector('form'), undefined, { timeout: 30_000 });
        }
        if (errors.length) throw new Error(errors.join('\n'));
      } finally {
        await browser.close();
      }
    });
  } finally {
    server.kill();
  }
} finally {
  app.remove();
  rmSync(pack.dir, { recursive: true, force: true });
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
