/**
 * Renders markup with @lit-labs/ssr in Node and prints the HTML (declarative shadow DOM).
 * web-test-runner.config.mjs serves it at `/__ssr?html=…` for test/ssr/hydrate.test.ts,
 * so the browser hydrates what the server of today renders, never a stale fixture.
 *   node --import tsx test/ssr/render-server.ts '<lapor-sla-countdown due="…"></lapor-sla-countdown>'
 */
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { unsafeStatic, html } from 'lit/static-html.js';
import '../../src/define.js';
import '../../src/components/admin-queue/admin-queue.js';

const markup = process.argv[2] ?? '';
process.stdout.write(collectResultSync(render(html`${unsafeStatic(markup)}`)));
