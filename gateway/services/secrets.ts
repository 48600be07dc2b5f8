/** Random identifiers, access codes and the hashing/sealing around them. */
import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from './random-pool.js';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_LENGTH, ACCESS_CODE_PATTERN, TRACKING_ALPHABET, normalizeAccessCode } from '../../src/contract/index.js';

/** `LPR-XXXX-XXXX` from crypto randomness: 32^8 ≈ 1.1e12, not sequential, phone-safe alphabet. */
export function newTrackingId(): string {
  // The alphabet has exactly 32 letters, so 5 bits of a random byte pick one without bias.
  const bytes = randomBytes(8);
  let s = 'LPR-';
  for (let i = 0; i < 8; i++) {
    if (i === 4) s += '-';
    s += TRACKING_ALPHABET[bytes[i]! & 31];
  }
  return s;
}

/**
 * Access code: 10 Crockford base32 characters (50 random bits) that a person can write
 * down and read over the phone. Short on purpose; what keeps it safe is that it is stored
 * only as an HMAC with a server key that is not in the database, and that wrong guesses
 * are throttled per report and per client.
 */
export function newAccessCode(): string {
  // 32 letters: 5 bits of a random byte pick one without bias.
  return [...randomBytes(ACCESS_CODE_LENGTH)].map((b) => ACCESS_CODE_ALPHABET[b & 31]).join('');
}

/**
 * The server key for access-code hashes: LAPOR_SECRET, else a random key kept in the
 * data dir (created on first start, readable by the gateway's user only) so codes keep
 * working across restarts; without a data dir, a key for this process only.
 */
export function serverSecret(configured: string | undefined, dataDir: string | undefined): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another gateway process on the same data dir wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/**
 * What is stored for a code: HMAC-SHA256 under the server key for short codes (tidied as
 * typed: any case, spaces, hyphens, look-alikes); plain SHA-256 for codes issued before
 * the short format, which were stored that way and keep working.
 */
export function accessHash(code: string, key: Buffer): Buffer {
  const tidy = normalizeAccessCode(code);
  return ACCESS_CODE_PATTERN.test(tidy) ? createHmac('sha256', key).update(tidy).digest() : sha256(tidy);
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function sha256hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A hash to compare against when the row does not exist, so both paths cost the same. */
const DUMMY_HASH = sha256('no such report');

/** Constant-time check of a presented code against a stored hash (or none). */
export function codeMatches(presented: string | undefined, storedHash: Buffer | undefined, key: Buffer): boolean {
  const given = accessHash(presented ?? '', key);
  const stored = storedHash && storedHash.length === 32 ? storedHash : DUMMY_HASH;
  const equal = timingSafeEqual(given, stored);
  return equal && storedHash !== undefined && presented !== undefined;
}

export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/**
 * Seals a stored idempotent response with a key derived from the Idempotency-Key itself.
 * Replaying must return the original 201 body, which holds the access code; sealing it
 * means the database alone never reveals a code (the key lives only on the device).
 */
export function seal(idempotencyKey: string, siteKey: string, plaintext: string): string {
  const key = createHash('sha256').update(`seal\0${siteKey}\0${idempotencyKey}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(idempotencyKey: string, siteKey: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const key = createHash('sha256').update(`seal\0${siteKey}\0${idempotencyKey}`).digest();
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Row key of an idempotency record: the key itself is not stored either. */
export function idempotencyRowKey(siteKey: string, key: string): string {
  return sha256hex(`idem\0${siteKey}\0${key}`);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
