/**
 * Side effect only: registers the Indonesian `outboxWaiting` section, for <lapor-report-form>'s
 * "saved, not sent yet" screen (report-form/after-submit.ts; issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { outboxWaiting } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, outboxWaiting);
