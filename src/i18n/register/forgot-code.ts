/**
 * Side effect only: registers the Indonesian `forgotCode` section, for "Lupa kode akses?"
 * in <lapor-report-status> (report-status/forgot-form.ts, loaded when it is opened).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { forgotCode } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, forgotCode);
