/**
 * One validation path for the device and the gateway: parse with a contract schema and
 * turn zod's issues into `{path, code, message}` with the contract's field codes and a
 * message in the asked language that names the field.
 */
import * as z from 'zod/mini';
import { msg, type MessageKey, type MessageParams } from '../i18n/catalog.js';
// The messages this file and the SDK build (field.*, fieldError.*, error.*).
import '../i18n/register/sdk.js';
import { FIELD_ERROR_CODES, type FieldError, type FieldErrorCode } from './error.js';

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; fields: FieldError[] };

type Issue = z.core.$ZodIssue;

function codeOf(issue: Issue): { code: FieldErrorCode; params: MessageParams } {
  switch (issue.code) {
    case 'invalid_type':
      return { code: issue.input === undefined || issue.input === null ? 'required' : 'invalid', params: {} };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return { code: issue.input === '' ? 'required' : 'too_short', params: { min } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'required', params: { min } };
      return { code: 'too_small', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max } };
    }
    case 'invalid_format':
      return { code: 'invalid_format', params: {} };
    case 'invalid_value':
      return { code: 'unknown_value', params: {} };
    case 'custom': {
      const named = (FIELD_ERROR_CODES as readonly string[]).includes(issue.message) ? issue.message : 'invalid';
      return { code: named as FieldErrorCode, params: {} };
    }
    default:
      return { code: 'invalid', params: {} };
  }
}

/** `location.text` → its label, else `location`'s, else a generic "Field". */
export function fieldLabel(lang: string, path: string): string {
  const probe = (key: string) => {
    const text = msg(lang, key as MessageKey);
    return text === key ? undefined : text;
  };
  const segments = path.split('.').filter((s) => !/^\d+$/.test(s));
  for (let i = segments.length; i > 0; i--) {
    const found = probe(`field.${segments.slice(0, i).join('.')}`);
    if (found) return found;
  }
  return msg(lang, 'field.unknown');
}

/** A localized message for one field error; also used to re-localize a server's 422. */
export function fieldErrorMessage(lang: string, path: string, code: string, params: MessageParams = {}): string {
  const key = `fieldError.${(FIELD_ERROR_CODES as readonly string[]).includes(code) ? code : 'invalid'}` as MessageKey;
  return msg(lang, key, { ...params, field: fieldLabel(lang, path) });
}

export function issuesToFieldErrors(issues: readonly Issue[], lang: string): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    // One error per field: the first is the most basic (type before length before content).
    if (seen.has(path)) continue;
    seen.add(path);
    const { code, params } = codeOf(issue);
    fields.push({ path, code, message: fieldErrorMessage(lang, path, code, params) });
  }
  return fields;
}

export function validate<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  lang = 'id',
): ValidationResult<z.output<S>> {
  // reportInput: codeOf() tells "required" from "invalid"/"too_short" by the issue's
  // input, which zod v4 leaves out unless asked.
  const result = z.safeParse(schema, input, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: issuesToFieldErrors(result.error.issues, lang) };
}
