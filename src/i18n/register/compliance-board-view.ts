/**
 * Side effect only: registers the Indonesian `complianceBoardView` section, for the tables
 * and chart of <lapor-compliance-board> (loaded with its first figures).
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { complianceBoardView } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, complianceBoardView);
