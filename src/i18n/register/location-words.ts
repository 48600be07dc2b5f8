/**
 * Side effect only: registers the Indonesian `locationWords` section, for "Gunakan lokasi saya"
 * in <lapor-report-form> (report-form/form-work.ts, fetched after first paint; issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { locationWords } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, locationWords);
