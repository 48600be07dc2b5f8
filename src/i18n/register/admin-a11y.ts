/**
 * Side effect only: registers the Indonesian `adminA11y` section, for <lapor-admin-queue>
 * (each row's accessible name, the warning list; issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { adminA11y } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, adminA11y);
