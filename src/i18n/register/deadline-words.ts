/**
 * Side effect only: registers the Indonesian `deadlineWords` section, for the deadline words of the status view and the confirmation page (shared/deadline-words.ts, issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { deadlineWords } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, deadlineWords);
