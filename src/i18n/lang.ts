/**
 * Which language to speak: the `lang` asked for if we have it, shipped or added by the
 * host page (registerTranslation), by primary subtag (`en-US` → `en`); else Indonesian.
 */
import { DEFAULT_LANG, isHostLanguage } from './catalog.js';
import { SUPPORTED_LOCALES } from './locales/index.js';

export function normalizeLang(lang: string | null | undefined): string {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (SUPPORTED_LOCALES as readonly string[]).includes(primary) || isHostLanguage(primary) ? primary : DEFAULT_LANG;
}

/** Parse an `Accept-Language` header and pick the best supported language. */
export function langFromAcceptLanguage(header: string | null | undefined): string {
  if (!header) return DEFAULT_LANG;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const primary = tag.toLowerCase().split('-')[0] ?? '';
    if ((SUPPORTED_LOCALES as readonly string[]).includes(primary)) return primary;
  }
  return DEFAULT_LANG;
}
