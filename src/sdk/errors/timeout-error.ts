import { LaporError, type LaporErrorInit } from './lapor-error.js';
import type { RequestInfo } from './request-info.js';

/** An attempt took longer than `timeoutMs` (and so did every retry). */
export class LaporTimeoutError extends LaporError {
  readonly request: RequestInfo;
  readonly timeoutMs: number;

  constructor(message: string, init: Omit<LaporErrorInit, 'code'> & { request: RequestInfo; timeoutMs: number }) {
    super(message, { ...init, code: 'timeout' });
    this.name = 'LaporTimeoutError';
    this.request = init.request;
    this.timeoutMs = init.timeoutMs;
  }
}
