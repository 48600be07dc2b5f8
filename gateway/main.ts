/**
 * `npm run start:gateway`: the gateway as an operator runs it in production. Never seeds
 * demo data: reference data comes from LAPOR_REFERENCE, admin tokens from
 * LAPOR_ADMIN_TOKEN(S), pages from gateway/pages (+ LAPOR_PAGES_DIR).
 */
import { runGateway } from './run.js';

await runGateway();
