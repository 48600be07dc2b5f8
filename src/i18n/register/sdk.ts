/**
 * Side effect only: registers the Indonesian `sdk` section, for the SDK and the contract's validation (field names, field errors, error messages).
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { sdk } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, sdk);
