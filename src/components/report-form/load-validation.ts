/**
 * The validation layer arrives in a chunk of its own, requested right after the form
 * first renders (`loadValidation()` in firstUpdated), so it is normally in by the time the
 * citizen leaves the first field. `loadedValidation()` gives it synchronously once it is,
 * so blur validation then behaves exactly as when it was bundled; before that, callers
 * await it. A failed download is forgotten, so the next call fetches again.
 */
import { lazyModule } from '../shared/lazy-module.js';

const validation = lazyModule(() => import('./validation.js'));

/** Tests only: how the validation layer is imported (held back, failing); no argument restores it. */
export const setValidationImportForTests = validation.setImportForTests;
export const loadedValidation = validation.loaded;
export const loadValidation = validation.load;

/**
 * The screens once a report is sent (confirmation.ts), the same way: requested right after
 * the first render (beside the validation layer, but not needed to submit), given
 * synchronously once in, fetched again after a failed download.
 */
const confirmation = lazyModule(() => import('./confirmation.js'));
export const loadedConfirmation = confirmation.loaded;
export const loadConfirmation = confirmation.load;
