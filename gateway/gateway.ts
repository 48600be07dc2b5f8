/**
 * createGateway (async): opens + migrates the database (SQLite file or PostgreSQL), imports reference data, wires the services and returns a
 * Hono app plus `listen()`/`close()`. Tests start it on port 0 in a temp dir; main.ts
 * starts it from the environment.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { openDatabase } from './db/index.js';
import type { Db, Leadership } from './db/index.js';
import { ApiError, errorBody } from './http/errors.js';
import './http/i18n.js';
import { accessLog, redactPath } from './http/access-log.js';
import { capConnectionsPerAddress } from './http/connections.js';
import { rejectMalformedIds } from './http/ids.js';
import { descriptorLimit, GuessThrottle, limitersFor, rateLimits, StreamGate } from './http/limits.js';
import { clientIdentity, cors, limitJsonBody, requestContext, requireSiteKey } from './http/middleware.js';
import type { Env } from './http/types.js';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_REPLIES,
  DEFAULT_STREAMS,
  DEFAULT_TIMEOUTS,
  type GatewayOptions,
  type StreamLimits,
} from './options.js';
import { adminRoutes } from './routes/admin.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { attachmentRoutes } from './routes/attachments.js';
import { healthRoutes } from './routes/health.js';
import { referenceRoutes } from './routes/reference.js';
import { reportRoutes } from './routes/reports.js';
import { staticRoutes } from './routes/static.js';
import { watchRoutes } from './routes/watch.js';
import { importReference } from './reference-data.js';
import { AdminTokens, forgetStoredTokens, randomDemoTokens, type DemoToken } from './services/admin.js';
import { AttachmentService } from './services/attachments.js';
import { DEFAULT_UPLOADS } from './options.js';
import { EventFeed } from './services/event-feed.js';
import { EventLog, Hub } from './services/events.js';
import type { Services } from './services/index.js';
import { ReportService } from './services/reports.js';
import { serverSecret } from './services/secrets.js';
import { useHolidays } from './services/sla.js';
import { refreshOpenClocks } from './services/sla-refresh.js';
import { BreachScheduler } from './services/scheduler.js';
import { StorageHealth } from './services/storage.js';
import { buildReport } from './services/views.js';
import { centersFrom, Locator } from './services/locate.js';
import { Store } from './services/store.js';
import { TicketStore } from './services/tickets.js';
import { TransitionService } from './services/transitions.js';
import type { Forwarder } from './upstream/forwarder.js';
import { createForwarder } from './upstream/index.js';
import { upstreamSummary } from './upstream/operator.js';
import { upstreamRoutes } from './routes/upstream.js';
import { Notifications } from './notify/index.js';
import { notifyRoutes } from './routes/notify.js';
import { publicRoutes } from './routes/public.js';
import { checkEscalationReferences } from './escalation/config.js';
import { EscalationService } from './escalation/service.js';
import { WEBHOOK_PATH, WhatsAppChannel } from './channels/whatsapp/index.js';
import { followPageRoutes } from './routes/follow-page.js';

export { REPO_ROOT } from './paths.js';

export interface Gateway {
  app: Hono<Env>;
  fetch: Hono<Env>['fetch'];
  services: Services;
  forwarder: Forwarder | undefined;
  notifications: Notifications;
  /** The WhatsApp channel (issue 26), when LAPOR_WHATSAPP_APP_SECRET is set. */
  whatsapp: WhatsAppChannel | undefined;
  /** Random per start, when no LAPOR_ADMIN_TOKENS are configured (main.ts prints them). */
  demoAdminTokens: DemoToken[];
  /** Start serving; port 0 picks a free port. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Run the breach scheduler once now (tests); resolves to the breaches announced. */
  tick(): Promise<number>;
  /**
   * True once this process runs every singleton it competes for (scheduler, forwarder,
   * notification and WhatsApp workers). On SQLite at once; on PostgreSQL after its advisory
   * locks are taken, which is a few round trips after the start (tests wait for it).
   */
  readonly leading: boolean;
  close(): Promise<void>;
}

export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  // PostgreSQL when configured (several processes may share it), else the SQLite file.
  const db = await openDatabase(opts.databaseUrl ? { url: opts.databaseUrl } : { path: opts.dbPath });
  try {
    return await wire(db, opts);
  } catch (err) {
    // A start that fails (e.g. LAPOR_ADMIN_TOKENS names an unknown institution) leaves no
    // pool open behind it, which would keep the process alive.
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function wire(db: Db, opts: GatewayOptions): Promise<Gateway> {
  const now = opts.now ?? (() => new Date());
  // The working calendar: shipped decrees, LAPOR_HOLIDAYS files, provisional years after.
  useHolidays(opts.holidays ?? [], now());
  const store = new Store(db);
  if (opts.reference) await importReference(db, opts.reference);
  await store.loadReference();

  await forgetStoredTokens(db);
  const admin = new AdminTokens();
  admin.setSuperToken(opts.adminToken);
  for (const t of opts.adminTokens ?? []) {
    const inst = store.institutions.get(t.institution);
    if (!inst) throw new Error(`LAPOR_ADMIN_TOKENS: unknown institution "${t.institution}"`);
    admin.addConfigured(t, t.label ?? inst.name);
  }
  const demoAdminTokens = opts.demo && !opts.adminTokens?.length ? randomDemoTokens(store.institutions) : [];
  for (const t of demoAdminTokens) admin.add(t.token, t.label, [t.institution]);

  const events = new EventLog(db, async (id) => {
    const row = await store.report(id);
    return row ? buildReport(store, row) : undefined;
  });
  const hub = new Hub(opts.heartbeatMs ?? 15_000);
  const codeKey = serverSecret(opts.secret, opts.dataDir);
  const reports = new ReportService(db, store, events, hub, now, !!opts.upstream, opts.idempotencyTtlMs ?? 24 * 3_600_000, codeKey);
  const rate = withDefaults(DEFAULT_RATE_LIMIT, opts.rateLimit);
  const limits = limitersFor(rate, db);
  const timeouts = withDefaults(DEFAULT_TIMEOUTS, opts.timeouts);
  const streams = withDefaults(defaultStreams(), opts.streams);
  const services: Services = {
    db,
    store,
    reports,
    transitions: new TransitionService(reports),
    attachments: new AttachmentService(store, opts.dataDir, now, { ...DEFAULT_UPLOADS, ...opts.uploads }),
    events,
    hub,
    tickets: new TicketStore(codeKey, opts.ticketTtlMs ?? 10 * 60_000, now),
    admin,
    scheduler: new BreachScheduler(db, reports, opts.schedulerIntervalMs ?? 15_000, (err) => {
      // A failed pass is retried at the next tick; it must not take the gateway down.
      services.storage.noteError(err);
      if (opts.logErrors !== false) console.error('[gateway] breach scheduler pass failed:', err);
    }),
    siteKeys: opts.siteKeys,
    limits,
    streams: new StreamGate(streams, 10),
    guesses: new GuessThrottle(limits.guessClient, limits.guessPair, limits.guessReport, rate.guessPair),
    replies: withDefaults(DEFAULT_REPLIES, opts.replies),
    locator: new Locator(store.locations.values(), centersFrom(opts.reference?.locations ?? [])),
    storage: new StorageHealth(opts.dataDir, opts.databaseUrl ? ':memory:' : opts.dbPath, opts.minFreeBytes ?? 256 * 1024 * 1024),
    secret: codeKey,
    now,
    rootDir: opts.rootDir ?? REPO_ROOT,
    pagesDirs: opts.pagesDirs ?? [join(opts.rootDir ?? REPO_ROOT, 'gateway', 'pages')],
    sseRetryMs: 3000,
  };
  // Messages to citizens (issue 16): queued by the report service, sent by a background worker.
  const notifications = new Notifications(db, store, opts.notify ?? {}, codeKey, now, opts.logErrors !== false);
  reports.notify = notifications.outbox;
  reports.locator = services.locator;
  // Issue 28: the escalation chain (LAPOR_ESCALATION), through the same outbox; an unknown
  // institution or a contact on a channel that is not configured stops the start.
  if (opts.escalation) {
    checkEscalationReferences(opts.escalation, new Set(store.institutions.keys()), notifications.outbox.channels);
    reports.escalations = new EscalationService(db, store, notifications.outbox, opts.escalation);
  }
  // Deadlines already stored follow this start's calendar (e.g. a new LAPOR_HOLIDAYS file).
  await refreshOpenClocks(db, reports);
  await reports.escalations?.lookAgain(now());
  // PostgreSQL: several processes commit events, so every process's streams are fed from
  // the log when a commit rings (services/event-feed.ts), its own commits included (in
  // seq order). SQLite: this process makes every commit and publishes it directly.
  let feed: EventFeed | undefined;
  if (db.dialect === 'postgres') {
    feed = new EventFeed(db, events, hub, (err) => {
      services.storage.noteError(err);
      if (opts.logErrors !== false) console.error('[gateway] event feed:', err);
    });
    reports.publish = () => {};
    await feed.start();
  }
  // WhatsApp intake (issue 26): citizens file reports by chatting; answered through notify's WhatsApp settings.
  const whatsapp = opts.whatsapp
    ? new WhatsAppChannel({
        db,
        services,
        notifications,
        notify: opts.notify ?? {},
        intake: opts.whatsapp,
        regency: opts.reference?.regency?.name ?? '',
        logErrors: opts.logErrors !== false,
      })
    : undefined;
  const forwarder = opts.upstream ? createForwarder(db, reports, opts.upstream, opts.reference?.regency?.name ?? '', opts.logErrors !== false) : undefined;

  const boardPage = services.pagesDirs.some((dir) => existsSync(join(dir, 'kinerja.html')));
  const app = new Hono<Env>();
  app.use('*', requestContext);
  if (opts.accessLog) app.use('*', accessLog(opts.accessLog));
  // GET answers (config, reports, admin lists: gzip; static files bring their own brotli/gzip,
  // see http/compress-static.ts). Not writes: a submit's 1.5 kB answer would save 0.8 kB
  // for ~0.2 ms of CPU on the hot path of the ≥ 1,000 submits/s budget.
  const gzip = compress();
  app.use('*', (c, next) => (c.req.method === 'GET' ? gzip(c, next) : next()));
  app.route('/', healthRoutes(services, forwarder && (() => upstreamSummary(db, forwarder, now().getTime()))));
  // Before any bucket or query: a malformed tracking id is a 404 that leaves nothing behind.
  app.use('*', rejectMalformedIds);
  app.use('/v1/*', clientIdentity(opts.trustProxy));
  app.use('/v1/*', cors(opts.siteKeys, opts.adminOrigins));
  app.use('/v1/*', rateLimits(limits));
  app.use('/v1/attachments', requireSiteKey(opts.siteKeys));
  // Uploads and Meta's webhook (which batches updates, and is verified on its raw bytes) bring their own body limits.
  app.use('/v1/*', async (c, next) => (c.req.path === '/v1/attachments' || c.req.path === WEBHOOK_PATH ? next() : limitJsonBody(c, next)));
  for (const path of ['/v1/config', '/v1/institutions', '/v1/locations', '/v1/locations/*', '/v1/reports', '/v1/reports/*', '/v1/public/*']) {
    app.use(path, requireSiteKey(opts.siteKeys));
  }
  app.route('/v1', referenceRoutes(services, { notify: [...notifications.outbox.channels] }));
  app.route('/v1', attachmentRoutes(services));
  app.route('/', notifyRoutes(services, notifications));
  app.route('/', followPageRoutes(services, opts.followSiteKey));
  app.route('/v1', reportRoutes(services));
  app.route('/v1', watchRoutes(services));
  // Issue 28: the public SOP figures (site key, no login).
  app.route('/v1/public', publicRoutes(services, opts.publicCacheMs));
  if (whatsapp) app.route('/v1/channels/whatsapp', whatsapp.routes);
  app.route('/v1/admin', adminRoutes(services));
  app.route('/v1/admin', upstreamRoutes(services, forwarder));
  app.route(
    '/v1/admin',
    adminConsoleRoutes(services, {
      heartbeatMs: opts.heartbeatMs,
      ticketTtlMs: opts.ticketTtlMs,
      replayHorizon: opts.adminReplayHorizon,
      // Issue 28: the public board (LAPOR_BOARD_URL, else a kinerja.html among the pages served here, as the demo has).
      boardUrl: () => opts.boardUrl ?? (boardPage && notifications.publicUrl ? `${notifications.publicUrl}/kinerja.html` : undefined),
    }),
  );
  app.route('/', staticRoutes(services));

  app.notFound((c) => {
    const err = new ApiError(404, 'not_found');
    return c.json(errorBody(err, c.get('lang') ?? 'id', c.get('requestId') ?? ''), 404);
  });
  app.onError((e, c) => {
    const err = e instanceof ApiError ? e : new ApiError(500, 'internal');
    if (!(e instanceof ApiError)) services.storage.noteError(e);
    if (!(e instanceof ApiError) && opts.logErrors !== false) {
      // The path as the access log writes it: a token a client put in it stays out of the log.
      console.error(`[gateway] ${c.get('requestId')} ${c.req.method} ${redactPath(c.req.path)}:`, e);
    }
    for (const [k, v] of Object.entries(err.options.headers ?? {})) c.header(k, v);
    return c.json(errorBody(err, c.get('lang') ?? 'id', c.get('requestId') ?? ''), err.status as 400);
  });

  let server: ServerType | undefined;
  await services.attachments.start();
  // Singletons: one process runs each (on SQLite this one, at once; on PostgreSQL whichever
  // holds the advisory lock, and another takes over within leaderRetryMs if it dies).
  const retryMs = opts.leaderRetryMs;
  const leaderships: Leadership[] = [
    db.leader('scheduler', () => services.scheduler.start(), () => services.scheduler.stop(), retryMs),
  ];
  if (forwarder) leaderships.push(db.leader('forwarder', () => forwarder.start(), () => void forwarder.stop(), retryMs));
  if (notifications.outbox.channels.size) {
    await notifications.listen();
    leaderships.push(db.leader('notify', () => notifications.worker.start(), () => void notifications.worker.stop(), retryMs));
  }
  if (whatsapp) {
    await whatsapp.listen();
    leaderships.push(db.leader('whatsapp', () => whatsapp.worker.start(), () => void whatsapp.worker.stop(), retryMs));
  }

  return {
    app,
    fetch: app.fetch,
    services,
    forwarder,
    notifications,
    whatsapp,
    demoAdminTokens,
    tick: () => services.scheduler.tick(),
    get leading() {
      return leaderships.every((l) => l.held);
    },
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve) => {
        server = serve(
          {
            fetch: app.fetch,
            port,
            hostname: host,
            // Slowloris: a head or body trickled in is cut when its time is up; Node checks
            // every connectionsCheckingInterval, so that is a fraction of the shortest limit.
            serverOptions: {
              headersTimeout: timeouts.headersMs,
              requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
              connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
              // Longer than a load balancer's usual 60 s idle, so it closes first.
              keepAliveTimeout: 65_000,
            },
          },
          (info: AddressInfo) => {
            notifications.useListenUrl(`http://${host.includes(':') ? `[${host}]` : host}:${info.port}`);
            resolve({ port: info.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}` });
          },
        );
        const http = server as import('node:http').Server;
        // A socket with no traffic at all is closed; event streams switch this off for themselves.
        http.timeout = timeouts.idleMs;
        capConnectionsPerAddress(http, timeouts.connectionsPerAddress, opts.trustProxy);
        // Whatever many addresses do together, sockets never take the descriptors SQLite and
        // uploads need (EMFILE there would fail submits, not just refuse a connection).
        const fds = fdLimit();
        if (fds) http.maxConnections = Math.max(256, fds - 256);
      });
    },
    async close() {
      for (const l of leaderships) await l.close();
      services.attachments.close();
      // Wait for a push or send under way (stop() is safe when not running).
      await forwarder?.stop();
      await whatsapp?.close();
      await notifications.close();
      await feed?.stop();
      hub.close();
      if (server) {
        const s = server as import('node:http').Server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections?.();
        });
      }
      await db.close();
    },
  };
}

/** Defaults overridden only by the values actually given (undefined keeps the default). */
function withDefaults<T extends object>(defaults: T, given: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** 10,000 streams, or fewer if this process may not open that many descriptors (keeping 1,024 spare). */
const fdLimit = () => descriptorLimit(() => readFileSync('/proc/self/limits', 'utf8'));

function defaultStreams(): StreamLimits {
  const fds = fdLimit();
  return fds ? { ...DEFAULT_STREAMS, total: Math.max(64, Math.min(DEFAULT_STREAMS.total, fds - 1024)) } : DEFAULT_STREAMS;
}
