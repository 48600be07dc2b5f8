/** Middleware shared by all routes: request id + language, CORS, site keys, body limits. */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { langFromAcceptLanguage } from '../../src/i18n/index.js';
import { randomBytes } from '../services/random-pool.js';
import type { SiteKeyConfig } from '../options.js';
import { clientKey, type TrustProxy } from './client.js';
import { allowedByAnyKey, corsHeaders, crossOriginOf, isAdminPath, originMatches, preflightHeaders } from './cors.js';
import { ApiError, formatBytes } from './errors.js';
import type { Env } from './types.js';

export const JSON_LIMIT = 64 * 1024;

export const requestContext: MiddlewareHandler<Env> = async (c, next) => {
  const requestId = `req_${randomBytes(9).toString('base64url')}`;
  c.set('requestId', requestId);
  c.set('lang', langFromAcceptLanguage(c.req.header('accept-language')));
  c.header('X-Request-Id', requestId);
  // JSON must never be sniffed into something a browser would render.
  c.header('X-Content-Type-Options', 'nosniff');
  await next();
};

/**
 * CORS for /v1. Citizen routes: preflights are answered for origins that some site key
 * allows (the browser does not send the site key's value in a preflight); the real
 * request is then checked against its own key's origins by `requireSiteKey`.
 *
 * Admin routes (/v1/admin/*) answer CORS only for LAPOR_ADMIN_ORIGINS (none by default:
 * the console on the gateway's own /admin.html is same-origin). Every citizen site may
 * embed the widget, but none of them should be able to drive the admin API from a
 * visitor's browser; a cross-origin admin request from elsewhere is 403 without CORS
 * headers. Requests without Origin (servers, curl) are not browsers' and pass.
 */
export function cors(siteKeys: Record<string, SiteKeyConfig>, adminOrigins: readonly string[] = []): MiddlewareHandler<Env> {
  return async (c, next) => {
    const origin = crossOriginOf(c);
    c.set('crossOrigin', origin);
    if (!origin) return next();
    const admin = isAdminPath(c.req.path);
    const known = admin ? originMatches(adminOrigins, origin) : allowedByAnyKey(siteKeys, origin);
    if (c.req.method === 'OPTIONS') {
      if (!known) throw new ApiError(403, 'origin_not_allowed');
      return c.body(null, 204, preflightHeaders(origin));
    }
    if (admin && !known) throw new ApiError(403, 'origin_not_allowed');
    if (known) for (const [k, v] of Object.entries(corsHeaders(origin))) c.header(k, v);
    await next();
  };
}

/** Citizen routes: `X-Lapor-Site-Key` must name a key whose origins include the page's. */
export function requireSiteKey(siteKeys: Record<string, SiteKeyConfig>): MiddlewareHandler<Env> {
  return async (c, next) => {
    const key = c.req.header('x-lapor-site-key');
    const config = key !== undefined && Object.hasOwn(siteKeys, key) ? siteKeys[key] : undefined;
    if (!key || !config) throw new ApiError(403, 'site_key_invalid');
    checkOrigin(c, config);
    c.set('siteKey', { ...config, key });
    await next();
  };
}

export function checkOrigin(c: Context<Env>, config: SiteKeyConfig): void {
  const origin = c.get('crossOrigin');
  if (origin && !originMatches(config.origins, origin)) {
    // No CORS headers on a refusal: the page may not read anything from us.
    c.header('Access-Control-Allow-Origin', undefined);
    c.header('Access-Control-Expose-Headers', undefined);
    throw new ApiError(403, 'origin_not_allowed');
  }
}

function tooLarge(maxSize: number): never {
  // The rest of the body is not read; closing the connection keeps the client from
  // reusing a socket that still has our unread upload in it.
  throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(maxSize) }, headers: { Connection: 'close' } });
}

/** Bodies read through hono's fetch `Request` (multipart uploads): counted as they stream in. */
export function limitBody(maxSize: number): MiddlewareHandler<Env> {
  return bodyLimit({ maxSize, onError: () => tooLarge(maxSize) });
}

/**
 * JSON routes: a declared Content-Length over JSON_LIMIT is refused before the route
 * runs; a body without one (chunked) is counted by readJson as it arrives. Unlike
 * `limitBody` this never builds the fetch `Request` around the Node request (an undici
 * Request and a web stream per request, ~10 % of a submit's CPU; issue 27).
 */
export const limitJsonBody: MiddlewareHandler<Env> = async (c, next) => {
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined && Number.parseInt(length, 10) > JSON_LIMIT) tooLarge(JSON_LIMIT);
  await next();
};

/** The body as text (UTF-8, a BOM dropped, as fetch's `text()`), refused past `maxSize` bytes. */
async function readText(c: Context<Env>, maxSize: number): Promise<string> {
  const incoming = c.env?.incoming;
  // Without a Node server (app.request() in tests), or once something read the body
  // through the fetch Request, the body is the Request's.
  const direct = incoming && !incoming.readableDidRead;
  const bytes = direct ? await readIncoming(incoming, maxSize) : new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > maxSize) tooLarge(maxSize);
  return utf8.decode(bytes);
}

const utf8 = new TextDecoder();

function readIncoming(incoming: IncomingMessage, maxSize: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: unknown) => {
      incoming.off('data', onData).off('end', onEnd).off('error', done).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSize) {
        incoming.pause();
        try {
          tooLarge(maxSize);
        } catch (error) {
          done(error);
        }
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done();
    // The client went away mid-body: nobody is left to answer, but the route must not wait.
    const onClose = () => done(new ApiError(400, 'bad_request'));
    incoming.on('data', onData).on('end', onEnd).on('error', done).on('close', onClose);
  });
}

/** `application/json`, `application/json; charset=utf-8`, `application/merge-patch+json` … */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

export async function readJson(c: Context<Env>): Promise<unknown> {
  // A JSON body must say so. text/plain is a CORS-"simple" type that skips the preflight,
  // so accepting it would let a foreign page post reports without the Origin check's
  // preflight ever running (the site-key header forces one today, but this must not
  // depend on it).
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', { messageKey: 'gatewayError.json_required' });
  }
  const text = await readText(c, JSON_LIMIT);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'bad_request');
  }
  // Deep nesting (e.g. 5,000 arrays) overflows the stack of the recursive validators and
  // hashing further on (a 500): no contract payload is deeper than a few levels.
  if (tooDeep(value, 32)) throw new ApiError(400, 'bad_request');
  return value;
}

/** Iterative, so the check itself cannot overflow. */
function tooDeep(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return false;
}

/** Works out the client identity once per request (see client.ts). */
export function clientIdentity(trust: TrustProxy | undefined): MiddlewareHandler<Env> {
  return async (c, next) => {
    const req = c.env?.incoming;
    c.set('client', req ? clientKey(req, trust) : 'unknown');
    await next();
  };
}

/** Client identity for limits: socket address or trusted proxy's report, IPv6 by /64. */
export function clientIp(c: Context<Env>): string {
  return c.get('client') ?? 'unknown';
}
