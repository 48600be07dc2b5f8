/** `lapor-widget/sdk`: the typed client, its errors and the contract types. No Lit. */
export { createLaporClient } from './client.js';
export type * from './types.js';
export * from './errors/index.js';
// The host's own words (error messages here; every element's strings too): no Lit in it.
export { registerTranslation, type Translation } from '../i18n/catalog.js';
// The wire contract as the citizen's side sees it: every module of contract/index.ts
// except admin.ts (the OPD admin API, which this client never calls; its schemas stay
// in the gateway and the OpenAPI document, not in a browser bundle).
export * from '../contract/enums.js';
export * from '../contract/primitives.js';
// Tracking numbers as people type them, and as they are shown (issue 24).
export * from '../contract/tracking-id.js';
export * from '../contract/limits.js';
export * from '../contract/sla.js';
export * from '../contract/reference.js';
export * from '../contract/attachment.js';
export * from '../contract/report.js';
export * from '../contract/watch.js';
// The public SOP figures' types (GET /v1/public/compliance, <lapor-compliance-board>); their
// schema stays with the board, which loads it with its first request.
export type { PublicCompliance, PublicComplianceQuery, PublicComplianceUnit, PublicComplianceGroup } from '../contract/compliance.js';
export * from '../contract/error.js';
export * from '../contract/validate.js';
