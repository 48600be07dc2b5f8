/**
 * What the admin console needs beyond the queue and transitions (routes/admin.ts):
 *   POST /v1/admin/watch        admin bearer → ticket for the institution-wide stream
 *   GET  /v1/admin/events       SSE, `id:` = "<event seq>-<report rowid>", resumes with Last-Event-ID
 *   GET  /v1/admin/compliance   per-institution figures for a period
 *   GET  /v1/admin/reference    institutions and categories (the forward picker filters locally)
 *
 * Admin routes carry no site key: the bearer token is the credential. The stream's
 * ticket stands in for it because EventSource cannot send headers; a cross-origin page
 * must be one LAPOR_ADMIN_ORIGINS allows (http/middleware.ts cors, for every admin route).
 */
import { Hono } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { ComplianceQuery, validate } from '../../src/contract/index.js';
import { msg } from '../../src/i18n/index.js';
import { acquireStreamSlot, openEventStream } from '../http/event-stream.js';
import { ApiError } from '../http/errors.js';
import type { Env } from '../http/types.js';
import { AdminStream, AdminTickets, parseCursor, type AdminSubscriber } from '../services/admin-stream.js';
import { ComplianceService } from '../services/compliance.js';
import type { Services } from '../services/index.js';

export interface AdminConsoleOptions {
  /** How often the stream tails the event log (ms). Default 250. */
  intervalMs?: number;
  heartbeatMs?: number;
  ticketTtlMs?: number;
  /** Open admin streams at most (the regency has ~150 admins). Default 1,000. */
  maxStreams?: number;
  /** Issue 28: the public board's page, linked from the compliance view. */
  boardUrl?: () => string | undefined;
  /** A resume further back than this many events reloads the console's queue instead of replaying (services/admin-stream.ts). Default 1,000. */
  replayHorizon?: number;
}

export function adminConsoleRoutes(s: Services, o: AdminConsoleOptions = {}) {
  const r = new Hono<Env>();
  const tickets = new AdminTickets(s.secret, o.ticketTtlMs ?? 10 * 60_000, s.now);
  const stream = new AdminStream(s.store, {
    intervalMs: o.intervalMs ?? 250,
    heartbeatMs: o.heartbeatMs ?? 15_000,
    maxSubscribers: o.maxStreams ?? 1000,
    replayHorizon: o.replayHorizon,
  });
  const compliance = new ComplianceService(s.store, s.now);
  const scopeOf = (auth: string | undefined) => s.admin.authenticate(auth);

  r.post('/watch', (c) => {
    const scope = scopeOf(c.req.header('authorization'));
    return c.json(tickets.issue(scope.institutions ? [...scope.institutions] : null), 201);
  });

  r.get('/events', async (c) => {
    const ticket = tickets.get(c.req.query('ticket'));
    if (!ticket) throw new ApiError(401, 'ticket_expired');
    if (stream.full) throw new ApiError(503, 'rate_limited', { params: { n: 5 }, headers: { 'Retry-After': '5' } });
    const last = parseCursor(c.req.header('last-event-id') ?? c.req.query('lastEventId'));

    const release = acquireStreamSlot(c, s);
    // Opened by subscribe, once the stream's starting point is fixed (see there).
    const res = c.env.outgoing;
    const sub: AdminSubscriber = { res, institutions: ticket.institutions ? new Set(ticket.institutions) : null, at: { seq: 0, rowid: 0 } };
    // Listen for the close before the (async) replay: a client gone meanwhile still frees its slot.
    let unsubscribe: (() => void) | undefined;
    let closed = false;
    const done = () => {
      closed = true;
      unsubscribe?.();
      release();
    };
    res.on('close', done);
    res.on('error', done);
    try {
      unsubscribe = await stream.subscribe(sub, last, () => openEventStream(c, s.sseRetryMs));
    } catch (err) {
      // Before the head went out the client gets a proper error answer; after, a cut stream it resumes.
      if (!res.headersSent) throw err;
      res.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    if (closed) unsubscribe();
    return RESPONSE_ALREADY_SENT;
  });

  r.get('/compliance', async (c) => {
    const scope = scopeOf(c.req.header('authorization'));
    const parsed = validate(ComplianceQuery, c.req.query(), c.get('lang'));
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    const { from, to, institution } = parsed.data;
    if (institution && scope.institutions !== null && !scope.institutions.has(institution)) throw new ApiError(403, 'forbidden');
    if (Date.parse(to) <= Date.parse(from)) {
      throw new ApiError(422, 'validation_failed', {
        fields: [{ path: 'to', code: 'invalid', message: msg(c.get('lang'), 'fieldError.invalid', { field: 'to' }) }],
      });
    }
    const boardUrl = o.boardUrl?.();
    return c.json({ from, to, serverTime: s.now().toISOString(), items: await compliance.report(scope, parsed.data), ...(boardUrl ? { boardUrl } : {}) });
  });

  r.get('/reference', (c) => {
    scopeOf(c.req.header('authorization'));
    return c.json({ institutions: [...s.store.institutions.values()], categories: [...s.store.categories.values()] });
  });
  return r;
}
