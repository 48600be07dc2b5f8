/**
 * Side effect only: registers the Indonesian `myReports` section, for <lapor-my-reports>.
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { myReports } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, myReports);
