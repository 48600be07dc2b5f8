/**
 * custom-elements.json against the elements themselves (issue 25: the manifest listed 4 of
 * ~15 custom properties for the form and missed parts it renders). Every element is
 * rendered in Chromium in the states a citizen or an admin sees (a filled form with its
 * errors, success, queued, offline and tracking screens; a report with its clocks; saved
 * reports; the widget's three tabs; the admin queue; the public SOP board loaded and
 * failed), and:
 *  - every `part` any of those shadow trees carries is a part the manifest lists for it;
 *  - the `--lapor-*` properties its styles read, with those of the `lapor-*` elements it
 *    renders (a custom property set on it reaches them), are exactly the manifest's list.
 * The other direction for parts (every documented part is written in a template) is
 * test/build/manifest.test.ts. The manifest comes from `/__manifest` (the analyzer run by
 * web-test-runner.config.mjs with the build's config).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import '../../src/components/admin-queue/admin-queue.js';
import type { LaporWidget } from '../../src/components/widget/widget.component.js';
import { saveReport } from '../../src/store/saved-reports.js';
import { API, FakeGateway, SITE_KEY, until } from '../fixtures/fake-gateway.js';
import { HOUR, TOKEN_A, TRACKING_A, at, buildReport, clock } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { http, HttpResponse } from 'msw';
import { worker } from '../helpers/msw.js';
import { $, cleanDevice, fillValid, mountForm, setOnline, settle, submitButton } from './report-form-helpers.js';
import { ADMIN_API, TOKEN, adminReport, q as adminQ, useFakeAdminGateway } from './admin-queue-fixture.js';
import type { LaporComplianceBoard } from '../../src/components/compliance-board/compliance-board.component.js';
import { resetClients } from '../../src/components/shared/client-registry.js';
import { DATA as COMPLIANCE } from '../fixtures/compliance-fixture.js';
import { useMsw } from '../helpers/msw.js';

interface Declaration {
  tagName?: string;
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

let documented: Map<string, Declaration>;
/** Tag → parts seen on its shadow tree, in any state. */
const seenParts = new Map<string, Set<string>>();
/** Tag → `--lapor-*` properties read by sheets adopted at run time (the board's lazy table styles). */
const seenAdopted = new Map<string, Set<string>>();
/** Tag → `lapor-*` tags seen in its shadow tree, in any state. */
const seenNested = new Map<string, Set<string>>();

const add = <T>(map: Map<string, Set<T>>, key: string, values: Iterable<T>) => {
  const set = map.get(key) ?? map.set(key, new Set()).get(key)!;
  for (const v of values) set.add(v);
};

/** Record what `el` (and every lapor-* element inside it, at any depth) shows right now. */
function observe(el: Element): void {
  const root = el.shadowRoot;
  if (!root) return;
  const tag = el.localName;
  add(seenParts, tag, [...root.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/).filter(Boolean)));
  const inner = [...root.querySelectorAll('*')].filter((node) => node.localName.startsWith('lapor-'));
  add(seenNested, tag, inner.map((node) => node.localName));
  const adopted = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
  add(seenAdopted, tag, [...adopted.matchAll(/var\(\s*(--lapor-[a-z0-9-]+)/g)].map((m) => m[1]!));
  inner.forEach(observe);
}

/** `--lapor-*` properties the styles of `tag` read (var() references in its adopted sheets). */
function stylesRead(tag: string): Set<string> {
  const element = customElements.get(tag) as unknown as { elementStyles: ({ cssText: string } | CSSStyleSheet)[] } | undefined;
  expect(element, `<${tag}> is defined`).to.exist;
  const text = element!.elementStyles.map((s) => ('cssText' in s ? s.cssText : [...s.cssRules].map((r) => r.cssText).join('\n'))).join('\n');
  return new Set([...text.matchAll(/var\(\s*(--lapor-[a-z0-9-]+)/g)].map((m) => m[1]!));
}

/** What setting a property on `tag` reaches: its own styles and those of every element it renders. */
function propertiesReached(tag: string, seen = new Set<string>()): Set<string> {
  if (seen.has(tag)) return new Set();
  seen.add(tag);
  const out = stylesRead(tag);
  for (const p of seenAdopted.get(tag) ?? []) out.add(p);
  for (const inner of seenNested.get(tag) ?? []) for (const p of propertiesReached(inner, seen)) out.add(p);
  return out;
}

before(async () => {
  const manifest = (await (await fetch('/__manifest')).json()) as { modules: { declarations?: Declaration[] }[] };
  documented = new Map();
  for (const mod of manifest.modules) for (const decl of mod.declarations ?? []) if (decl.tagName) documented.set(decl.tagName, decl);
});

describe('rendering the elements for the manifest check', () => {
  describe('<lapor-sla-countdown>', () => {
    it('running, in its last hour, overdue, met and paused', async () => {
      for (const [due, state] of [
        [at(30 * HOUR, new Date().toISOString()), 'running'],
        [at(HOUR / 2, new Date().toISOString()), 'running'],
        ['2020-01-01T00:00:00.000Z', 'running'],
        ['2020-01-01T00:00:00.000Z', 'met'],
        ['2099-01-01T00:00:00.000Z', 'paused'],
      ] as const) {
        observe(await fixture(html`<lapor-sla-countdown due=${due} state=${state} clock-id="local.handle"></lapor-sla-countdown>`));
      }
    });
  });

  describe('<lapor-report-form>', () => {
    useReportFormFixture(() => undefined, { restoreOnline: true });
    // The report shown in place after "Lacak laporan"; and nothing left in the outbox after.
    beforeEach(() => worker.use(http.get(`${API}/v1/reports/:id`, ({ params }) => HttpResponse.json(buildReport({ trackingId: String(params.id) })))));
    after(() => cleanDevice());

    it('the form, its errors, success, tracking in place', async () => {
      const el = await mountForm();
      observe(el);
      submitButton(el).click(); // empty: the error summary and each field's error
      await settle(el);
      observe(el);
      // Sharing where the device can share: its button shows.
      (navigator as { share?: unknown }).share ??= async () => undefined;
      await fillValid(el);
      submitButton(el).click();
      await until(() => expect($(el, '[part~="success"]')).to.exist);
      observe(el);
      $<HTMLButtonElement>(el, '[part~="track"]')!.click();
      await until(() => expect(el.shadowRoot!.querySelector('lapor-report-status')).to.exist);
      observe(el);
    });

    it('offline, then queued', async () => {
      const el = await mountForm();
      setOnline(false);
      window.dispatchEvent(new Event('offline'));
      await settle(el);
      observe(el);
      await fillValid(el);
      submitButton(el).click();
      await until(() => expect($(el, '[part~="queued"]')).to.exist);
      observe(el);
    });
  });

  describe('<lapor-report-status> and <lapor-my-reports>', () => {
    let gw: FakeGateway;
    useFakeGateway((fresh) => (gw = fresh));
    const report = () => buildReport({ trackingId: TRACKING_A, status: 'in_progress', clocks: [clock({ id: 'local.handle', dueAt: at(3 * HOUR, new Date().toISOString()) })] });

    it('a report with its clocks, and the lookup form with "Lupa kode akses?"', async () => {
      gw.add(report(), TOKEN_A);
      const el = await fixture(html`<lapor-report-status api=${API} site-key=${SITE_KEY} tracking-id=${TRACKING_A} access-token=${TOKEN_A}></lapor-report-status>`);
      await until(() => expect(el.shadowRoot!.querySelector('lapor-sla-countdown')).to.exist);
      observe(el);
      const lookup = await fixture(html`<lapor-report-status api=${API} site-key=${SITE_KEY}></lapor-report-status>`);
      await until(() => expect(lookup.shadowRoot!.querySelector('[part~="forgot"]')).to.exist);
      lookup.shadowRoot!.querySelector<HTMLButtonElement>('[part~="forgot"]')!.click();
      await until(() => expect(lookup.shadowRoot!.querySelector('[part~="forgot-form"]')).to.exist);
      observe(lookup);
    });

    it('no saved report, then one, opened', async () => {
      observe(await fixture(html`<lapor-my-reports api=${API} site-key=${SITE_KEY}></lapor-my-reports>`));
      const r = report();
      gw.add(r, TOKEN_A);
      await saveReport({ trackingId: r.trackingId, accessToken: TOKEN_A, api: API, siteKey: SITE_KEY, title: r.title, classification: r.classification, status: r.status, savedAt: r.createdAt, report: r });
      const el = await fixture(html`<lapor-my-reports api=${API} site-key=${SITE_KEY}></lapor-my-reports>`);
      await until(() => expect(el.shadowRoot!.querySelector('lapor-sla-countdown')).to.exist);
      observe(el);
      el.shadowRoot!.querySelector<HTMLButtonElement>('li.item button')?.click();
      await until(() => expect(el.shadowRoot!.querySelector('lapor-report-status')).to.exist);
      observe(el);
    });

    it("<lapor-widget>: its launcher and each of its three tabs", async () => {
      const el = await fixture<LaporWidget>(html`<lapor-widget api=${API} site-key=${SITE_KEY}></lapor-widget>`);
      el.show();
      for (const tab of ['form', 'track', 'mine'] as const) {
        el.tab = tab;
        await el.updateComplete;
        const tag = { form: 'lapor-report-form', track: 'lapor-report-status', mine: 'lapor-my-reports' }[tab];
        await until(() => expect(el.shadowRoot!.querySelector(tag)?.shadowRoot?.childElementCount).to.be.greaterThan(0));
        observe(el);
      }
    });
  });

  describe('<lapor-admin-queue>', () => {
    useFakeAdminGateway((gw) => gw.add(adminReport({ n: 1, leftMs: 2 * HOUR })));

    it('signed out, then its queue', async () => {
      const el = await fixture(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
      observe(el);
      adminQ<HTMLInputElement>(el, '#token')!.value = TOKEN;
      adminQ<HTMLButtonElement>(el, '.sign-in button[type="submit"]')!.click();
      await until(() => expect(adminQ(el, 'lapor-sla-countdown')).to.exist);
      observe(el);
    });
  });

  describe('<lapor-compliance-board>', () => {
    useMsw();
    beforeEach(() => resetClients());

    it('its figures, then a failure with its retry button', async () => {
      for (const answer of [() => HttpResponse.json(COMPLIANCE), () => HttpResponse.json({ error: { code: 'internal' } }, { status: 500 })]) {
        worker.use(http.get(`${API}/v1/public/compliance`, answer));
        const el = await fixture<LaporComplianceBoard>(html`<lapor-compliance-board api=${API} site-key=${SITE_KEY} period="2025-12"></lapor-compliance-board>`);
        await el.ready;
        await el.updateComplete;
        observe(el);
        resetClients();
      }
      expect([...(seenParts.get('lapor-compliance-board') ?? [])]).to.include.members(['table', 'chart', 'bar', 'unranked', 'error', 'button']);
    });
  });
});

describe('custom-elements.json matches the rendered elements', () => {
  const TAGS = ['lapor-widget', 'lapor-report-form', 'lapor-report-status', 'lapor-my-reports', 'lapor-sla-countdown', 'lapor-admin-queue', 'lapor-compliance-board'];

  it('rendered every element', () => {
    for (const tag of TAGS) expect(seenParts.get(tag)?.size ?? 0, `<${tag}> rendered parts`).to.be.greaterThan(0);
  });

  for (const tag of TAGS) {
    it(`<${tag}>: every part it rendered is in the manifest`, () => {
      const listed = new Set((documented.get(tag)?.cssParts ?? []).map((p) => p.name));
      const missing = [...(seenParts.get(tag) ?? [])].filter((part) => !listed.has(part));
      expect(missing, `parts <${tag}> renders that custom-elements.json does not list`).to.deep.equal([]);
    });

    it(`<${tag}>: the custom properties it reads are exactly the manifest's`, () => {
      const listed = (documented.get(tag)?.cssProperties ?? []).map((p) => p.name).sort();
      expect(listed).to.deep.equal([...propertiesReached(tag)].sort());
    });
  }
});
