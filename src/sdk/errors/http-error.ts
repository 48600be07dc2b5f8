import type { ErrorBody } from '../../contract/index.js';
import { LaporError, type LaporErrorInit } from './lapor-error.js';
import type { RequestInfo } from './request-info.js';

/** The gateway answered with a 4xx/5xx the SDK does not turn into something more specific. */
export class LaporHttpError extends LaporError {
  readonly status: number;
  /** The parsed error body (redacted), or the raw text when it was not JSON. */
  readonly body: ErrorBody | string | undefined;
  readonly request: RequestInfo;

  constructor(
    message: string,
    init: LaporErrorInit & { status: number; body: ErrorBody | string | undefined; request: RequestInfo },
  ) {
    super(message, init);
    this.name = 'LaporHttpError';
    this.status = init.status;
    this.body = init.body;
    this.request = init.request;
  }
}
