/**
 * Side effect only: registers the Indonesian `serviceHours` section, for <lapor-sla-countdown> (service-hours deadlines).
 * Imported by the modules that use it, so a bundle ships it only with them; listed in
 * package.json "sideEffects" so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { serviceHours } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, serviceHours);
