/**
 * The loader under `require-trusted-types-for 'script'` (its own page: wtr runs each test
 * file in a fresh page). Assigning a plain string to script.src would throw here, so the
 * bundle can only be injected through the loader's `lapor-embed` policy.
 */
import { expect } from '@open-wc/testing';

const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content = "require-trusted-types-for 'script'; trusted-types lapor-embed lit-html test-paste";
document.head.append(meta);

type Policy = { createScriptURL(url: string): string };
type TT = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): Policy };
const tt = (window as unknown as { trustedTypes: TT }).trustedTypes;
const testPolicy = tt.createPolicy('test-paste', { createScriptURL: (url) => url });

const LOADER = new URL('./fixtures/lapor-embed.ts', import.meta.url).href;
const BUNDLE = new URL('./fixtures/lapor-widget.js', import.meta.url).href;

describe('embed loader under Trusted Types', () => {
  const violations: SecurityPolicyViolationEvent[] = [];
  before(() => document.addEventListener('securitypolicyviolation', (e) => violations.push(e)));

  it('enforces Trusted Types on this page (the test can fail)', () => {
    const script = document.createElement('script');
    expect(() => {
      script.src = BUNDLE;
    }).to.throw(TypeError);
  });

  it('injects the bundle through its own policy, with no violation', async () => {
    // Violation events are dispatched later: let the first test's one arrive, then forget it.
    await new Promise((r) => setTimeout(r, 50));
    violations.length = 0;
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.dataset.load = 'eager';
      script.src = testPolicy.createScriptURL(LOADER);
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('loader failed'));
      document.head.append(script);
    });
    const injected = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].filter((s) => s.src === BUNDLE);
    expect(injected).to.have.length(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(violations.map((v) => v.violatedDirective)).to.deep.equal([]);
    // The policy name is taken: the loader really created `lapor-embed`.
    expect(() => tt.createPolicy('lapor-embed', { createScriptURL: (u) => u })).to.throw();
  });
});
