/**
 * The LAPOR! outbox for operators (super admin only: it spans every institution):
 *   GET  /v1/admin/upstream                       state and alerts (credentials refused), pending,
 *                                                 parked with reason and the evidence of a lost create,
 *                                                 pushes (LAPOR!'s own message when it declined), last error, lag
 *   POST /v1/admin/upstream/reports/{id}          {action: "retry"} (the held create and/or held pushes)
 *                                                 | {action: "link", laporId} (only a complaint carrying our tracking number)
 *   POST /v1/admin/upstream/institutions/sync     match institutions by name again
 * 404 when the gateway runs standalone. The public /healthz shows counts and states only.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { normalizeTrackingId } from '../../src/contract/index.js';
import { ApiError } from '../http/errors.js';
import { readJson } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';
import { UpstreamError } from '../upstream/adapter.js';
import type { Forwarder } from '../upstream/forwarder.js';
import { upstreamDetail } from '../upstream/operator.js';

const Resolve = z.discriminatedUnion('action', [
  z.object({ action: z.literal('retry') }),
  z.object({ action: z.literal('link'), laporId: z.string().regex(/^\d{1,20}$/) }),
]);

export function upstreamRoutes(s: Services, f: Forwarder | undefined) {
  const r = new Hono<Env>();
  const operator = (auth: string | undefined): Forwarder => {
    if (s.admin.authenticate(auth).institutions !== null) throw new ApiError(403, 'forbidden');
    if (!f) throw new ApiError(404, 'not_found');
    return f;
  };

  r.get('/upstream', async (c) => {
    const fw = operator(c.req.header('authorization'));
    return c.json(await upstreamDetail(s.db, fw, s.now().getTime(), c.get('lang')));
  });

  r.post('/upstream/reports/:trackingId', async (c) => {
    const fw = operator(c.req.header('authorization'));
    const parsed = Resolve.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(422, 'validation_failed');
    const trackingId = normalizeTrackingId(c.req.param('trackingId'));
    if (parsed.data.action === 'retry') {
      if (!(await fw.retry(trackingId))) throw new ApiError(409, 'conflict');
    } else {
      let outcome: Awaited<ReturnType<Forwarder['link']>>;
      try {
        outcome = await fw.link(trackingId, parsed.data.laporId);
      } catch (err) {
        if (err instanceof UpstreamError) throw new ApiError(502, 'upstream_unavailable');
        throw err;
      }
      // Only a complaint whose own content carries this tracking number may be linked.
      if (outcome !== 'linked') throw new ApiError(409, 'conflict');
    }
    return c.json(await upstreamDetail(s.db, fw, s.now().getTime(), c.get('lang')));
  });

  r.post('/upstream/institutions/sync', async (c) => {
    const fw = operator(c.req.header('authorization'));
    await fw.syncInstitutions();
    return c.json(await upstreamDetail(s.db, fw, s.now().getTime(), c.get('lang')));
  });
  return r;
}
