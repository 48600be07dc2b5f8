/**
 * Starts a gateway process from the environment and prints what it serves (with the port
 * actually bound, so PORT=0 works for tests). Shared by the production entry
 * (gateway/main.ts) and the demo (demo/start.ts), which differ only in `extra`.
 * Extra env beyond DESIGN.md: LAPOR_RATE_LIMIT (`off` | `capacity:perSecond`),
 * LAPOR_SCHEDULER_MS, LAPOR_HEARTBEAT_MS, LAPOR_UPSTREAM_INTERVAL_MS, LAPOR_REFERENCE,
 * LAPOR_PAGES_DIR.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv, type ServerConfig } from './config.js';
import { createGateway, REPO_ROOT, type Gateway } from './gateway.js';
import { withoutPassword } from './db/url.js';
import { tokenFingerprint } from './services/admin.js';
import type { GatewayOptions } from './options.js';
import { upstreamBanner } from './upstream/banner.js';

export interface RunOptions {
  /** Options laid over the environment's (the demo's reference data, pages, tokens). */
  extra?: Partial<GatewayOptions>;
  /** Lines about the pages this process serves, printed after the first. */
  pages?: (base: string) => string[];
}

export async function runGateway({ extra = {}, pages = () => [] }: RunOptions = {}): Promise<Gateway> {
  // A configuration mistake (a short admin token, bad JSON, an unknown institution) stops
  // the start with one line saying what to fix, not a stack trace.
  let config: ServerConfig;
  let gateway: Gateway;
  try {
    config = { ...configFromEnv(), ...extra };
    gateway = await createGateway(config);
  } catch (err) {
    console.error(`LAPOR! gateway not started: ${(err as Error).message}`);
    process.exit(1);
  }
  const { url } = await gateway.listen(config.port, config.host);
  const base = config.host === '127.0.0.1' ? url.replace('127.0.0.1', 'localhost') : url;
  const institutions = gateway.services.store.institutions.size;

  const lines = [
    `LAPOR! gateway listening on ${url}`,
    ...pages(base),
    `  admin console      ${base}/admin.html  (sign in with an admin token below)`,
    `  API                ${base}/v1`,
    `  embed script       ${base}/dist/lapor-embed.js${existsSync(join(REPO_ROOT, 'dist', 'lapor-embed.js')) ? '' : '  (not built: run npm run build)'}`,
    `  health             ${base}/healthz`,
    `  database           ${config.databaseUrl ? `PostgreSQL ${withoutPassword(config.databaseUrl)} (several processes may share it)` : `SQLite ${config.dbPath}`}`,
    `  reference data     ${institutions ? `${institutions} institutions` : 'none: set LAPOR_REFERENCE=<file.json> (shape: demo/seed-data.json)'}`,
    `  site keys          ${Object.keys(config.siteKeys).join(', ')}`,
    // An operator's token is never printed (banners end up in journald and docker logs): its fingerprint is.
    `  admin token (all)  ${config.adminTokenGenerated ? `${config.adminToken}  (random; set LAPOR_ADMIN_TOKEN to fix it)` : `set by LAPOR_ADMIN_TOKEN, ${tokenFingerprint(config.adminToken)}`}`,
    ...(config.adminTokens?.length
      ? [`  admin tokens       ${config.adminTokens.length} scoped (LAPOR_ADMIN_TOKENS)`]
      : gateway.demoAdminTokens.map((t) => `  admin token        ${t.token}  (${t.label}; demo, new at every start)`)),
    `  notifications      ${[...gateway.notifications.outbox.channels].join(', ') || 'off (set LAPOR_SMTP_URL + LAPOR_MAIL_FROM or LAPOR_WHATSAPP_*)'}`,
    `  whatsapp intake    ${gateway.whatsapp ? `${base}/v1/channels/whatsapp/webhook  (Meta's callback URL)` : 'off (set LAPOR_WHATSAPP_APP_SECRET + LAPOR_WHATSAPP_VERIFY_TOKEN)'}`,
    // LAPOR!: where, how the key is sent, and loudly if LAPOR! refused the credentials (issue 22).
    ...(await upstreamBanner(config.upstream, gateway.forwarder)),
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
  return gateway;
}
