/** OPD admin API: transitions and the urgency-ordered queue, behind scoped bearer tokens. */
import { Hono } from 'hono';
import { AdminQueueQuery, TransitionInput, normalizeTrackingId, validate } from '../../src/contract/index.js';
import { ApiError } from '../http/errors.js';
import { readJson } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';

export function adminRoutes(s: Services) {
  const r = new Hono<Env>();
  const scopeOf = (auth: string | undefined) => s.admin.authenticate(auth);

  r.get('/reports', async (c) => {
    const scope = scopeOf(c.req.header('authorization'));
    const parsed = validate(AdminQueueQuery, c.req.query(), c.get('lang'));
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    return c.json(await s.transitions.queue(scope, parsed.data));
  });

  r.get('/reports/:trackingId', async (c) => {
    const scope = scopeOf(c.req.header('authorization'));
    return c.json(await s.transitions.get(scope, normalizeTrackingId(c.req.param('trackingId'))));
  });

  r.post('/reports/:trackingId/transitions', async (c) => {
    const scope = scopeOf(c.req.header('authorization'));
    const parsed = validate(TransitionInput, await readJson(c), c.get('lang'));
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    return c.json(await s.transitions.apply(scope, normalizeTrackingId(c.req.param('trackingId')), parsed.data, c.get('lang')));
  });
  return r;
}
