/**
 * Brotli or gzip for static text files (the widget bundle, pages, CSS), compressed once
 * per file version at the highest level and kept in memory.
 *
 * Why not only Hono's `compress` (which the gateway uses for its JSON answers)? On Node 20
 * it has gzip and deflate only (CompressionStream has no brotli before Node 22), and it
 * compresses every response anew at the default level. The bundle is the same bytes for
 * every citizen, so it pays to spend brotli level 11 on it once: about a fifth smaller
 * than gzip -6 (figures in the commit that added this).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compressing below this gains nothing (headers and framing eat it). */
const THRESHOLD = 1024;
/** Memory for compressed copies; least recently used go first. */
const CACHE_BYTES = 32 * 1024 * 1024;

const TEXT = /^(?:text\/|application\/(?:json|javascript|manifest\+json)|image\/svg\+xml)/;

/** br when accepted at least as much as gzip, else gzip, else none. */
export function chooseEncoding(c: Context, size: number, type: string): Encoding | undefined {
  if (size < THRESHOLD || !TEXT.test(type)) return undefined;
  const picked = accepts(c, {
    header: 'Accept-Encoding',
    supports: ['br', 'gzip'],
    default: 'identity',
    match: (list) => {
      const q = (name: string) => list.find((a) => a.type.toLowerCase() === name)?.q ?? list.find((a) => a.type === '*')?.q ?? 0;
      const br = q('br');
      const gz = q('gzip');
      if (br > 0 && br >= gz) return 'br';
      return gz > 0 ? 'gzip' : 'identity';
    },
  });
  return picked === 'identity' ? undefined : (picked as Encoding);
}

const cache = new Map<string, Buffer>();
let cached = 0;

/** `body` compressed with `encoding`; `version` (the ETag) names this version of `file`. */
export async function compressed(file: string, version: string, body: Buffer, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding} ${version} ${file}`;
  const hit = cache.get(key);
  if (hit) {
    // Re-insert: Map order is our LRU order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const out =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : await gzipAsync(body, { level: 9 });
  if (!cache.has(key)) cached += out.length;
  cache.set(key, out);
  for (const [k, v] of cache) {
    if (cached <= CACHE_BYTES) break;
    cache.delete(k);
    cached -= v.length;
  }
  return out;
}
