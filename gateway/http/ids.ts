/**
 * Tracking ids in a path are checked for their shape first, before any rate-limit bucket
 * and before any query: a malformed id costs us a regular expression and nothing else.
 *
 * Before, "Lupa kode akses?" took a per-report bucket for whatever id it was given
 * (2,000 addresses sending 15 kB junk ids held 360 MB of buckets for 20 minutes), and
 * a NUL byte in an id reached PostgreSQL, which refuses it in a text parameter: a 500
 * with a stack trace (SQLite just found nothing). Now every such request is the same
 * 404 as an unknown report, on both databases, and leaves nothing behind.
 *
 * The id is accepted as people type it (issue 24, contract/tracking-id.ts): any case,
 * spaces, dashes, with or without LPR, percent-encoded. Anything else is refused,
 * whatever follows it.
 */
import type { MiddlewareHandler } from 'hono';
import { TRACKING_ID_PATTERN, normalizeTrackingId } from '../../src/contract/index.js';
import { reportNotFound } from './errors.js';
import type { Env } from './types.js';

/** Paths whose segment after these prefixes is a tracking id (citizen, admin, upstream, follow link). */
const ID_IN_PATH = /^\/(?:v1\/(?:admin\/(?:upstream\/)?)?reports|r)\/([^/]*)/;

/** A tracking id as typed, tidied (`lpr 7k3m q9xd` → `LPR-7K3M-Q9XD`), or undefined when it is not one. */
export function tidyTrackingId(raw: string): string | undefined {
  // Longer than any spelling of a valid id (with spaces and %-escapes): not decoded at all.
  if (raw.length > 64) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const id = normalizeTrackingId(decoded);
  return TRACKING_ID_PATTERN.test(id) ? id : undefined;
}

/** 404 (as for an unknown report) for a path whose tracking id is malformed. */
export const rejectMalformedIds: MiddlewareHandler<Env> = async (c, next) => {
  const m = ID_IN_PATH.exec(c.req.path);
  if (m && tidyTrackingId(m[1]!) === undefined) throw reportNotFound();
  await next();
};
