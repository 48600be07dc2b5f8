import { LaporError, type LaporErrorInit } from './lapor-error.js';
import type { RequestInfo } from './request-info.js';

export interface ResponseIssue {
  /** Dotted path into the response body, e.g. `report.clocks.0.dueAt`; `''` for the whole body. */
  path: string;
  message: string;
}

/**
 * The gateway answered 2xx but not with what the contract promises (not JSON, or the
 * wrong shape). The SDK never hands such data on; `path` names the first bad field.
 */
export class LaporResponseError extends LaporError {
  readonly path: string;
  readonly issues: ResponseIssue[];
  readonly status: number;
  readonly request: RequestInfo;

  constructor(
    message: string,
    init: Omit<LaporErrorInit, 'code'> & { issues: ResponseIssue[]; status: number; request: RequestInfo },
  ) {
    super(message, { ...init, code: 'invalid_response' });
    this.name = 'LaporResponseError';
    this.issues = init.issues;
    this.path = init.issues[0]?.path ?? '';
    this.status = init.status;
    this.request = init.request;
  }
}
