/**
 * `POST /v1/attachments`: multipart field `file`, one file, type sniffed from its bytes and
 * proven (services/attachments.ts). The body is not read here: it streams to disk under
 * the in-flight caps and is parsed and checked in a worker.
 */
import { Hono } from 'hono';
import { ApiError } from '../http/errors.js';
import { clientIp } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';

export function attachmentRoutes(s: Services) {
  const r = new Hono<Env>();
  r.post('/attachments', async (c) => {
    const siteKey = c.get('siteKey')!;
    const client = clientIp(c);
    // Per client, not per client and site key: a client picks its site key, and could
    // otherwise multiply its bucket by the number of keys (as submits, routes/reports.ts).
    await s.limits.upload.take(client);
    const contentType = c.req.header('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) throw new ApiError(415, 'unsupported_media_type');
    const length = c.req.header('content-length');
    const declared = length !== undefined && /^\d{1,12}$/.test(length) ? Number(length) : undefined;
    const saved = await s.attachments.save({ req: c.env.incoming, contentType, declared, siteKey: siteKey.key, client, lang: c.get('lang') });
    return c.json(saved, 201);
  });
  return r;
}
