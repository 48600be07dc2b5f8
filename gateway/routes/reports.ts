/** Citizen report routes: submit, read (behind the access code), follow-ups. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { IdempotencyKey, normalizeTrackingId } from '../../src/contract/index.js';
import * as z from 'zod/mini';
import { ApiError } from '../http/errors.js';
import { clientIp, readJson } from '../http/middleware.js';
import { notModified } from '../http/conditional.js';
import type { Env } from '../http/types.js';
import { bearer } from '../services/admin.js';
import type { Services } from '../services/index.js';

export function reportRoutes(s: Services) {
  const r = new Hono<Env>();

  r.post('/reports', async (c) => {
    const siteKey = c.get('siteKey')!;
    const key = c.req.header('idempotency-key');
    if (!key || !z.safeParse(IdempotencyKey, key).success) throw new ApiError(400, 'idempotency_key_required');
    await s.limits.submit.take(clientIp(c));
    const raw = await readJson(c);
    const { body, replayed } = await s.reports.submit(raw, { siteKey: siteKey.key, channel: siteKey.channel, idempotencyKey: key, lang: c.get('lang') });
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.body(body, 201, { 'Content-Type': 'application/json' });
  });

  r.get('/reports/:trackingId', async (c) => {
    // As people type it (any case, spaces, with or without LPR): one key for the guess throttle too.
    const id = normalizeTrackingId(c.req.param('trackingId'));
    const row = await s.guesses.attempt(clientIp(c), id, () => s.reports.authorize(id, bearer(c.req.header('authorization'))));
    // The ETag covers everything but serverTime, so a polling client gets 304 until
    // something (status, clocks, responses, upstream) actually changes. `private, no-cache`:
    // shared caches must not keep it (it sits behind an access code); browsers revalidate.
    const { serverTime, ...view } = await s.reports.view(row);
    const json = JSON.stringify(view);
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization, Origin');
    if (notModified(c, etag)) return c.body(null, 304);
    return c.body(`{${json.slice(1, -1)},"serverTime":${JSON.stringify(serverTime)}}`, 200, { 'Content-Type': 'application/json' });
  });

  r.post('/reports/:trackingId/followups', async (c) => {
    const raw = await readJson(c);
    // As people type it (any case, spaces, with or without LPR): one key for the guess throttle too.
    const id = normalizeTrackingId(c.req.param('trackingId'));
    const code = bearer(c.req.header('authorization'));
    // followUp authorizes first (its only 404): the code is checked once, and a wrong one counts as a guess.
    const report = await s.guesses.attempt(clientIp(c), id, () => s.reports.followUp(id, code, raw, c.get('lang'), s.replies));
    return c.json(report, 201);
  });
  return r;
}
