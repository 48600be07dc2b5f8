/**
 * The locales we ship. Indonesian is always bundled; the others load on demand so a
 * citizen on 3G downloads only the language they read. Adding a locale: write
 * `xx.ts` beside `en.ts` and add one line to LOADERS.
 */
import type { Catalog } from '../catalog.js';

export const LOADERS: Record<string, () => Promise<{ default: Catalog }>> = {
  en: () => import('./en.js'),
};

export const SUPPORTED_LOCALES = ['id', ...Object.keys(LOADERS)] as const;
