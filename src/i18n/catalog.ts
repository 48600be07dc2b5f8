/**
 * The translation layer. A catalog is a flat map of keys to templates; `{name}` is
 * replaced by a parameter, and a template given as plural forms is chosen with
 * `Intl.PluralRules` on the `n` parameter (Indonesian has one form, English two).
 * Adding a locale is one file under `locales/` plus one line in `locales/index.ts`.
 * Indonesian arrives in sections, each registered by the module that needs it
 * (`register/*.ts`); other locales are registered whole when loaded.
 */
import type * as id from './locales/id.js';

/** The Indonesian file's sections (`common`, `sdk`, one per component). */
type IdSections = typeof id;
export type SectionName = keyof IdSections;
/** Every key of every section: keys are flat, sections only decide what ships where. */
export type MessageKey = { [S in SectionName]: keyof IdSections[S] & string }[SectionName];
export type PluralTemplate = { one?: string; other: string };
export type Template = string | PluralTemplate;
/** One section of a locale: every key of its Indonesian twin, and no other. */
export type Section<S extends SectionName> = { [K in keyof IdSections[S]]: Template };
/** A locale file: every section (so every key the default catalog has). */
export type LocaleModule = { [S in SectionName]: Section<S> };
/** Every locale must translate every key the default (Indonesian) catalog has. */
export type Catalog = Record<MessageKey, Template>;
/** What a register call adds: one or more sections. */
export type CatalogPart = Partial<Record<MessageKey, Template>>;
export type MessageParams = Record<string, string | number>;

export const DEFAULT_LANG = 'id';
const catalogs = new Map<string, CatalogPart>();
const pluralRules = new Map<string, Intl.PluralRules>();
/** The host page's own words (registerTranslation): they win over ours, whenever ours load. */
const hostStrings = new Map<string, CatalogPart>();
const hostListeners = new Set<() => void>();

/**
 * A host's strings for one language, as Shoelace's and Web Awesome's `registerTranslation`
 * takes them: `$code` (`id`, `en`, or a language of your own such as `jv`) and any message
 * keys, each a string with `{name}` placeholders or plural forms `{ one, other }`.
 */
export type Translation = { $code: string } & { [K in MessageKey]?: Template };

/** `en-US` → `en`: languages are matched by their primary subtag. */
const primaryOf = (code: string) => code.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * Change our words or add a language. Strings given here win over the shipped ones (also
 * over those that arrive later with a lazily loaded part); keys left out keep ours, and a
 * language of your own falls back to Indonesian for them. Every connected element
 * re-renders. Call it as often as you like: later calls add to and override earlier ones.
 *
 * ```ts
 * registerTranslation({ $code: 'id', 'form.submit': 'Kirim aduan' });
 * registerTranslation({ $code: 'jv', 'widget.launcher': 'Lapor' });
 * ```
 */
export function registerTranslation(...translations: Translation[]): void {
  for (const { $code, ...strings } of translations) {
    const code = primaryOf(String($code ?? ''));
    if (!code) continue;
    hostStrings.set(code, { ...hostStrings.get(code), ...(strings as CatalogPart) });
  }
  for (const listener of hostListeners) listener();
}

/** A language a host registered with registerTranslation (primary subtag). */
export function isHostLanguage(code: string): boolean {
  return hostStrings.has(primaryOf(code));
}

/** Called after each registerTranslation (elements re-render). Returns the unsubscribe. */
export function onTranslationsChange(listener: () => void): () => void {
  hostListeners.add(listener);
  return () => hostListeners.delete(listener);
}

/** Adds sections to `lang` (merging: each module registers the sections it uses). */
export function registerCatalog(lang: string, catalog: CatalogPart): void {
  catalogs.set(lang, { ...catalogs.get(lang), ...catalog });
}

/** Registers every section of a locale file (a module namespace). */
export function registerLocale(lang: string, locale: Partial<LocaleModule>): void {
  for (const section of Object.values(locale)) registerCatalog(lang, section as CatalogPart);
}

export function hasCatalog(lang: string): boolean {
  return catalogs.has(lang);
}

function pluralFor(lang: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n);
}

/**
 * The message for `key` in `lang`, falling back to Indonesian and finally to the key
 * itself (so a missing string is visible in tests rather than blank in production).
 */
export function msg(lang: string, key: MessageKey, params?: MessageParams): string {
  const template = hostStrings.get(lang)?.[key] ?? catalogs.get(lang)?.[key] ?? hostStrings.get(DEFAULT_LANG)?.[key] ?? catalogs.get(DEFAULT_LANG)?.[key];
  if (template === undefined) return key;
  let text: string;
  if (typeof template === 'string') {
    text = template;
  } else {
    const n = Number(params?.n ?? 0);
    const form = pluralFor(lang, n);
    text = (form === 'one' ? template.one : undefined) ?? template.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A `msg` bound to one language, the shape most callers want. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export function translator(lang: string): Translate {
  return (key, params) => msg(lang, key, params);
}
