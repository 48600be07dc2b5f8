/**
 * Side effect only: registers the Indonesian `afterSubmit` section, for <lapor-report-form>'s
 * screens after a submit (report-form/after-submit.ts, with the validation layer; issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { afterSubmit } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, afterSubmit);
