/**
 * Side effect only: registers the Indonesian `complianceBoard` section, for <lapor-compliance-board>.
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { complianceBoard } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, complianceBoard);
