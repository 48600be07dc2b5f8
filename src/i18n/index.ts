export { msg, translator, registerCatalog, hasCatalog, DEFAULT_LANG } from './catalog.js';
export type { Catalog, MessageKey, MessageParams, Template, Translate } from './catalog.js';
export { loadLocale } from './load.js';
export { normalizeLang, langFromAcceptLanguage } from './lang.js';
