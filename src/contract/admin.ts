/** OPD admin API: transitions that move a report on, and the queue ordered by urgency. */
import * as z from 'zod/mini';
import { ReportStatus } from './enums.js';
import { Id, Instant, text } from './primitives.js';
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

export const AdminReport = z.extend(Report, {
  institutionId: z.nullable(Id),
  reporter: z.optional(z.nullable(Reporter)),
  /** The nearest `dueAt` among running clocks; the queue sorts on it. */
  nextDueAt: z.optional(z.nullable(Instant)),
});
export type AdminReport = z.infer<typeof AdminReport>;

export const AdminQueueQuery = z.object({
  status: z.optional(ReportStatus),
  institution: z.optional(Id),
  sort: z.optional(z.enum(['due', 'created'])),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
});
export type AdminQueueQuery = z.infer<typeof AdminQueueQuery>;

export const AdminQueue = z.object({ items: z.array(AdminReport) });
export type AdminQueue = z.infer<typeof AdminQueue>;
