/**
 * Field names and field-error messages in the asked language: i18n only, no zod. The
 * form shows them before the network/validation layer has loaded; validate.ts builds
 * its messages with the same functions.
 */
import { msg, type MessageKey, type MessageParams } from '../i18n/catalog.js';
// The messages this file and the SDK build (field.*, fieldError.*, error.*).
import '../i18n/register/sdk.js';
import { FIELD_ERROR_CODES } from './vocabulary.js';

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
