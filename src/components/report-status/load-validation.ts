/**
 * The status view's validation layer (validation.ts) arrives in a chunk of its own,
 * requested when the view first renders, as the form does with its own
 * (report-form/load-validation.ts). Callers await it; a failed download is forgotten, so
 * the next call fetches again.
 */
import { lazyModule } from '../shared/lazy-module.js';

const validation = lazyModule(() => import('./validation.js'));

/** Tests only: how the validation layer is imported (held back, failing); no argument restores it. */
export const setValidationImportForTests = validation.setImportForTests;
export const loadValidation = validation.load;
