/** `POST /v1/attachments`: multipart field `file`, one file, type sniffed from its bytes and proven (services/attachments.ts). */
import { Hono } from 'hono';
import { ApiError } from '../http/errors.js';
import { clientIp, limitBody, MULTIPART_LIMIT } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';

export function attachmentRoutes(s: Services) {
  const r = new Hono<Env>();
  r.post('/attachments', limitBody(MULTIPART_LIMIT), async (c) => {
    const siteKey = c.get('siteKey')!;
    // Per client, not per client and site key: a client picks its site key, and could
    // otherwise multiply its bucket by the number of keys (as submits, routes/reports.ts).
    await s.limits.upload.take(clientIp(c));
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
      throw new ApiError(415, 'unsupported_media_type');
    }
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(400, 'bad_request');
    }
    const file = form['file'];
    if (!(file instanceof File)) throw new ApiError(400, 'bad_request');
    const bytes = new Uint8Array(await file.arrayBuffer());
    return c.json(await s.attachments.save(bytes, file.name, siteKey.key, clientIp(c), c.get('lang')), 201);
  });
  return r;
}
