/** The gateway's services, wired once in gateway.ts and handed to the routes. */
import type { SiteKeyConfig } from '../options.js';
import type { Db } from '../db/index.js';
import type { GuessThrottle, Limiters, StreamGate } from '../http/limits.js';
import type { ReplyLimits } from '../options.js';
import type { AdminTokens } from './admin.js';
import type { AttachmentService } from './attachments.js';
import type { EventLog, Hub } from './events.js';
import type { Locator } from './locate.js';
import type { ReportService } from './reports.js';
import type { BreachScheduler } from './scheduler.js';
import type { StorageHealth } from './storage.js';
import type { Store } from './store.js';
import type { TicketStore } from './tickets.js';
import type { TransitionService } from './transitions.js';

export interface Services {
  db: Db;
  store: Store;
  reports: ReportService;
  transitions: TransitionService;
  attachments: AttachmentService;
  events: EventLog;
  hub: Hub;
  tickets: TicketStore;
  admin: AdminTokens;
  scheduler: BreachScheduler;
  siteKeys: Record<string, SiteKeyConfig>;
  /** Token buckets per client and route family. */
  limits: Limiters;
  /** Open event streams per client and in total. */
  streams: StreamGate;
  /** Wrong access codes, per client and per report. */
  guesses: GuessThrottle;
  replies: ReplyLimits;
  storage: StorageHealth;
  /** A point → the kecamatan/desa it falls in (centres from the reference file). */
  locator: Locator;
  /** The server secret (LAPOR_SECRET): access-code HMAC and watch tickets. */
  secret: Buffer;
  now: () => Date;
  rootDir: string;
  /** Page folders served at `/`, first match wins (GatewayOptions.pagesDirs). */
  pagesDirs: string[];
  sseRetryMs: number;
}
