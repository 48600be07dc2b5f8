/**
 * `npm start`: the gateway with the demo around it: Banyuwangi's reference data, the demo
 * pages (OPD site, Smart Kampung, strict CSP, follow link) and random demo admin tokens
 * printed at each start.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../gateway/paths.js';
import { runGateway } from '../gateway/run.js';
import { demoReference } from './seed.js';

await runGateway({
  extra: {
    demo: true,
    ...(process.env.LAPOR_REFERENCE ? {} : { reference: demoReference() }),
    pagesDirs: [...(process.env.LAPOR_PAGES_DIR ? [process.env.LAPOR_PAGES_DIR] : []), join(REPO_ROOT, 'demo', 'pages'), join(REPO_ROOT, 'gateway', 'pages')],
  },
  pages: (base) => [`  OPD site           ${base}/`, `  Smart Kampung      ${base}/smart-kampung.html`, `  strict CSP page    ${base}/csp-strict.html`],
});
