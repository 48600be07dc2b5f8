/** Citizen report routes: submit, read (behind the access code), follow-ups. */
import { Hono } from 'hono';
import { IdempotencyKey } from '../../../src/contract/index.js';
import * as z from 'zod/mini';
import { ApiError } from '../http/errors.js';
import { clientIp, readJson } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import { bearer } from '../services/admin.js';
import type { Services } from '../services/index.js';

export function reportRoutes(s: Services) {
  const r = new Hono<Env>();

  r.post('/reports', async (c) => {
    const siteKey = c.get('siteKey')!;
    const key = c.req.header('idempotency-key');
    if (!key || !z.safeParse(IdempotencyKey, key).success) throw new ApiError(400, 'idempotency_key_required');
    s.limits.submit.take(`${clientIp(c)}|${siteKey.key}`);
    const raw = await readJson(c);
    const { body, replayed } = await s.reports.submit(raw, { siteKey: siteKey.key, channel: siteKey.channel, idempotencyKey: key, lang: c.get('lang') });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.body(body, 201, { 'Content-Type': 'application/json' });
  });

  r.get('/reports/:trackingId', (c) => {
    const row = s.reports.authorize(c.req.param('trackingId'), bearer(c.req.header('authorization')));
    c.header('Cache-Control', 'no-store');
    return c.json(s.reports.view(row));
  });

  r.post('/reports/:trackingId/followups', async (c) => {
    const raw = await readJson(c);
    const report = s.reports.followUp(c.req.param('trackingId'), bearer(c.req.header('authorization')), raw, c.get('lang'));
    return c.json(report, 201);
  });
  return r;
}
