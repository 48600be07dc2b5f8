/**
 * `npm start`: the gateway with the demo around it: Banyuwangi's reference data, the demo
 * pages (OPD site, Smart Kampung, strict CSP, follow link) and random demo admin tokens
 * printed at each start.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../gateway/paths.js';
import { runGateway } from '../gateway/run.js';
import { demoReference } from './seed.js';
import { seedHistory } from './seed-history.js';

const gateway = await runGateway({
  extra: {
    demo: true,
    ...(process.env.LAPOR_REFERENCE ? {} : { reference: demoReference() }),
    pagesDirs: [...(process.env.LAPOR_PAGES_DIR ? [process.env.LAPOR_PAGES_DIR] : []), join(REPO_ROOT, 'demo', 'pages'), join(REPO_ROOT, 'gateway', 'pages')],
  },
  pages: (base) => [`  OPD site           ${base}/`, `  Smart Kampung      ${base}/smart-kampung.html`, `  strict CSP page    ${base}/csp-strict.html`],
});

// Issue 28: a fresh demo database gets two months of sample complaints, so the public SOP
// board (/kinerja.html, and on the OPD and Smart Kampung pages) has figures to show.
if (process.env.LAPOR_DEMO_HISTORY !== 'off') {
  const written = await seedHistory(gateway);
  if (written) console.log(`  demo history       ${written} sample complaints over the last 60 days (LAPOR_DEMO_HISTORY=off: none)`);
}
