/** The one error shape every route answers with: `{ error: { code, message, fields? } }`. */
import * as z from 'zod/mini';

export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_conflict',
  'idempotency_key_required',
  'illegal_transition',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'site_key_invalid',
  'origin_not_allowed',
  'ticket_expired',
  'upstream_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// Codes a single field can fail with: in vocabulary.ts, so field messages need no zod.
export { FIELD_ERROR_CODES, type FieldErrorCode } from './vocabulary.js';

export const FieldError = z.object({
  /** Dotted path into the request body, e.g. `location.text`, `attachmentIds.5`. */
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ErrorBody = z.object({
  error: z.object({
    /** Known codes are listed in ERROR_CODES; unknown ones are kept, not rejected. */
    code: z.string(),
    message: z.string(),
    requestId: z.optional(z.string()),
    fields: z.optional(z.array(FieldError)),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
