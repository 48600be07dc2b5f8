/**
 * `If-None-Match` by weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. Needed
 * because compression (Hono's compress, compress-static.ts) turns a strong ETag weak on
 * the way out, and the client sends back what it received.
 */
import type { Context } from 'hono';

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

export function notModified(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const want = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === want);
}
