/**
 * Loads non-default locales on demand. Indonesian is not loaded here: each module
 * registers the Indonesian sections it uses (`register/*.ts`), so a bundle carries only
 * the strings of the code it contains.
 */
import { DEFAULT_LANG, hasCatalog, registerLocale } from './catalog.js';
import { LOADERS } from './locales/index.js';
import { normalizeLang } from './lang.js';

const pending = new Map<string, Promise<void>>();

/**
 * Whether `msg` can speak `lang` now: a shipped locale once its catalog is in, a language
 * only the host page registered (registerTranslation) at once, as nothing more will come.
 */
export function isLocaleReady(lang: string): boolean {
  const code = normalizeLang(lang);
  return code === DEFAULT_LANG || hasCatalog(code) || !LOADERS[code];
}

/** Resolves once `lang` can be used with `msg`; unknown languages resolve at once (→ id). */
export function loadLocale(lang: string): Promise<void> {
  const code = normalizeLang(lang);
  if (code === DEFAULT_LANG || hasCatalog(code)) return Promise.resolve();
  const loader = LOADERS[code];
  if (!loader) return Promise.resolve();
  let job = pending.get(code);
  if (!job) {
    job = loader().then(
      (locale) => registerLocale(code, locale),
      (error: unknown) => {
        // A chunk download can fail on a bad connection: let the next call try again.
        pending.delete(code);
        throw error;
      },
    );
    pending.set(code, job);
  }
  return job;
}
