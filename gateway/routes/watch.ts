/**
 * Live updates: `POST /v1/watch` (codes → ticket) and `GET /v1/events?ticket=` (SSE).
 *
 * The stream is written straight to Node's ServerResponse (not through a web
 * ReadableStream) so that one event costs one `write()` of a pre-serialized frame per
 * subscriber. Resume: `Last-Event-ID` (EventSource's own reconnect) or `lastEventId`
 * (the SDK opening a fresh EventSource) → replay from the event log, then live; live
 * events arriving during the replay are held and sent after it, so none falls between.
 */
import { Hono } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { WatchRequest, normalizeTrackingId, validate } from '../../src/contract/index.js';
import { acquireStreamSlot, openEventStream } from '../http/event-stream.js';
import { ApiError } from '../http/errors.js';
import { checkOrigin, clientIp, readJson, requireSiteKey } from '../http/middleware.js';
import type { Env } from '../http/types.js';
import type { Subscriber } from '../services/events.js';
import type { Services } from '../services/index.js';

/** Tracking ids as people type them, tidied before the schema (which wants the stored form). */
function withTidyIds(body: unknown): unknown {
  const reports = (body as { reports?: unknown } | null)?.reports;
  if (!Array.isArray(reports)) return body;
  return {
    ...(body as object),
    reports: reports.map((w: unknown) =>
      w && typeof w === 'object' && typeof (w as { trackingId?: unknown }).trackingId === 'string'
        ? { ...w, trackingId: normalizeTrackingId((w as { trackingId: string }).trackingId) }
        : w,
    ),
  };
}

export function watchRoutes(s: Services) {
  const r = new Hono<Env>();

  r.post('/watch', requireSiteKey(s.siteKeys), async (c) => {
    const parsed = validate(WatchRequest, withTidyIds(await readJson(c)), c.get('lang'));
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    // Every report must be proven with its code; one bad entry fails the whole request
    // with the same 404 as a single read, so the answer reveals nothing per report.
    const client = clientIp(c);
    // One after another, as before: the first refused entry ends the request (and counts as one guess).
    const ids: string[] = [];
    for (const w of parsed.data.reports) {
      ids.push((await s.guesses.attempt(client, w.trackingId, () => s.reports.authorize(w.trackingId, w.accessToken))).tracking_id);
    }
    return c.json(s.tickets.issue([...new Set(ids)], c.get('siteKey')!.key), 201);
  });

  r.get('/events', async (c) => {
    const ticket = s.tickets.get(c.req.query('ticket'));
    if (!ticket) throw new ApiError(401, 'ticket_expired');
    const siteKey = s.siteKeys[ticket.siteKey];
    if (!siteKey) throw new ApiError(401, 'ticket_expired');
    checkOrigin(c, siteKey);
    const lastRaw = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    const last = lastRaw !== undefined && /^\d{1,15}$/.test(lastRaw.trim()) ? Number(lastRaw.trim()) : undefined;
    // Read before the stream opens: whatever commits once the client sees it open has a
    // higher seq (on PostgreSQL too: seqs commit in order, see EventLog.append).
    const newest = await s.events.lastSeq();
    const release = acquireStreamSlot(c, s);
    const res = openEventStream(c, s.sseRetryMs);
    // An id from the future (the database was reset since) would hide every new event.
    const resume = last !== undefined && last <= newest;
    // Subscribed before the replay reads the log, with live events held back until it is
    // written: an event committed meanwhile is in the replay or held, never in neither,
    // and lastSeq drops what both carry.
    const sub: Subscriber = { res, trackingIds: ticket.trackingIds, lastSeq: resume ? last! : newest, held: resume ? [] : undefined };
    const unsubscribe = s.hub.subscribe(sub);
    const done = () => {
      unsubscribe();
      release();
    };
    res.on('close', done);
    res.on('error', done);
    if (!resume) return RESPONSE_ALREADY_SENT;
    try {
      for (;;) {
        const batch = await s.events.replay(sub.lastSeq, ticket.trackingIds, 500);
        for (const ev of batch) {
          res.write(ev.frame);
          sub.lastSeq = ev.seq;
        }
        if (batch.length < 500) break;
      }
      const held = sub.held ?? [];
      sub.held = undefined;
      s.hub.deliver(sub, held);
    } catch {
      res.destroy();
    }
    return RESPONSE_ALREADY_SENT;
  });
  return r;
}
