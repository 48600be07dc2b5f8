/**
 * Side effect only: registers the Indonesian `hostIntegration` section, for
 * <lapor-report-form> (the message of a `lapor-error` that wraps an unexpected failure).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { hostIntegration } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, hostIntegration);
