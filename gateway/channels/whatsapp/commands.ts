/**
 * What a citizen types, read loosely: commands that work at any step ("batal", "cek …",
 * "EN"), tracking numbers and access codes as people type them (any case, spaces,
 * hyphens, with or without "LPR"), dates in Indonesian order, and yes/no words.
 */
import { TRACKING_ID_PATTERN, normalizeAccessCode } from '../../../src/contract/index.js';
import type { Lang } from './state.js';

/** Lowercase, accents off, punctuation to spaces, single spaces. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type Command =
  | { kind: 'cancel' }
  | { kind: 'help' }
  | { kind: 'lang'; lang: Lang }
  | { kind: 'check'; trackingId?: string; code?: string };

const CANCEL = new Set(['batal', 'batalkan', 'cancel', 'stop', 'berhenti']);
const HELP = new Set(['bantuan', 'help', 'menu', 'tolong', 'info']);
const LANGS: Record<string, Lang> = {
  en: 'en',
  english: 'en',
  inggris: 'en',
  'bahasa inggris': 'en',
  'in english': 'en',
  id: 'id',
  indonesia: 'id',
  'bahasa indonesia': 'id',
  indonesian: 'id',
  bahasa: 'id',
};
const CHECK = /^(?:cek|cek status|check|status|lacak|track)(?:\s+(.*))?$/s;

/** A command, or undefined for anything else (an answer to the step). */
export function commandOf(typed: string): Command | undefined {
  const words = fold(typed);
  if (CANCEL.has(words)) return { kind: 'cancel' };
  if (HELP.has(words)) return { kind: 'help' };
  const lang = LANGS[words];
  if (lang) return { kind: 'lang', lang };
  const check = CHECK.exec(words);
  if (check) return { kind: 'check', ...trackingAndCode(check[1] ?? '') };
  return undefined;
}

/**
 * "lpr 7k3m q9xd 7kq4m-9xdht", "LPR7K3MQ9XD", "7K3M-Q9XD": the tracking number (the
 * first 8 characters of its alphabet after an optional "LPR") and, after it, an access code.
 */
export function trackingAndCode(rest: string): { trackingId?: string; code?: string } {
  const compact = rest.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Typed with "LPR", the 8 characters must follow it (L, P and R are in the alphabet too).
  const m = (compact.startsWith('LPR') ? /^LPR([2-9A-HJ-NP-Z]{8})(.*)$/ : /^([2-9A-HJ-NP-Z]{8})(.*)$/).exec(compact);
  if (!m) return {};
  const trackingId = `LPR-${m[1]!.slice(0, 4)}-${m[1]!.slice(4)}`;
  if (!TRACKING_ID_PATTERN.test(trackingId)) return {};
  const code = m[2] ? normalizeAccessCode(m[2]) : '';
  return { trackingId, ...(code ? { code } : {}) };
}

const YES = new Set(['ya', 'y', 'iya', 'yes', 'ok', 'oke', 'benar', 'betul', 'setuju', 'boleh', 'kirim']);
const NO = new Set(['tidak', 'tdk', 'no', 'nggak', 'ga', 'gak', 'enggak', 'tidak usah', 'jangan', 'salah', 'bukan']);
const DONE = new Set(['lanjut', 'selesai', 'sudah', 'skip', 'lewati', 'next', 'done', 'tidak ada', 'tidak', 'no', 'gak ada', 'nggak ada', 'ga ada']);

export function isYes(typed: string): boolean {
  return YES.has(fold(typed));
}
export function isNo(typed: string): boolean {
  return NO.has(fold(typed));
}
/** "No more photos". */
export function isDone(typed: string): boolean {
  return DONE.has(fold(typed));
}

/**
 * A date as Indonesians write it: 20-11-2026, 20/11/26, 20.11.2026, 20-11 (this year),
 * or 2026-11-20. `today` is `YYYY-MM-DD` in WIB; returns `YYYY-MM-DD` or undefined for
 * anything that is not a real calendar date.
 */
export function parseDate(typed: string, today: string): string | undefined {
  const s = typed.trim();
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[-/. ](\d{1,2})(?:[-/. ](\d{2}|\d{4}))?$/.exec(s);
    if (!m) return undefined;
    [d, mo] = [Number(m[1]), Number(m[2])];
    y = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : Number(today.slice(0, 4));
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The number the citizen chose from a list by typing it ("2"), 0-based. */
export function typedIndex(typed: string, count: number): number | undefined {
  const m = /^\s*(\d{1,2})\s*\.?\s*$/.exec(typed);
  if (!m) return undefined;
  const n = Number(m[1]) - 1;
  return n >= 0 && n < count ? n : undefined;
}
