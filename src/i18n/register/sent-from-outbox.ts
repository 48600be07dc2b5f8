/**
 * Side effect only: registers the Indonesian `sentFromOutbox` section, for <lapor-my-reports>
 * (a report sent from the outbox, issue 24).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { sentFromOutbox } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, sentFromOutbox);
