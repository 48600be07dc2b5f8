/**
 * Side effect only: registers the Indonesian `widget` section, for <lapor-widget>.
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { widget } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, widget);
