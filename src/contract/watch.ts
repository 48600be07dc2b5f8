/**
 * Live updates. EventSource cannot send headers, so access codes are exchanged for a
 * short-lived ticket first (`POST /v1/watch`) and never appear in a URL.
 */
import * as z from 'zod/mini';
import { ClockId, ReportStatus } from './enums.js';
import { LIMITS } from './limits.js';
import { AccessToken, Instant, TrackingId } from './primitives.js';
import { Report } from './report.js';

export const WatchRequest = z.object({
  reports: z
    .array(z.object({ trackingId: TrackingId, accessToken: z.optional(AccessToken) }))
    .check(z.minLength(1), z.maxLength(LIMITS.watchReports)),
});
export type WatchRequest = z.infer<typeof WatchRequest>;

export const WatchTicket = z.object({ ticket: z.string().check(z.minLength(16)), expiresAt: Instant });
export type WatchTicket = z.infer<typeof WatchTicket>;

export const REPORT_EVENT_TYPES = [
  'report.status_changed',
  'report.response_added',
  'report.updated',
  'report.upstream_synced',
  'sla.breached',
] as const;
export const ReportEventType = z.enum(REPORT_EVENT_TYPES);
export type ReportEventType = z.infer<typeof ReportEventType>;

/**
 * The `data:` of one SSE event. Each carries the whole report as it now is, so a client
 * that missed nothing can apply events in order, and one that is unsure can just take
 * the latest snapshot.
 */
export const ReportEvent = z.object({
  id: z.string(),
  type: ReportEventType,
  trackingId: TrackingId,
  at: Instant,
  from: z.optional(z.nullable(ReportStatus)),
  to: z.optional(z.nullable(ReportStatus)),
  clockId: z.optional(z.nullable(ClockId)),
  report: Report,
});
export type ReportEvent = z.infer<typeof ReportEvent>;
