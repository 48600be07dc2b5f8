/**
 * Side effect only: registers the Indonesian `formPhone` section, for <lapor-report-form> (a form a phone can finish, issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { formPhone } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, formPhone);
