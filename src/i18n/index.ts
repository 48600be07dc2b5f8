export { msg, translator, registerCatalog, registerLocale, hasCatalog, DEFAULT_LANG } from './catalog.js';
export type { Catalog, CatalogPart, LocaleModule, MessageKey, MessageParams, Section, SectionName, Template, Translate } from './catalog.js';
export { loadLocale } from './load.js';
export { normalizeLang, langFromAcceptLanguage } from './lang.js';
