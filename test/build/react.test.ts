/**
 * `lapor-widget/react` as a React 19 developer uses it (test/react/app.tsx):
 *  - typechecked strictly: the valid app compiles, and each `@ts-expect-error` line (an
 *    event prop given a number, a misspelled property, a detail field that does not
 *    exist, a number for an ISO string) must fail, else tsc reports the directive unused;
 *  - rendered in Chromium with react-dom: tags upgraded, props set as properties, `ref`
 *    is the element, `className`/`style`/children pass through, event props fire.
 * Chromium (Debian's, via playwright-core) is launched here: run under the browser lock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const REPO = resolve(import.meta.dirname, '../..');
const APP_DIR = resolve(REPO, 'test/react');

describe('lapor-widget/react', () => {
  it('typechecks the React app, and rejects the wrong props it must reject', async () => {
    const tsc = resolve(REPO, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', resolve(APP_DIR, 'tsconfig.json')], { cwd: REPO }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    assert.equal(run.code, 0, run.out);
  });

  describe('in Chromium with react-dom', () => {
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    before(async () => {
      const bundle = await build({
        stdin: {
          contents: "import { mount } from './app.tsx'; (window as any).seen = mount(document.getElementById('root')!);",
          resolveDir: APP_DIR,
          loader: 'ts',
        },
        tsconfig: resolve(APP_DIR, 'tsconfig.json'),
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        define: { 'process.env.NODE_ENV': '"development"' },
        // package.json "sideEffects" names the built lib/ files; bundled from src/ here, keep every import.
        ignoreAnnotations: true,
        logLevel: 'silent',
      });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
      page = await browser.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      page.on('console', (m) => process.env.DEBUG_REACT_TEST && console.log(m.type(), m.text()));
      // A page of an http origin (IndexedDB, where drafts and saved reports live, is denied on about:blank).
      const url = 'http://react-app.test/';
      await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="id"><body><div id="root"></div></body></html>' }));
      await page.goto(url);
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text, type: 'module' });
      await page.waitForFunction(() => document.querySelector('lapor-widget')?.shadowRoot?.childElementCount, undefined, { timeout: 10_000 }).catch((e: Error) => { throw new Error(`${e.message}; page errors: ${pageErrors.join(' | ')}`); });
    });

    after(async () => {
      await browser?.close();
    });

    it('renders every element, upgraded, with no page error', async () => {
      const tags = ['lapor-report-form', 'lapor-sla-countdown', 'lapor-report-status', 'lapor-my-reports', 'lapor-admin-queue', 'lapor-compliance-board', 'lapor-widget'];
      const upgraded = await page.evaluate(
        (tags) => tags.map((t) => { const el = document.querySelector(t); return !!el && el instanceof customElements.get(t)! && !!el.shadowRoot; }),
        tags,
      );
      assert.deepEqual(upgraded, tags.map(() => true));
      assert.deepEqual(pageErrors, []);
    });

    it('sets props as properties, and ref is the element', async () => {
      const got = await page.evaluate(() => {
        const w = window as any;
        const form = document.querySelector('lapor-report-form') as any;
        const countdown = document.querySelector('lapor-sla-countdown') as any;
        const status = document.querySelector('lapor-report-status') as any;
        return {
          refIsForm: w.seen.form.current === form,
          refIsCountdown: w.seen.countdown.current === countdown,
          siteKey: form.siteKey,
          siteKeyAttr: form.getAttribute('sitekey') ?? form.getAttribute('site-key'),
          clockId: countdown.clockId,
          // `false` reaches the element as a boolean; as an attribute it would be the string "false".
          live: status.live,
          className: form.className,
          maxWidth: form.style.maxWidth,
          label: countdown.shadowRoot.querySelector('[part=label]')?.textContent,
          child: document.querySelector('lapor-widget > span')?.textContent,
        };
      });
      assert.equal(got.refIsForm, true);
      assert.equal(got.refIsCountdown, true);
      assert.equal(got.siteKey, 'smart-kampung');
      assert.equal(got.siteKeyAttr, null, 'a property, not an attribute');
      assert.equal(got.clockId, 'local.handle');
      assert.equal(got.live, false);
      assert.equal(got.className, 'lapor-form');
      assert.equal(got.maxWidth, '40rem');
      assert.match(got.label ?? '', /^Sisa /);
      assert.equal(got.child, 'children are passed through');
    });

    it('calls event props: a real lapor-open from the widget, a lapor-submit from the form', async () => {
      const got = await page.evaluate(async () => {
        const w = window as any;
        const widget = document.querySelector('lapor-widget') as any;
        widget.show();
        await widget.updateComplete;
        document.querySelector('lapor-report-form')!.dispatchEvent(
          new CustomEvent('lapor-submit', { detail: { trackingId: 'LPR-7K3M-Q9XD', clientId: 'c1', queued: false }, bubbles: true, composed: true }),
        );
        return { opened: w.seen.opened, submits: w.seen.submits };
      });
      assert.equal(got.opened, 1);
      assert.deepEqual(got.submits, ['LPR-7K3M-Q9XD']);
    });
  });
});
