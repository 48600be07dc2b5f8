/**
 * `GET/POST /v1/channels/whatsapp/webhook` (DESIGN.md wire contract):
 * - GET is Meta's verification: `hub.mode=subscribe`, `hub.verify_token` (ours:
 *   LAPOR_WHATSAPP_VERIFY_TOKEN, compared in constant time) → the `hub.challenge` as plain
 *   text; anything else 403.
 * - POST must carry `X-Hub-Signature-256` over the raw body with the app secret, or it is
 *   401 before the body is even parsed. A signed body is stored in the inbox (durable on
 *   return) and answered 200 at once; the conversation happens afterwards, on the leader.
 * Meta sends no Origin and no site key: this route is outside the site-key checks, and
 * its body limit is its own (Meta batches updates: more than a submit's 64 kB).
 */
import { Hono } from 'hono';
import { ApiError } from '../../http/errors.js';
import { limitBody } from '../../http/middleware.js';
import type { Env } from '../../http/types.js';
import type { Inbox } from './inbox.js';
import { parseWebhook } from './payload.js';
import { sameToken, validSignature } from './signature.js';

export const WEBHOOK_PATH = '/v1/channels/whatsapp/webhook';
export const WEBHOOK_LIMIT = 1024 * 1024;

export function webhookRoutes(opts: { appSecret: string; verifyToken: string; phoneId: string }, inbox: Inbox) {
  const r = new Hono<Env>();

  r.get('/webhook', (c) => {
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token') ?? '';
    const challenge = c.req.query('hub.challenge') ?? '';
    if (mode !== 'subscribe' || !sameToken(token, opts.verifyToken) || !challenge) throw new ApiError(403, 'forbidden');
    // Only the challenge, as text: never HTML (it is whatever the caller put in the URL).
    return c.text(challenge, 200, { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' });
  });

  r.post('/webhook', limitBody(WEBHOOK_LIMIT), async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!validSignature(raw, c.req.header('x-hub-signature-256'), opts.appSecret)) {
      throw new ApiError(401, 'unauthorized', { messageKey: 'whatsapp.error.signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch {
      throw new ApiError(400, 'bad_request');
    }
    let parsed: ReturnType<typeof parseWebhook>;
    try {
      parsed = parseWebhook(json, opts.phoneId);
    } catch {
      throw new ApiError(400, 'bad_request');
    }
    await inbox.accept(parsed.messages, parsed.statuses);
    return c.json({ received: parsed.messages.length, statuses: parsed.statuses.length }, 200);
  });
  return r;
}
