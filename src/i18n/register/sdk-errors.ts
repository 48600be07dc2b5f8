/**
 * Side effect only: registers the Indonesian `sdkErrors` section, the gateway's and the
 * SDK's error messages other than those the first download shows itself (see `sdk`).
 * Imported by the SDK's network layer (and the views that name its errors), so the words
 * travel with the code that can meet them; listed in package.json "sideEffects" so that
 * no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { sdkErrors } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, sdkErrors);
