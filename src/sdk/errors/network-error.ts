import { LaporError, type LaporErrorInit } from './lapor-error.js';
import type { RequestInfo } from './request-info.js';

/** No answer at all (offline, DNS, CORS, connection reset), after every retry. */
export class LaporNetworkError extends LaporError {
  readonly request: RequestInfo;

  constructor(message: string, init: Omit<LaporErrorInit, 'code'> & { request: RequestInfo }) {
    super(message, { ...init, code: 'network' });
    this.name = 'LaporNetworkError';
    this.request = init.request;
  }
}
