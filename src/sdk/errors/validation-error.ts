import type { FieldError } from '../../contract/index.js';
import { LaporError, type LaporErrorInit } from './lapor-error.js';
import type { RequestInfo } from './request-info.js';

/**
 * Input was refused, field by field: either checked on the device before any request
 * (`status` undefined), or a gateway 422 (`status` 422). `fields[].message` is in the
 * client's language and names the field.
 */
export class LaporValidationError extends LaporError {
  readonly fields: FieldError[];
  readonly status: number | undefined;
  readonly request: RequestInfo | undefined;

  constructor(message: string, init: Partial<LaporErrorInit> & { fields: FieldError[]; status?: number; request?: RequestInfo }) {
    super(message, { ...init, code: init.code ?? 'validation_failed' });
    this.name = 'LaporValidationError';
    this.fields = init.fields;
    this.status = init.status;
    this.request = init.request;
  }
}
