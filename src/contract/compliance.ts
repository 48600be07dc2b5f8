/**
 * The public 4-hour SOP figures (`GET /v1/public/compliance`, issue 28): per institution
 * and per kecamatan / puskesmas group, the same figures as the admin console's
 * compliance table (one computation on the gateway), with ranks. Aggregates only: no
 * tracking id, title, text, location or reporter can be expressed by these schemas.
 */
import * as z from 'zod/mini';
import { InstitutionKind, TimeZone } from './enums.js';
import { CalendarDate, Id, Instant } from './primitives.js';
import { ServiceHours } from './sla.js';

/** Whole local days of the regency's zone, both included; `institution` narrows to one unit (and its group). */
export const PublicComplianceQuery = z.object({
  from: CalendarDate,
  to: CalendarDate,
  institution: z.optional(Id),
});
export type PublicComplianceQuery = z.infer<typeof PublicComplianceQuery>;

const count = () => z.number().check(z.int(), z.gte(0));

/** What is counted for a unit or a group over the period. */
const figures = {
  /** Reports received in the period. */
  received: count(),
  /** Of those, how many were taken up (local.handle stopped). */
  handled: count(),
  /** Of those handled, how many within the limit that applied to each report. */
  withinLimit: count(),
  /** Received in the period, not yet taken up, and already past the limit. */
  openLate: count(),
  /** withinLimit ÷ (handled + openLate); null while nothing can be judged. */
  shareWithinLimit: z.nullable(z.number().check(z.gte(0), z.lte(1))),
  /** Median time from receipt to first handling (ms, in each clock's own hours, pauses excluded). */
  medianFirstHandlingMs: z.nullable(z.number().check(z.gte(0))),
  /** Open now with local.handle past due, whenever received. */
  overdueNow: count(),
  /**
   * 1 = best share within the limit (ties: shorter median, then more reports), among
   * those with at least `minReportsToRank` reports; null: shown, not ranked.
   */
  rank: z.nullable(z.number().check(z.int(), z.gte(1))),
};

export const PublicComplianceUnit = z.object({
  institutionId: Id,
  name: z.string(),
  kind: InstitutionKind,
  /** The local.handle limit in hours in force at the end of the period (4; 2 for a camat from 15 Oct 2025). */
  limitHours: z.number(),
  /** Where the unit counts its hours only in service hours. */
  serviceHours: z.optional(ServiceHours),
  /** The group it belongs to (`groups[].id`), if any. */
  groupId: z.nullable(z.string()),
  ...figures,
});
export type PublicComplianceUnit = z.infer<typeof PublicComplianceUnit>;

/**
 * A kecamatan with the kelurahan and desa under it (`kecamatan:<id>`), or the puskesmas
 * under one agency (`puskesmas:<parent id>`); `name` is the kecamatan's or the agency's.
 */
export const PublicComplianceGroup = z.object({
  id: z.string(),
  kind: z.enum(['kecamatan', 'puskesmas']),
  name: z.string(),
  institutionIds: z.array(Id),
  ...figures,
});
export type PublicComplianceGroup = z.infer<typeof PublicComplianceGroup>;

export const PublicCompliance = z.object({
  from: CalendarDate,
  to: CalendarDate,
  timeZone: TimeZone,
  serverTime: Instant,
  /** Units and groups with fewer reports in the period are shown but not ranked. */
  minReportsToRank: z.number().check(z.int(), z.gte(1)),
  units: z.array(PublicComplianceUnit),
  groups: z.array(PublicComplianceGroup),
});
export type PublicCompliance = z.infer<typeof PublicCompliance>;
