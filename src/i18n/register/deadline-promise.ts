/**
 * Side effect only: registers the Indonesian `deadlinePromise` section, for <lapor-report-status>'s lead sentence and clock list (report-status/promise.ts, issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { deadlinePromise } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, deadlinePromise);
