/**
 * One validation path for the device and the gateway: parse with a contract schema and
 * turn zod's issues into `{path, code, message}` with the contract's field codes and a
 * message in the asked language that names the field.
 */
import * as z from 'zod/mini';
import type { MessageParams } from '../i18n/catalog.js';
import { FIELD_ERROR_CODES, type FieldError, type FieldErrorCode } from './error.js';
import { fieldErrorMessage } from './field-messages.js';

// The messages without zod live in field-messages.ts (the form needs them before zod arrives).
export { fieldErrorMessage, fieldLabel } from './field-messages.js';

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
