/**
 * The access code (kode akses) a citizen keeps on paper or reads over the phone: 10
 * random characters of Crockford base32 (no I, L, O, U), shown as `7KQ4M-9XDHT`. No zod
 * here: the form and the lookup show and tidy codes before the validation layer loads.
 * https://www.crockford.com/base32.html
 */

/** Crockford's base32 alphabet: 0–9 and A–Z without I, L, O and U. */
export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACCESS_CODE_LENGTH = 10;
/** A code in its stored form: 10 alphabet characters, upper case, no separators. */
export const ACCESS_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;
/**
 * Either form, as the wire contract accepts it: the short code above, or a code issued
 * before it (base64url of 256 random bits, 22–128 characters), which keeps working.
 */
export const ANY_ACCESS_CODE_PATTERN = /^(?:[0-9A-HJKMNP-TV-Z]{10}|[A-Za-z0-9_-]{22,128})$/;

/** What a person may type for each character: any case, and Crockford's look-alikes. */
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * A code as typed (any case, with spaces or hyphens, O for 0, I or L for 1) → its stored
 * form. Anything that is not a short code after that tidying is returned trimmed and
 * otherwise untouched: old codes are case-sensitive and may contain `-` and `_`.
 */
export function normalizeAccessCode(typed: string): string {
  const trimmed = typed.trim();
  const short = trimmed
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[OIL]/g, (c) => LOOK_ALIKES[c]!);
  return ACCESS_CODE_PATTERN.test(short) ? short : trimmed;
}

/** `7KQ4M9XDHT` → `7KQ4M-9XDHT` (two groups of five, easy to read out); old codes unchanged. */
export function formatAccessCode(code: string): string {
  const normalized = normalizeAccessCode(code);
  return ACCESS_CODE_PATTERN.test(normalized) ? `${normalized.slice(0, 5)}-${normalized.slice(5)}` : code;
}

/** True for a short code (as typed or stored); false for an old one or for anything else. */
export function isShortAccessCode(code: string): boolean {
  return ACCESS_CODE_PATTERN.test(normalizeAccessCode(code));
}
