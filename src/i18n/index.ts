export { msg, translator, registerCatalog, registerLocale, registerTranslation, hasCatalog, DEFAULT_LANG } from './catalog.js';
export type { Translation, Catalog, CatalogPart, LocaleModule, MessageKey, MessageParams, Section, SectionName, Template, Translate } from './catalog.js';
export { loadLocale, isLocaleReady } from './load.js';
export { normalizeLang, langFromAcceptLanguage } from './lang.js';
