/**
 * The browser loads non-default locales on demand; the gateway answers in every language
 * at once, so it registers all catalogs synchronously at import time.
 */
import { registerCatalog, type Catalog } from '../../../src/i18n/index.js';
import en from '../../../src/i18n/locales/en.js';

registerCatalog('en', en as Catalog);
