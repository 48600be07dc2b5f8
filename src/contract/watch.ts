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

const eventBase = {
  /** The event's id (SSE `id:`): resume after it with `Last-Event-ID`. */
  id: z.string(),
  trackingId: TrackingId,
  /** When it happened (for a report synced with LAPOR!, LAPOR!'s own time). */
  at: Instant,
  /** The whole report as it now is. */
  report: Report,
};

/**
 * The `data:` of one SSE event, discriminated by `type`: narrowing on it gives the fields
 * that type carries (`from`/`to` for a status change, `clockId` for a breach). Each event
 * carries the whole report as it now is, so a client that missed nothing can apply events
 * in order, and one that is unsure can just take the latest snapshot.
 */
export const ReportEvent = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('report.status_changed'),
    /** The status before (`null`: none yet). */
    from: z.nullable(ReportStatus),
    /** The status now (also `report.status`). */
    to: ReportStatus,
  }),
  z.object({
    ...eventBase,
    type: z.literal('sla.breached'),
    /** The clock that went past its deadline (`local.handle`, `lapor.verify`, …). */
    clockId: ClockId,
  }),
  z.object({
    ...eventBase,
    /** A response was added, something else changed, or LAPOR! accepted the report (`report.laporId`). */
    type: z.enum(['report.response_added', 'report.updated', 'report.upstream_synced']),
  }),
]);
export type ReportEvent = z.infer<typeof ReportEvent>;
