/**
 * The tracking number (nomor pelacakan) a citizen keeps on paper, reads over the phone or
 * types from a WhatsApp message: `LPR-` and two groups of four from an alphabet without
 * 0/O and 1/I. People type it every way ("lpr nmy4 63jy", "lprnmy463jy", "NMY4-63JY"), so
 * every place that reads one tidies it first, as the access code is tidied. No zod here:
 * the lookup form and the gateway's routes use it before any schema runs.
 *
 * Look-alikes: the access code maps O → 0 and I/L → 1 because its alphabet keeps 0 and 1.
 * This alphabet drops both members of each pair (0 and O, 1 and I), so there is nothing
 * to map a typed 0, O, 1 or I to: such a number is refused, and the message says which
 * characters never occur.
 */

/** 2–9 and A–Z without I and O: nothing that reads as another character over the phone. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A tracking number in its stored form. */
export const TRACKING_ID_PATTERN = /^LPR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
const CORE = /^[2-9A-HJ-NP-Z]{8}$/;
const PREFIX = 'LPR';

/**
 * A tracking number as typed (any case; spaces, hyphens, dots; with or without `LPR`) →
 * its stored form `LPR-7K3M-Q9XD`. Anything that is not one after that tidying comes back
 * trimmed and in capitals, so it fails validation (or finds nothing) as before.
 */
export function normalizeTrackingId(typed: string): string {
  // Only what people put between groups goes: white space, dots, hyphens and dashes. Any
  // other character (a NUL byte, a slash, a letter from another script) keeps it from
  // being an id, so junk is refused, never tidied into someone's report number.
  const squashed = typed.toUpperCase().replace(/[\s.\-\u2010-\u2015]/g, '');
  // "LPR" is also three letters of the alphabet: taken as the prefix only when 8 follow.
  const core = squashed.length === PREFIX.length + 8 && squashed.startsWith(PREFIX) ? squashed.slice(PREFIX.length) : squashed;
  return CORE.test(core) ? `${PREFIX}-${core.slice(0, 4)}-${core.slice(4)}` : typed.trim().toUpperCase();
}

/**
 * How a tracking number is shown to a citizen: three groups with spaces, `LPR 7K3M Q9XD`,
 * easy to read out and to copy by eye. Every form of it is accepted back.
 */
export function formatTrackingId(id: string): string {
  const normalized = normalizeTrackingId(id);
  return TRACKING_ID_PATTERN.test(normalized) ? normalized.replaceAll('-', ' ') : id;
}
