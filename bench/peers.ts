/**
 * Bytes of the peer widgets' shipped bundles (the files their CDN snippets load first),
 * gzip -9 and brotli q11 via node:zlib, 1 kB = 1000 bytes, same method as scripts/size.mjs.
 * Peers are devDependencies pinned in package.json; versions are read from node_modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const REPO = join(import.meta.dirname, '..');

export interface Bundle {
  name: string;
  version: string;
  file: string;
  /** What the figure means, in one line. */
  note: string;
  raw: number;
  gz: number;
  br: number;
}

export const PEERS: { pkg: string; file: string; note: string }[] = [
  { pkg: '@typebot.io/js', file: 'dist/web.js', note: 'the standard/bubble embed module (whole chat UI, one file)' },
  { pkg: '@typeform/embed', file: 'build/embed.js', note: 'the script-tag loader; the form itself is then an iframe app' },
  { pkg: '@calcom/embed-core', file: 'dist/embed/embed.js', note: 'the script-tag loader; the booking page is then an iframe app' },
];

export function compress(buf: Buffer): { raw: number; gz: number; br: number } {
  return {
    raw: buf.length,
    gz: gzipSync(buf, { level: 9 }).length,
    br: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

export function peerBundles(): Bundle[] {
  return PEERS.map(({ pkg, file, note }) => {
    const dir = join(REPO, 'node_modules', pkg);
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    return { name: pkg, version, file, note, ...compress(readFileSync(join(dir, file))) };
  });
}

export interface SizeFigure {
  name: string;
  gz: number;
  br: number;
  raw: number;
}

/**
 * Our figures exactly as `npm run size` (scripts/size.mjs) computes them from rollup's chunk
 * graph: parsed from its table (kB → bytes), so there is one method and one number.
 */
export function parseSizeTable(text: string): SizeFigure[] {
  const out: SizeFigure[] = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^(.+?)\s{2,}([\d.]+) kB\s+([\d.]+) kB\s+([\d.]+) kB/);
    if (m) out.push({ name: m[1]!.trim(), gz: Math.round(Number(m[2]) * 1000), br: Math.round(Number(m[3]) * 1000), raw: Math.round(Number(m[4]) * 1000) });
  }
  return out;
}
