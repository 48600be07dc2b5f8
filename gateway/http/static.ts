/**
 * Pages (the page folders, at the root) and the built widget (dist/, at /dist/*).
 * Whatever exists is served; anything else is 404. HTML is revalidated on every load and
 * sent with the page headers of csp.ts (CSP, no framing, no referrer); dist entry files
 * get an ETag and a short max-age, then revalidate; dist/chunks/* whose name carries
 * rollup's content hash are immutable for a year. Text goes out brotli- or
 * gzip-compressed when the client accepts it (compress-static.ts).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import type { Context } from 'hono';
import { chooseEncoding, compressed } from './compress-static.js';
import { notModified } from './conditional.js';
import { pageHeaders } from './csp.js';
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

/** `chunks/report-status-C2z00P00.js`: rollup's chunkFileNames `chunks/[name]-[hash].js`. */
const HASHED_CHUNK = /^chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.js$/;

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

/** Page templates (filled in by a route, e.g. the follow page) are never served as files. */
const TEMPLATE = /\.template\.html$/i;

export async function serveFile(c: Context<Env>, root: string, rel: string, kind: 'page' | 'dist'): Promise<Response | undefined> {
  const file = inside(root, rel);
  if (!file || TEMPLATE.test(file)) return undefined;
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
  const encoding = chooseEncoding(c, info.size, type);
  const headers: Record<string, string> = {
    'Content-Type': type,
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': kind === 'page' ? 'no-cache' : HASHED_CHUNK.test(rel) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    Vary: 'Accept-Encoding',
  };
  if (kind === 'dist') headers['Access-Control-Allow-Origin'] = '*';
  // The policy follows the file, whatever spelling of its URL found it (`//admin.html`).
  if (kind === 'page' && type.startsWith('text/html')) Object.assign(headers, pageHeaders(`/${relative(root, file).split(sep).join('/')}`));
  if (notModified(c, etag)) return c.body(null, 304, headers);
  const body = await readFile(file);
  if (!encoding) return c.body(new Uint8Array(body), 200, headers);
  headers['Content-Encoding'] = encoding;
  return c.body(new Uint8Array(await compressed(file, etag, body, encoding)), 200, headers);
}
