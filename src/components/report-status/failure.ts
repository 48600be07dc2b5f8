/**
 * What a failed request means for the citizen. 404, 401 and 403 collapse into one
 * `not-found`: the gateway answers 404 for a secret report without its code, and the UI
 * must not let anyone tell "no such report" from "wrong code" either.
 */
import type { FieldError } from '../../contract/index.js';
import { LaporHttpError, LaporValidationError } from '../../sdk/errors/index.js';

export type FailureKind = 'aborted' | 'not-found' | 'validation' | 'conflict' | 'network' | 'server';

export interface Failure {
  kind: FailureKind;
  fields?: FieldError[];
}

export function classifyFailure(error: unknown): Failure {
  if (error instanceof DOMException && error.name === 'AbortError') return { kind: 'aborted' };
  if (error instanceof LaporValidationError) return { kind: 'validation', fields: error.fields };
  if (error instanceof LaporHttpError) {
    if (error.status === 404 || error.status === 401 || error.status === 403) return { kind: 'not-found' };
    if (error.status === 409) return { kind: 'conflict' };
    return { kind: 'server' };
  }
  // Network, timeout, a malformed answer, or anything unexpected: worth retrying.
  return { kind: 'network' };
}
