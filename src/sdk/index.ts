/** `lapor-widget/sdk`: the typed client, its errors and the contract types. No Lit. */
export { createLaporClient } from './client.js';
export type * from './types.js';
export * from './errors/index.js';
export * from '../contract/index.js';
