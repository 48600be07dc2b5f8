/**
 * The locales we ship. Indonesian is always bundled; the others load on demand so a
 * citizen on 3G downloads only the language they read. Adding a locale: write
 * `xx.ts` beside `en.ts` (the same named sections) and add one line to LOADERS.
 */
import type { LocaleModule } from '../catalog.js';

/** Each loader's module must export every section of id.ts (type-checked here). */
export const LOADERS: Record<string, () => Promise<LocaleModule>> = {
  en: () => import('./en.js'),
};

export const SUPPORTED_LOCALES = ['id', ...Object.keys(LOADERS)] as const;
