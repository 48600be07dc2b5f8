/** Small shared building blocks of the contract: ids, timestamps, safe text. */
import * as z from 'zod/mini';
import { ANY_ACCESS_CODE_PATTERN } from './access-code.js';
import { TRACKING_ID_PATTERN } from './tracking-id.js';

/** ISO 8601 instant with offset, as the gateway writes it (`2026-12-09T08:00:00.000Z`). */
export const Instant = z.iso.datetime({ offset: true });

/** Calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date();

/**
 * Tracking number in its stored form: `LPR-` and two groups of four from an alphabet
 * without 0/O and 1/I (see tracking-id.ts; callers tidy what a person typed with
 * `normalizeTrackingId` first).
 */
export const TrackingId = z.string().check(z.regex(TRACKING_ID_PATTERN));

/**
 * Access code: 10 Crockford base32 characters in their stored form (see access-code.ts;
 * callers tidy what a person typed with `normalizeAccessCode` first), or an older
 * base64url code of ≥ 128 bits. Only a keyed hash of it is stored.
 */
export const AccessToken = z.string().check(z.regex(ANY_ACCESS_CODE_PATTERN));

/** Opaque ids the gateway hands out (institutions, categories, locations, attachments). */
export const Id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._:-]+$/));

/** `Idempotency-Key` header value: 8–255 printable ASCII characters. */
export const IdempotencyKey = z.string().check(z.minLength(8), z.maxLength(255), z.regex(/^[\x21-\x7e]+$/));

/**
 * Characters that have no place in a report: NUL and other C0/C1 controls (tab and
 * newlines allowed), and bidi overrides/isolates that can make text read backwards
 * (the "RTL override" trick). Zero-width joiners stay: Indonesian text never needs
 * them, but emoji sequences do.
 */
export const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A 16-digit run is almost certainly a NIK (national ID number), which must stay out of free text. */
export const NIK_PATTERN = /(?<!\d)\d{16}(?!\d)/;

/** Free text shown to other people: trimmed, length-bounded, no control or bidi-override characters. */
export function text(min: number, max: number) {
  return z.string().check(
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
    z.refine((s) => !FORBIDDEN_TEXT.test(s), { message: 'invalid_characters', abort: true }),
  );
}

/** Free text that must also not carry a NIK. */
export function publicText(min: number, max: number) {
  return text(min, max).check(z.refine((s) => !NIK_PATTERN.test(s), { message: 'contains_nik' }));
}

/** A text in both languages (names of categories, institutions' kinds …). */
export const LocalizedText = z.object({ id: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;
