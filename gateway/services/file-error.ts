/** Refusals of an uploaded file: localized, and naming the multipart field `file`. */
import { msg, type MessageKey, type MessageParams } from '../../src/i18n/index.js';
import { ApiError } from '../http/errors.js';

/** An error about the multipart field `file`, named in the message and in `fields`. */
export function fileError(status: 413 | 415, key: MessageKey, params: MessageParams, lang: string): ApiError {
  return new ApiError(status, status === 413 ? 'payload_too_large' : 'unsupported_media_type', {
    messageKey: key,
    params,
    fields: [{ path: 'file', code: status === 413 ? 'too_big' : 'invalid_format', message: msg(lang, key, params) }],
  });
}
