/**
 * Site keys and CORS. A site key names the pages (origins) that may call the gateway and
 * sets the report channel. Cross-origin calls get CORS headers only for the origins of
 * their site key; same-origin calls (no Origin, or our own) need no CORS at all.
 */
import type { Context } from 'hono';
import type { SiteKeyConfig } from '../options.js';
import type { Env } from './types.js';

export const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Authorization, X-Lapor-Site-Key, Last-Event-ID, If-None-Match, Accept-Language';
export const EXPOSE_HEADERS = 'X-Request-Id, ETag, Retry-After, Date';
export const ALLOW_METHODS = 'GET, POST, OPTIONS';

/** `http://localhost:*` matches any port; `*` matches everything; otherwise exact. */
export function originMatches(patterns: readonly string[], origin: string): boolean {
  for (const p of patterns) {
    if (p === '*' || p === origin) return true;
    if (p.endsWith(':*')) {
      const base = p.slice(0, -2);
      if (origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)))) return true;
    }
  }
  return false;
}

/** The admin API (LAPOR_ADMIN_ORIGINS decides its CORS, not the site keys). */
export const isAdminPath = (path: string) => path === '/v1/admin' || path.startsWith('/v1/admin/');

/**
 * `LAPOR_ADMIN_ORIGINS`: origins (the site keys' pattern syntax, comma-separated) whose
 * pages may call the admin API from a browser, e.g. an OPD intranet page carrying
 * `<lapor-admin-queue>`. Unset: none (same-origin only).
 */
export function parseAdminOrigins(value: string | undefined): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    if (o === '*') throw new Error('LAPOR_ADMIN_ORIGINS: "*" would let any site drive the admin API; list the intranet origins');
    if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(`LAPOR_ADMIN_ORIGINS: "${o}" is not an origin (scheme://host[:port], no path)`);
  }
  return origins;
}

export function allowedByAnyKey(siteKeys: Record<string, SiteKeyConfig>, origin: string): boolean {
  return Object.values(siteKeys).some((k) => originMatches(k.origins, origin));
}

/** The Origin header if it is not our own origin (then CORS applies), else undefined. */
export function crossOriginOf(c: Context<Env>): string | undefined {
  const origin = c.req.header('origin');
  if (!origin) return undefined;
  const host = c.req.header('host');
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return undefined;
  return origin;
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    Vary: 'Origin',
  };
}

export function preflightHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
    Vary: 'Origin, Access-Control-Request-Headers',
  };
}
