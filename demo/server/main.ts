/**
 * `npm start`: the reference LAPOR! gateway with the demo pages and the built widget.
 * Prints its URLs (with the port actually bound, so PORT=0 works for tests) and the admin
 * tokens. Extra env beyond DESIGN.md: LAPOR_RATE_LIMIT (`off` | `capacity:perSecond`),
 * LAPOR_SCHEDULER_MS, LAPOR_HEARTBEAT_MS, LAPOR_UPSTREAM_INTERVAL_MS.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv } from './config.js';
import { createGateway, REPO_ROOT } from './gateway.js';

// A configuration mistake (a short admin token, bad JSON, an unknown institution) stops
// the start with one line saying what to fix, not a stack trace.
let config: ReturnType<typeof configFromEnv>;
let gateway: ReturnType<typeof createGateway>;
try {
  config = configFromEnv();
  gateway = createGateway(config);
} catch (err) {
  console.error(`LAPOR! gateway not started: ${(err as Error).message}`);
  process.exit(1);
}
const { url } = await gateway.listen(config.port, config.host);
const base = config.host === '127.0.0.1' ? url.replace('127.0.0.1', 'localhost') : url;

const lines = [
  `LAPOR! gateway listening on ${url}`,
  `  OPD site           ${base}/`,
  `  Smart Kampung      ${base}/smart-kampung.html`,
  `  strict CSP page    ${base}/csp-strict.html`,
  `  admin console      ${base}/admin.html  (sign in with an admin token below)`,
  `  API                ${base}/v1`,
  `  embed script       ${base}/dist/lapor-embed.js${existsSync(join(REPO_ROOT, 'dist', 'lapor-embed.js')) ? '' : '  (not built: run npm run build)'}`,
  `  health             ${base}/healthz`,
  `  site keys          ${Object.keys(config.siteKeys).join(', ')}`,
  `  admin token (all)  ${config.adminToken}${config.adminTokenGenerated ? '  (random; set LAPOR_ADMIN_TOKEN to fix it)' : ''}`,
  ...(config.adminTokens?.length
    ? [`  admin tokens       ${config.adminTokens.length} scoped (LAPOR_ADMIN_TOKENS)`]
    : gateway.demoAdminTokens.map((t) => `  admin token        ${t.token}  (${t.label}; demo, new at every start)`)),
  `  notifications      ${[...gateway.notifications.outbox.channels].join(', ') || 'off (set LAPOR_SMTP_URL + LAPOR_MAIL_FROM or LAPOR_WHATSAPP_*)'}`,
  `  upstream           ${config.upstream ? `${config.upstream.url}${config.upstream.map ? '' : '  (no LAPOR_UPSTREAM_MAP: reports are held until ids map)'}` : 'standalone (LAPOR_UPSTREAM_URL unset)'}`,
];
console.log(lines.join('\n'));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void gateway.close().then(() => process.exit(0));
  });
}
