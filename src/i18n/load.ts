/** Registers the default catalog at import time and loads the others on demand. */
import { DEFAULT_LANG, hasCatalog, registerCatalog, type Catalog } from './catalog.js';
import idCatalog from './locales/id.js';
import { LOADERS } from './locales/index.js';
import { normalizeLang } from './lang.js';

registerCatalog(DEFAULT_LANG, idCatalog as Catalog);

const pending = new Map<string, Promise<void>>();

/** Resolves once `lang` can be used with `msg`; unknown languages resolve at once (→ id). */
export function loadLocale(lang: string): Promise<void> {
  const code = normalizeLang(lang);
  if (hasCatalog(code)) return Promise.resolve();
  const loader = LOADERS[code];
  if (!loader) return Promise.resolve();
  let job = pending.get(code);
  if (!job) {
    job = loader().then((m) => registerCatalog(code, m.default));
    pending.set(code, job);
  }
  return job;
}
