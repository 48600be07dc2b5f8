/**
 * The one error shape: `{ error: { code, message, requestId, fields? } }`, message in the
 * request's language. Routes throw ApiError; the app's onError turns it (and anything
 * unexpected, without its stack) into that body.
 */
import type { ErrorCode, FieldError } from '../../src/contract/index.js';
import { msg, type MessageKey, type MessageParams } from '../../src/i18n/index.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly options: {
      /** Defaults to `error.<code>`. */
      messageKey?: MessageKey;
      params?: MessageParams;
      fields?: FieldError[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

export function errorBody(err: ApiError, lang: string, requestId: string) {
  const key = err.options.messageKey ?? (`error.${err.code}` as MessageKey);
  return {
    error: {
      code: err.code,
      message: msg(lang, key, err.options.params),
      requestId,
      ...(err.options.fields ? { fields: err.options.fields } : {}),
    },
  };
}

/** A missing report, a wrong code and a secret report without a code all answer this. */
export const reportNotFound = () => new ApiError(404, 'not_found', { messageKey: 'error.report_not_found' });

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} kB`;
}
