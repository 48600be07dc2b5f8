/**
 * Turning one raw answer into data or a typed error: JSON parsing, the contract check
 * (bad data is never handed on), ETag reuse on 304, and the gateway's error body mapped
 * to a localized LaporError with every access code masked.
 */
import * as z from 'zod/mini';
import { ErrorBody, type FieldError } from '../contract/error.js';
import { fieldErrorMessage } from '../contract/field-messages.js';
import { FIELD_ERROR_CODES } from '../contract/vocabulary.js';
import { msg, type MessageKey } from '../i18n/catalog.js';
import { LaporHttpError, LaporResponseError, LaporValidationError, type RequestInfo } from './errors/index.js';
import { redact } from './redact.js';
import '../i18n/register/sdk.js';
import '../i18n/register/sdk-errors.js';

export interface SettleContext {
  lang: string;
  schema: z.ZodMiniType;
  request: RequestInfo;
  secrets: (string | undefined)[];
  cached: unknown;
  notFoundKey: MessageKey | undefined;
}

/** Codes for answers that came without an error body (a proxy's 502, say). */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

const UNFILLED = /\{\w+\}/;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * `Retry-After` as whole seconds from now (delta-seconds or an HTTP date), for the message
 * of a 429 that outlasted the retries; ky reads the same header for its own waiting.
 */
export function retryAfterSeconds(value: string | null, now = Date.now()): number {
  if (!value) return 0;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.ceil(ms / 1000));
}

/** One final answer (after ky's retries) → the validated data, or a typed error thrown. */
export function settle(status: number, headers: Headers, text: string, ctx: SettleContext): unknown {
  const { lang, request, secrets } = ctx;
  const parsed = parseJson(text);
  const requestId = headers.get('x-request-id') ?? undefined;

  if (status === 304 && ctx.cached !== undefined) return ctx.cached;

  if (status >= 200 && status < 300) {
    const fail = (issues: { path: string; message: string }[]) => {
      const where = issues[0]?.path;
      return new LaporResponseError(`${msg(lang, 'error.response')}${where ? ` (${where})` : ''}`, {
        issues,
        status,
        request,
        requestId,
      });
    };
    if (!parsed.ok) throw fail([{ path: '', message: 'not JSON' }]);
    const checked = z.safeParse(ctx.schema, parsed.value);
    if (!checked.success) {
      throw fail(checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    }
    return checked.data;
  }

  // An error answer. Keep the body for the developer, masked.
  const errorBody = parsed.ok ? z.safeParse(ErrorBody, parsed.value) : undefined;
  const error = errorBody?.success ? errorBody.data.error : undefined;
  const body = redact(error ? errorBody!.data : text || undefined, secrets);
  const code = error?.code ?? STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request');
  const rid = requestId ?? error?.requestId;

  if (status === 422 && error?.fields) {
    throw new LaporValidationError(msg(lang, 'error.validation_failed'), {
      code,
      fields: relocalize(error.fields, lang, secrets),
      status: 422,
      request,
      requestId: rid,
    });
  }

  const seconds = retryAfterSeconds(headers.get('retry-after'));
  const key = (status === 404 && ctx.notFoundKey) || (`error.${code}` as MessageKey);
  let message = msg(lang, key, seconds ? { n: seconds } : undefined);
  // No template for this code, or one that needs facts only the gateway has: use its
  // message (already in our Accept-Language), else the generic one.
  if (message === key || UNFILLED.test(message)) message = error?.message ?? msg(lang, 'error.http', { status });
  throw new LaporHttpError(redact(message, secrets), {
    code,
    status,
    body: body as ErrorBody | string | undefined,
    request,
    requestId: rid,
  });
}

/** The gateway's field messages, re-said in the client's language when the code is known. */
function relocalize(fields: FieldError[], lang: string, secrets: (string | undefined)[]): FieldError[] {
  return fields.map((f) => {
    const known = (FIELD_ERROR_CODES as readonly string[]).includes(f.code);
    const local = known ? fieldErrorMessage(lang, f.path, f.code) : undefined;
    const message = local && !UNFILLED.test(local) ? local : f.message;
    return redact({ path: f.path, code: f.code, message }, secrets);
  });
}
