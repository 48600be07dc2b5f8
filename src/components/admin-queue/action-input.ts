/**
 * An action form's fields → the transition the gateway expects, or which field is wrong.
 * The same limits as the contract (TransitionInput: a response 2–5000 characters, a
 * reason 2–500, required for archive, optional for hold), checked before sending so the
 * admin hears about it at the field.
 */
import type { TransitionInput } from '../../contract/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { AdminAction } from './actions.js';

export type FormOutcome =
  | { ok: true; input: TransitionInput }
  | { ok: false; error: MessageKey; /** the field to focus */ field: 'institution-search' | 'action-text' };

export interface FormFields {
  institutionId: string;
  text: string;
}

export function formInput(action: AdminAction, fields: FormFields): FormOutcome | undefined {
  const text = fields.text.trim();
  const short: FormOutcome = { ok: false, error: 'adminQueue.form.tooShort', field: 'action-text' };
  switch (action) {
    case 'forward':
      return fields.institutionId
        ? { ok: true, input: { action: 'forward', institutionId: fields.institutionId } }
        : { ok: false, error: 'adminQueue.form.institutionRequired', field: 'institution-search' };
    case 'respond':
      return text.length < 2 ? short : { ok: true, input: { action: 'respond', message: text } };
    case 'archive':
      return text.length < 2 ? short : { ok: true, input: { action: 'archive', reason: text } };
    case 'hold':
      if (!text) return { ok: true, input: { action: 'hold' } };
      return text.length < 2 ? short : { ok: true, input: { action: 'hold', reason: text } };
    default:
      return undefined;
  }
}
