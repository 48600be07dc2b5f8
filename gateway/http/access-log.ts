/**
 * One JSON line per request, for an operator's log pipeline:
 *   {"time","requestId","method","path","status","ms","bytes","client","siteKey"}
 *
 * Never logged: query strings (a watch ticket travels in `?ticket=`), headers (access
 * codes and admin tokens travel in Authorization), bodies, user agents. A path segment
 * that could be a secret is replaced by `:redacted`, in case a client puts one where it
 * does not belong: 10 letters and digits however grouped (an access code as typed, e.g.
 * `7KQ4M-9XDHT`; plain lower-case words such as `compliance` are route names), or 20+
 * URL-safe characters (old access codes, tickets, admin tokens), or a segment ending in
 * a dot and 20+ of them (the MAC of an opt-out link, `LPR-….email.<MAC>`; no file
 * extension is that long). Tracking numbers
 * (`LPR-XXXX-XXXX`, 11 characters) and file names stay readable.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { clientIp } from './middleware.js';
import type { Env } from './types.js';

const LONG_TOKEN = /^[A-Za-z0-9_-]{20,}$/;
const SHORT_CODE = /^[A-Za-z0-9]{10}$/;
const ROUTE_WORD = /^[a-z]+$/;
const SIGNED_TAIL = /\.[A-Za-z0-9_-]{20,}$/;

function secretLike(raw: string): boolean {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    segment = raw;
  }
  const compact = segment.replace(/[\s-]+/g, '');
  return LONG_TOKEN.test(segment) || SIGNED_TAIL.test(segment) || (SHORT_CODE.test(compact) && !ROUTE_WORD.test(compact));
}

export function redactPath(path: string): string {
  return path
    .split('/')
    .map((segment) => (secretLike(segment) ? ':redacted' : segment))
    .join('/')
    .slice(0, 200);
}

/** The limits' client identity where it was worked out (/v1), else the socket's address. */
function clientOf(c: Context<Env>): string | undefined {
  const id = clientIp(c);
  return id === 'unknown' ? c.env?.incoming?.socket?.remoteAddress : id;
}

export function accessLog(write: (line: string) => void, now: () => number = () => performance.now()): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = now();
    try {
      await next();
    } finally {
      const length = c.res.headers.get('content-length');
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          requestId: c.get('requestId'),
          method: c.req.method,
          path: redactPath(c.req.path),
          status: c.res.status,
          ms: Math.round((now() - started) * 10) / 10,
          bytes: length === null ? undefined : Number(length),
          encoding: c.res.headers.get('content-encoding') ?? undefined,
          client: clientOf(c),
          siteKey: c.get('siteKey')?.key,
        }),
      );
    }
  };
}

/**
 * The lines of one event-loop turn written together: one write(2) however many requests
 * were answered in the turn, instead of one each (~2 % of a submit's CPU at 1,000/s, and
 * the log reader is woken once; issue 27). What is still gathered when the process exits
 * is written then; a SIGKILL loses at most the current turn's lines.
 */
export function linesPerTurn(write: (text: string) => void): (line: string) => void {
  let pending = '';
  const flush = () => {
    process.off('exit', flush);
    if (!pending) return;
    const text = pending;
    pending = '';
    write(text);
  };
  return (line) => {
    if (!pending) {
      setImmediate(flush);
      process.on('exit', flush);
    }
    pending += `${line}\n`;
  };
}
