/**
 * Server rendering with @lit-labs/ssr, in plain Node (no DOM: lit's node build brings
 * only @lit-labs/ssr-dom-shim). Each element renders to HTML with declarative shadow DOM
 * (`<template shadowrootmode="open">`), its styles and its first screen, so a page can
 * show it before any JavaScript has run; test/ssr/hydrate.test.ts hydrates that HTML in
 * Chromium. Rendering must not touch `document` or `window` (there are none here).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../src/define.js';
import '../../src/components/admin-queue/admin-queue.js';

const ssr = (template: unknown) => collectResultSync(render(template));
/** The element's own shadow content, without its (long) style sheet. */
const shadowOf = (out: string, tag: string) => {
  const match = out.match(new RegExp(`<${tag}[^>]*><template shadowroot="open" shadowrootmode="open">([\\s\\S]*?)</template></${tag}>`));
  assert.ok(match, `${tag} rendered with declarative shadow DOM`);
  return match[1]!.replace(/<style>[\s\S]*?<\/style>/g, '');
};

describe('server rendering (@lit-labs/ssr)', () => {
  it('runs where there is no DOM at all', () => {
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  });

  const cases: [tag: string, attrs: string, expect: RegExp][] = [
    ['lapor-widget', 'api="https://gw.example" site-key="smart-kampung"', /part="launcher"/],
    ['lapor-report-form', 'api="https://gw.example"', /<form[^>]*part="form"/],
    ['lapor-report-status', 'api="https://gw.example" tracking-id="LPR-7K3M-Q9XD"', /value="LPR-7K3M-Q9XD"/],
    // The device's list is read from IndexedDB in the browser: the server renders the heading and "loading".
    ['lapor-my-reports', 'api="https://gw.example"', /Laporan saya[\s\S]*<p role="status"><!--lit-part-->Memuat laporan/],
    ['lapor-admin-queue', 'api="https://gw.example"', /<form class="sign-in"[\s\S]*id="token"/],
    ['lapor-compliance-board', 'api="https://gw.example" site-key="demo-opd" period="7d"', /Kinerja penanganan pengaduan[\s\S]*<p role="status"><!--lit-part-->Memuat angka kinerja/],
    ['lapor-sla-countdown', 'due="2099-01-01T00:00:00.000Z" clock-id="local.handle"', /part="label" class="label"><!--lit-part-->Sisa \d+ hari/],
  ];
  for (const [tag, attrs, expected] of cases) {
    it(`renders <${tag}> with declarative shadow DOM and its first screen`, () => {
      const out = ssr(staticHtml`<${unsafeStatic(tag)} ${unsafeStatic(attrs)}></${unsafeStatic(tag)}>`);
      assert.match(out, /<style>[\s\S]*--lapor-color-accent/, 'styles inlined in the shadow root');
      assert.match(shadowOf(out, tag), expected);
    });
  }

  it('speaks Indonesian when nothing says otherwise', () => {
    assert.match(shadowOf(ssr(html`<lapor-report-status></lapor-report-status>`), 'lapor-report-status'), /<h2><!--lit-part-->Lacak laporan/);
  });

  it('renders an overdue countdown as overdue', () => {
    const out = shadowOf(ssr(html`<lapor-sla-countdown due="2020-01-01T00:00:00.000Z"></lapor-sla-countdown>`), 'lapor-sla-countdown');
    assert.match(out, /data-phase="overdue"/);
  });
});
