/**
 * Side effect only: registers the Indonesian `launcherPending` section, for <lapor-widget> (the launcher's "belum terkirim", issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { launcherPending } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, launcherPending);
