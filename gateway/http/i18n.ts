/**
 * The browser loads non-default locales on demand and Indonesian section by section; the
 * gateway answers in every language at once, so it registers every section of every
 * catalog synchronously at import time.
 */
import { registerLocale } from '../../src/i18n/index.js';
import * as en from '../../src/i18n/locales/en.js';
import * as id from '../../src/i18n/locales/id.js';

registerLocale('id', id);
registerLocale('en', en);
