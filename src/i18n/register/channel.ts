/**
 * Side effect only: registers the Indonesian `channel` section (the channel a report came
 * in by: "WhatsApp", "Situs web"), for <lapor-admin-queue>'s rows and detail.
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { channel } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, channel);
