/** The wire contract: zod/mini schemas and the types inferred from them. */
export * from './enums.js';
export * from './primitives.js';
export * from './access-code.js';
export * from './tracking-id.js';
export * from './limits.js';
export * from './sla.js';
export * from './reference.js';
export * from './location-at.js';
export * from './attachment.js';
export * from './report.js';
export * from './notify.js';
export * from './watch.js';
export * from './admin.js';
export * from './compliance.js';
export * from './error.js';
export * from './validate.js';
