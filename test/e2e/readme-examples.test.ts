/**
 * README's examples are tests. Every ```ts, ```tsx, ```js and ```html block of README.md
 * is read from the file (not copied here) and:
 *  - ts/tsx: typechecked with tsc, strict, with `lapor-widget/…` resolved through
 *    package.json "exports" to the sources;
 *  - ts/js for Node (the SDK, server rendering): run with tsx against the REAL gateway
 *    (gateway as a child process, README's gateway address swapped for its URL);
 *  - js for a service worker: bundled by esbuild for a worker and loaded in a worker scope;
 *  - html: put on a page of the gateway's origin with the built embed script, in Chromium:
 *    no page error, every `lapor-*` tag defined, buttons do what they say, slotted
 *    content in its slot, a `translate` command's words on screen;
 *  - vue, svelte, and ts that uses `document` (the framework sections, issue 25): built
 *    as a Vite app (Vue with README's own vite.config.ts, Svelte with its plugin) and run
 *    in Chromium on the gateway's origin: no page error (and no Vue warning), every tag
 *    rendered, and a `lapor-submit` from the form reaches the example's handler.
 * A block that no runner claims fails the suite, so a new example cannot go untested.
 * Runs after `npm run build` (the html examples load dist/lapor-embed.js).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { bundleWorker, exportKeys, runInWorkerScope, sourceOf } from '../build/worker-scope.js';
import { closeBrowser, eventually, GatewayProcess, newContext, REPO } from './helpers.js';

interface Block {
  lang: string;
  line: number;
  code: string;
}

/** README's fenced blocks with their info string and first line. */
function readmeBlocks(): Block[] {
  // README_EXAMPLES_FROM: another file with README's shape, to see the checks fail on a broken example.
  const lines = readFileSync(resolve(REPO, process.env.README_EXAMPLES_FROM ?? 'README.md'), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!.match(/^```(\S*)\s*$/);
    if (!open) continue;
    const start = i + 1;
    while (++i < lines.length && lines[i] !== '```');
    blocks.push({ lang: open[1]!, line: start, code: lines.slice(start, i).join('\n') + '\n' });
  }
  return blocks;
}

/** The globals README's Content Security Policy section says a page gets (its "Global names" item). */
function readmeGlobals(): string[] {
  const readme = readFileSync(resolve(REPO, 'README.md'), 'utf8');
  const item = readme.slice(readme.indexOf('- Global names:'), readme.indexOf('\n- ', readme.indexOf('- Global names:') + 1));
  return [...item.matchAll(/`(?:window\.)?([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!);
}

/** What README writes for the gateway and the CDN, and the site keys it uses. */
const README_GATEWAYS = [/https:\/\/lapor\.banyuwangikab\.go\.id/g, /https:\/\/GATEWAY/g];
const README_CDN = /https:\/\/CDN\/lapor-widget\//g;
const SITE_KEYS = {
  'smart-kampung': { origins: ['http://127.0.0.1:*'], channel: 'smart_kampung' },
  'dinkes-bwi': { origins: ['http://127.0.0.1:*'], channel: 'web' },
};

const EXAMPLES = readmeBlocks().filter((b) => ['ts', 'tsx', 'js', 'html', 'vue', 'svelte'].includes(b.lang));
/** Kinds that are shown, not run: shell commands, CSS, a CSP header. */
const NOT_CODE = new Set(['sh', 'css', '']);

const runsInWorker = (b: Block) => b.lang === 'js' && /\bself\.addEventListener\(|\bhandleOutboxSync\(self\)/.test(b.code);
/** A component of a framework, or page code: built into a Vite app and run in Chromium. */
const runsInViteApp = (b: Block) => b.lang === 'vue' || b.lang === 'svelte' || (b.lang === 'ts' && /\bdocument\./.test(b.code));
const runsInNode = (b: Block) => (b.lang === 'ts' || b.lang === 'js') && !runsInWorker(b) && !runsInViteApp(b);
/** README's vite.config.ts for Vue (the ts block that sets isCustomElement). */
const vueConfig = () => EXAMPLES.find((b) => b.lang === 'ts' && b.code.includes('@vitejs/plugin-vue'));
const where = (b: Block) => `README.md:${b.line} (\`\`\`${b.lang})`;

/** A scratch project in the repo's (git-ignored) tmp/, so bare imports resolve from its node_modules. */
const SCRATCH = resolve(REPO, 'tmp/readme-examples');
const fileOf = (b: Block) => join(SCRATCH, `line-${b.line}.${b.lang}`);

function writeScratch(): void {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  const paths: Record<string, string[]> = {};
  for (const key of exportKeys().filter((k) => !k.endsWith('.json'))) {
    paths[key === '.' ? 'lapor-widget' : `lapor-widget/${key.slice(2)}`] = [sourceOf(key)];
  }
  // Strict, as the repo; JSX for the React example; `lapor-widget/…` through "exports" to the sources
  // (the .vue and .svelte examples are compiled by their Vite plugins instead).
  writeFileSync(
    join(SCRATCH, 'tsconfig.json'),
    JSON.stringify({
      extends: resolve(REPO, 'tsconfig.json'),
      compilerOptions: { jsx: 'react-jsx', noEmit: true, types: ['node'], paths },
      include: ['*.ts', '*.tsx'],
      exclude: [],
    }),
  );
  // To run them (tsx applies `paths` to the files its tsconfig includes): every file here, as ES modules.
  // The sources too, so that tsx compiles them with the repo's settings (Lit's decorators).
  writeFileSync(join(SCRATCH, 'tsconfig.run.json'), JSON.stringify({ extends: './tsconfig.json', include: ['*', resolve(REPO, 'src')] }));
  writeFileSync(join(SCRATCH, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const b of EXAMPLES.filter((e) => e.lang !== 'vue' && e.lang !== 'svelte')) writeFileSync(fileOf(b), b.code);
}

// A bound, not a pace: tsc over the examples took 52-60 s beside the other lanes at load average 22.
const run = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, args, { cwd, env: { ...process.env, ...env }, timeout: 180_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code ?? 1, out: `${e.stdout}${e.stderr}` }),
  );

describe('README examples', () => {
  const gateway = new GatewayProcess({ env: { LAPOR_SITE_KEYS: JSON.stringify(SITE_KEYS) } });
  const withGateway = (code: string) => README_GATEWAYS.reduce((c, re) => c.replace(re, gateway.url), code);

  before(async () => {
    writeScratch();
    await gateway.start();
  });
  after(async () => {
    await closeBrowser();
    await gateway.stop();
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  it('every ts/tsx/js/html example has a runner', () => {
    const kinds = readmeBlocks().filter((b) => !NOT_CODE.has(b.lang) && !EXAMPLES.some((e) => e.line === b.line));
    assert.deepEqual(kinds.map(where), [], 'blocks of a kind no runner knows');
    assert.ok(EXAMPLES.length >= 7, `README has its examples (found ${EXAMPLES.length})`);
  });

  it('the ts/tsx examples typecheck (strict)', async () => {
    const tsc = resolve(REPO, 'node_modules/typescript/bin/tsc');
    const { code, out } = await run([tsc, '-p', join(SCRATCH, 'tsconfig.json')], SCRATCH);
    assert.equal(code, 0, out.replaceAll(SCRATCH + '/', 'README example ').replace(/line-(\d+)\.\w+/g, 'README.md:$1'));
  });

  for (const b of EXAMPLES.filter(runsInNode)) {
    it(`runs in Node against the gateway: ${where(b)}`, async () => {
      // The example as written, pointed at the test gateway; a `stop` it starts is stopped after.
      let code = withGateway(b.code);
      if (/\bconst stop = /.test(code)) code += 'await new Promise((r) => setTimeout(r, 300));\nstop();\n';
      const file = fileOf(b).replace(/\.(\w+)$/, '.run.$1');
      writeFileSync(file, code);
      const { code: exit, out } = await run(['--import', 'tsx', file], SCRATCH, { TSX_TSCONFIG_PATH: join(SCRATCH, 'tsconfig.run.json') });
      assert.equal(exit, 0, `${where(b)} failed:\n${out.split('\n').slice(0, 25).join('\n')}`);
    });
  }

  for (const b of EXAMPLES.filter(runsInWorker)) {
    it(`loads in a service worker: ${where(b)}`, async () => {
      const { js } = await bundleWorker(b.code);
      const listeners = runInWorkerScope(js);
      assert.ok(listeners.size > 0, 'registers its listeners');
    });
  }

  for (const b of EXAMPLES.filter((e) => e.lang === 'html')) {
    it(`works in Chromium: ${where(b)}`, async () => {
      const context = await newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await showExample(page, b);
        const tags = [...new Set([...b.code.matchAll(/<(lapor-[a-z-]+)/g)].map((m) => m[1]!))];
        for (const tag of tags) {
          await eventually(() => page.evaluate((t) => !!customElements.get(t) && !!document.querySelector(t)?.shadowRoot?.childElementCount, tag), 15_000, `${tag} defined and rendered`);
        }
        if (b.code.includes('lapor-embed.js')) {
          // The script tag alone: the launcher appears and opens the form.
          await page.locator('lapor-widget [part~="launcher"]').first().click();
          await eventually(() => page.evaluate(() => document.querySelector('lapor-widget')?.open === true), 10_000, 'the dialog open');
          // The globals it adds, once the form's lazy layer is in too, are the ones README's
          // CSP section names (issue 25: it said LaporWidget alone).
          const expected = readmeGlobals().filter((g) => g !== 'litNonce' || b.code.includes('nonce=')).sort().join();
          const added = () => page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !(window as unknown as { __before: string[] }).__before.includes(k) && k !== '__before').sort().join());
          await eventually(async () => (await added()) === expected, 10_000, 'the globals README names').catch(() => undefined);
          assert.equal(await added(), expected, 'globals the page got vs README');
        }
        for (const button of await page.locator('body > button').all()) {
          await button.click();
          await eventually(() => page.evaluate(() => document.querySelector('lapor-widget')?.open === true), 10_000, 'the button opened the widget');
        }
        // Slotted words are in their slot (those of a later screen, after-submit, wait for it).
        const unslotted = await page.evaluate(() =>
          [...document.querySelectorAll('[slot]')]
            .filter((el) => el.parentElement?.localName.startsWith('lapor-') && el.getAttribute('slot') !== 'after-submit')
            .filter((el) => !el.parentElement!.shadowRoot?.querySelector<HTMLSlotElement>(`slot[name="${el.getAttribute('slot')}"]`)?.assignedElements({ flatten: true }).includes(el))
            .map((el) => el.getAttribute('slot')),
        );
        assert.deepEqual(unslotted, [], 'slotted content not shown in its slot');
        const launcherWord = b.code.match(/'translate', \{[^}]*'widget\.launcher': '([^']+)'/);
        if (launcherWord) {
          await eventually(async () => (await page.locator('lapor-widget [part~="launcher-label"]').first().textContent()) === launcherWord[1], 10_000, `the launcher says "${launcherWord[1]}"`);
        }
        const prefill = b.code.match(/'prefill', \{title: '([^']+)'\}/);
        if (prefill) {
          const title = page.locator('lapor-widget lapor-report-form').locator('#f-title').first();
          await eventually(async () => (await title.inputValue()) === prefill[1], 10_000, `the title prefilled with "${prefill[1]}"`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  for (const b of EXAMPLES.filter(runsInViteApp)) {
    it(`works in a Vite app in Chromium: ${where(b)}`, async () => {
      const files = await buildViteApp(b);
      const base = `${gateway.url}/readme-vite-${b.line}/`;
      const context = await newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      const logs: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => logs.push(m.text()));
      try {
        await page.route(`${base}**`, (route) => {
          const file = files.get(new URL(route.request().url()).pathname.slice(new URL(base).pathname.length) || 'index.html');
          return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404, body: '' });
        });
        await page.goto(`${base}index.html`);
        const tags = [...new Set([...b.code.matchAll(/\b(lapor-(?:report-form|report-status|my-reports|sla-countdown|widget))(?![\w/-])/g)].map((m) => m[1]!))];
        assert.ok(tags.length > 0, 'the example uses a lapor-* tag');
        for (const tag of tags) {
          await eventually(() => page.evaluate((t) => !!document.querySelector(t)?.shadowRoot?.childElementCount, tag), 15_000, `${tag} rendered`).catch((e: Error) => {
            throw new Error(`${e.message}; page errors: ${errors.join(' | ')}; console: ${logs.join(' | ')}`);
          });
        }
        if (b.code.includes('lapor-submit')) {
          await page.evaluate(() =>
            document.querySelector('lapor-report-form')!.dispatchEvent(
              new CustomEvent('lapor-submit', { detail: { trackingId: 'LPR-7K3M-Q9XD', clientId: 'readme', queued: false }, bubbles: true, composed: true }),
            ),
          );
          await eventually(async () => (await page.evaluate(() => document.body.innerText)).includes('LPR-7K3M-Q9XD') || logs.some((l) => l.includes('LPR-7K3M-Q9XD')), 10_000, "the example's lapor-submit handler ran");
        }
        assert.deepEqual(errors, []);
        assert.deepEqual(logs.filter((l) => /\[Vue warn\]/.test(l)), [], 'Vue warnings (a custom element taken for a component?)');
      } finally {
        await context.close();
      }
    });
  }

  /**
   * The example as a Vite app (development build, so Vue warns as it would for a developer),
   * `lapor-widget/…` from the sources as everywhere in this file: path → built file.
   */
  async function buildViteApp(b: Block): Promise<Map<string, { body: Buffer; type: string }>> {
    const dir = join(SCRATCH, `vite-${b.line}`);
    mkdirSync(dir, { recursive: true });
    const code = withGateway(b.code);
    const main = {
      vue: "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n",
      svelte: "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.getElementById('app')! });\n",
      ts: code,
    }[b.lang as 'vue' | 'svelte' | 'ts'];
    if (b.lang !== 'ts') writeFileSync(join(dir, `App.${b.lang}`), code);
    writeFileSync(join(dir, 'main.ts'), main);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>README</title></head><body><div id="app"></div><script type="module" src="./main.ts"></script></body></html>');
    let configFile: string | false = false;
    if (b.lang === 'vue') {
      const config = vueConfig();
      assert.ok(config, "README's vite.config.ts for Vue");
      writeFileSync((configFile = join(dir, 'vite.config.ts')), config.code);
    }
    const { build } = await import('vite');
    // package.json "sideEffects" names the built lib/ files; from src/ every module keeps its imports.
    const src = resolve(REPO, 'src') + '/';
    const fromSource = {
      name: 'lapor-widget-from-source',
      enforce: 'pre' as const,
      resolveId: (id: string) => (/^lapor-widget(\/|$)/.test(id) ? sourceOf(id) : null),
      transform: (code: string, id: string) => (id.startsWith(src) ? { code, map: null, moduleSideEffects: true } : null),
    };
    const plugins: unknown[] = [fromSource];
    if (b.lang === 'svelte') plugins.push((await import('@sveltejs/vite-plugin-svelte')).svelte());
    await build({
      root: dir,
      base: `/readme-vite-${b.line}/`,
      configFile,
      logLevel: 'silent',
      mode: 'development',
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: plugins as never,
      build: { outDir: 'dist', emptyOutDir: true, modulePreload: false, minify: false },
    });
    const files = new Map<string, { body: Buffer; type: string }>();
    const walk = (sub: string): string[] => readdirSync(join(dir, 'dist', sub), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(sub, d.name)) : [join(sub, d.name)]));
    for (const file of walk('')) {
      files.set(file, { body: readFileSync(join(dir, 'dist', file)), type: file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html' });
    }
    return files;
  }

  /** Serve the example as a page of the gateway's origin (its site keys allow it), with the embed script. */
  async function showExample(page: Page, b: Block): Promise<void> {
    const url = `${gateway.url}/readme-example-${b.line}.html`;
    const embed = `<script async src="https://CDN/lapor-widget/dist/lapor-embed.js" data-api="https://GATEWAY" data-site-key="dinkes-bwi" data-lang="id"></script>`;
    // Snippets that assume the pasted tag get it after them, as a webmaster's page has it.
    const body = b.code.includes('lapor-embed.js') ? b.code : `${b.code}\n${embed}`;
    const html = withGateway(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>README</title></head><body>\n${body}\n</body></html>`).replace(README_CDN, `${gateway.url}/`);
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.addInitScript(() => ((window as unknown as { __before: string[] }).__before = Object.getOwnPropertyNames(window)));
    await page.goto(url);
  }
});
