/** OPD admin API: transitions that move a report on, and the queue ordered by urgency. */
import * as z from 'zod/mini';
import { InstitutionKind, ReportStatus } from './enums.js';
import { Id, Instant, text } from './primitives.js';
import { Category, Institution } from './reference.js';
import { Report, Reporter } from './report.js';

export const TransitionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify') }),
  z.object({ action: z.literal('forward'), institutionId: Id }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('respond'), message: text(2, 5000) }),
  z.object({ action: z.literal('complete') }),
  z.object({ action: z.literal('hold'), reason: z.optional(text(2, 500)) }),
  z.object({ action: z.literal('resume') }),
  z.object({ action: z.literal('archive'), reason: text(2, 500) }),
]);
export type TransitionInput = z.infer<typeof TransitionInput>;

/**
 * One step of a report's escalation chain (LAPOR_ESCALATION, issue 28), as the admin sees
 * it in the report's detail: who, when, and what became of it. Never in the citizen's view.
 */
export const EscalationEntry = z.object({
  /** The institution whose chain it belongs to (the report's, when it fired). */
  institutionId: z.nullable(Id),
  /** Minutes relative to the local.handle deadline (negative: before it). */
  at: z.number().check(z.int()),
  to: z.enum(['institution', 'head', 'regent']),
  /** Sent even outside the recipient's service hours. */
  urgent: z.boolean(),
  /** Deadline + at. */
  dueAt: Instant,
  /** When it goes (went) out: dueAt, or the next opening of the recipient's service hours. */
  sendAt: Instant,
  /**
   * planned | held (waits for service hours) | paused (report on hold) | queued (being
   * sent) | sent | failed | cancelled (taken up first) | skipped (a later step to the same
   * recipient was due at the same time) | no_contact.
   */
  state: z.enum(['planned', 'held', 'paused', 'queued', 'sent', 'failed', 'cancelled', 'skipped', 'no_contact']),
  firedAt: z.optional(z.nullable(Instant)),
  sentAt: z.optional(z.nullable(Instant)),
  recipients: z.number().check(z.int(), z.gte(0)),
  channels: z.array(z.enum(['email', 'whatsapp'])),
});
export type EscalationEntry = z.infer<typeof EscalationEntry>;

export const AdminReport = z.extend(Report, {
  institutionId: z.nullable(Id),
  reporter: z.optional(z.nullable(Reporter)),
  /** The nearest `dueAt` among running clocks; the queue sorts on it. */
  nextDueAt: z.optional(z.nullable(Instant)),
  /** The escalation steps (detail only; absent in the queue and without LAPOR_ESCALATION). */
  escalations: z.optional(z.array(EscalationEntry)),
});
export type AdminReport = z.infer<typeof AdminReport>;

export const AdminQueueQuery = z.object({
  status: z.optional(ReportStatus),
  institution: z.optional(Id),
  sort: z.optional(z.enum(['due', 'created'])),
  /** `open`: every status that still needs an admin (not completed, not archived). */
  state: z.optional(z.enum(['open'])),
  /** Up to 1,000: the console holds an institution's whole open queue at once. */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000))),
});
export type AdminQueueQuery = z.infer<typeof AdminQueueQuery>;

export const AdminQueue = z.object({ items: z.array(AdminReport) });
export type AdminQueue = z.infer<typeof AdminQueue>;

/**
 * `POST /v1/admin/watch` (admin bearer) → a ticket for `GET /v1/admin/events?ticket=`,
 * the institution-wide stream. `institutions` is the token's scope (null: every one), so
 * the console knows which reports a `forward` takes out of its queue.
 */
export const AdminWatchTicket = z.object({
  ticket: z.string().check(z.minLength(16)),
  expiresAt: Instant,
  institutions: z.nullable(z.array(Id)),
});
export type AdminWatchTicket = z.infer<typeof AdminWatchTicket>;

/**
 * `event: admin.reload` on the admin stream: the console resumed from further back than
 * the gateway replays (its horizon), so instead of thousands of events it is told to
 * reload its queue (`GET /v1/admin/reports`) and carry on from `id`, the stream's
 * position now (also the SSE `id:`).
 */
export const ADMIN_RELOAD_EVENT = 'admin.reload';
export const AdminReload = z.object({ id: z.string(), reason: z.enum(['horizon']) });
export type AdminReload = z.infer<typeof AdminReload>;

/** `GET /v1/admin/compliance?from=&to=`: the period is [from, to). */
export const ComplianceQuery = z.object({
  from: Instant,
  to: Instant,
  institution: z.optional(Id),
});
export type ComplianceQuery = z.infer<typeof ComplianceQuery>;

/** One institution's figures on the local 4-hour rule (2 hours for a kecamatan). */
export const ComplianceRow = z.object({
  institutionId: Id,
  name: z.string(),
  kind: InstitutionKind,
  /** The local.handle limit in hours that applied in the period (4, or 2 for a camat). */
  limitHours: z.number(),
  /** Reports received in the period. */
  received: z.number().check(z.int(), z.gte(0)),
  /** Of those, how many were taken up (local.handle stopped). */
  handled: z.number().check(z.int(), z.gte(0)),
  /** Of those handled, how many within the limit. */
  withinLimit: z.number().check(z.int(), z.gte(0)),
  /** Received in the period, not yet handled, and already past the limit. */
  openLate: z.number().check(z.int(), z.gte(0)),
  /** withinLimit ÷ (handled + openLate); null when there is nothing to judge yet. */
  shareWithinLimit: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  /** Median time from receipt to first handling (ms, pauses excluded); null with none handled. */
  medianFirstHandlingMs: z.nullable(z.number().check(z.gte(0))),
  /** Open now with local.handle past due, whenever received. */
  overdueNow: z.number().check(z.int(), z.gte(0)),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

export const ComplianceReport = z.object({
  from: Instant,
  to: Instant,
  serverTime: Instant,
  items: z.array(ComplianceRow),
  /** The public board with the same figures (issue 28), for the console to link to. */
  boardUrl: z.optional(z.string()),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

/** `GET /v1/admin/reference`: names for the console (forward picker, category column). */
export const AdminReference = z.object({
  institutions: z.array(Institution),
  categories: z.array(Category),
});
export type AdminReference = z.infer<typeof AdminReference>;
