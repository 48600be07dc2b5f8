/**
 * Citizen-facing notification routes:
 * - `GET /notify/stop/:token` a small page asking to confirm; `POST` performs the opt-out
 *   (mail apps and link scanners fetch links with GET, so GET never changes anything;
 *   RFC 8058 one-click unsubscribe POSTs the same URL).
 * (`GET /r/:trackingId`, the follow link's page, is routes/follow-page.ts.)
 * - `POST /v1/reports/:trackingId/access-code` "Lupa kode akses?": `{contact}` → 202 with
 *   the same answer whether or not it matched; the work happens after the answer, so its
 *   timing says nothing either.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { AccessCodeRequest, normalizeTrackingId } from '../../src/contract/index.js';
import { msg, type MessageKey, type MessageParams } from '../../src/i18n/index.js';
import { ApiError } from '../http/errors.js';
import { clientIp, readJson } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Notifications } from '../notify/index.js';
import { esc } from '../notify/messages.js';
import type { Services } from '../services/index.js';

export function notifyRoutes(s: Services, n: Notifications) {
  const r = new Hono<Env>();

  const page = (c: Context<Env>, lang: string, body: string, status: 200 | 404 = 200) =>
    c.html(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${esc(msg(lang, 'notify.page.optOutTitle'))}</title></head><body><main><h1>${esc(msg(lang, 'notify.page.optOutTitle'))}</h1>${body}</main></body></html>`,
      status,
      { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'" },
    );
  const stopTarget = async (c: Context<Env>) => {
    const t = n.tokens.verify(c.req.param('token') ?? '');
    const row = t && (await s.store.report(t.trackingId));
    return t && row ? { ...t, lang: row.lang ?? 'id' } : undefined;
  };
  const say = (lang: string, key: MessageKey, p: MessageParams) => `<p>${esc(msg(lang, key, p))}</p>`;

  r.get('/notify/stop/:token', async (c) => {
    const t = await stopTarget(c);
    if (!t) return page(c, c.get('lang'), say(c.get('lang'), 'notify.page.invalid', {}), 404);
    const p = { trackingId: t.trackingId, channel: msg(t.lang, `notify.channel.${t.channel}`) };
    return page(c, t.lang, `${say(t.lang, 'notify.page.optOutQuestion', p)}<form method="post"><button type="submit">${esc(msg(t.lang, 'notify.page.optOutButton'))}</button></form>`);
  });

  r.post('/notify/stop/:token', async (c) => {
    const t = await stopTarget(c);
    if (!t) return page(c, c.get('lang'), say(c.get('lang'), 'notify.page.invalid', {}), 404);
    await n.optOut(t.trackingId, t.channel);
    return page(c, t.lang, say(t.lang, 'notify.page.optOutDone', { trackingId: t.trackingId, channel: msg(t.lang, `notify.channel.${t.channel}`) }));
  });

  r.post('/v1/reports/:trackingId/access-code', async (c) => {
    const id = normalizeTrackingId(c.req.param('trackingId'));
    await n.recoveryByClient.take(clientIp(c));
    await n.recoveryByReport.take(id);
    const parsed = z.safeParse(AccessCodeRequest, await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'bad_request');
    const { contact } = parsed.data;
    setImmediate(() => {
      (async () => n.recover(id, contact))().catch((error: unknown) => s.storage.noteError(error));
    });
    return c.json({ message: msg(c.get('lang'), 'notify.forgotSent') }, 202);
  });
  return r;
}
