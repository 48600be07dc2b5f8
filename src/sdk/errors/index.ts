export { LaporError, type LaporErrorInit } from './lapor-error.js';
export { LaporHttpError } from './http-error.js';
export { LaporValidationError } from './validation-error.js';
export { LaporNetworkError } from './network-error.js';
export { LaporTimeoutError } from './timeout-error.js';
export { LaporResponseError, type ResponseIssue } from './response-error.js';
export type { RequestInfo } from './request-info.js';
