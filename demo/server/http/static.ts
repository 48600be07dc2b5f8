/**
 * Demo pages (demo/pages, at the root) and the built widget (dist/, at /dist/*).
 * Whatever exists is served; anything else is 404. HTML is revalidated on every load;
 * dist files get an ETag and a short max-age; dist/chunks/* (rollup puts a content hash
 * in every chunk name) are immutable for a year.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { STRICT_CSP, STRICT_CSP_PAGES } from './csp.js';
import type { Env } from './types.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** Resolve `rel` inside `root`, refusing anything that escapes it. */
function inside(root: string, rel: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

export async function serveFile(c: Context<Env>, root: string, rel: string, kind: 'page' | 'dist'): Promise<Response | undefined> {
  const file = inside(root, rel);
  if (!file) return undefined;
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return undefined;
  let info;
  try {
    info = await stat(file);
  } catch {
    return undefined;
  }
  if (!info.isFile()) return undefined;
  const etag = `W/"${createHash('sha1').update(`${info.size}:${info.mtimeMs}`).digest('base64url').slice(0, 16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control':
      kind === 'page'
        ? 'no-cache'
        : /^chunks\//.test(rel)
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
  };
  if (kind === 'dist') headers['Access-Control-Allow-Origin'] = '*';
  if (kind === 'page' && STRICT_CSP_PAGES.has(`/${rel}`)) headers['Content-Security-Policy'] = STRICT_CSP;
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(await readFile(file), 200, headers);
}
