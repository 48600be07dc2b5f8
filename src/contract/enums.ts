/**
 * Closed vocabularies of the wire contract. Every enum is a zod/mini schema plus its
 * inferred union type, so the SDK, the gateway and the elements share one spelling.
 */
import * as z from 'zod/mini';
// Plain arrays live in vocabulary.ts so the form can use them without zod.
import { ATTACHMENT_MIME_TYPES, CLASSIFICATIONS, REPORT_STATUSES, STATUS_PATH } from './vocabulary.js';

export { ATTACHMENT_MIME_TYPES, CLASSIFICATIONS };

export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

// The status list lives in vocabulary.ts so the status view's stepper can use it without zod.
export { REPORT_STATUSES, STATUS_PATH };
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** States that exist only on the device: a draft, or a report waiting in the outbox. */
export type ClientStatus = 'draft' | 'queued';
export type AnyStatus = ReportStatus | ClientStatus;

export const CHANNELS = ['web', 'smart_kampung', 'whatsapp', 'social_media', 'mobile', 'sms', 'other'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CLOCK_IDS = ['local.handle', 'lapor.verify', 'lapor.followup', 'lapor.close'] as const;
export const ClockId = z.enum(CLOCK_IDS);
export type ClockId = z.infer<typeof ClockId>;

export const CLOCK_STATES = ['running', 'met', 'breached', 'paused'] as const;
export const ClockState = z.enum(CLOCK_STATES);
export type ClockState = z.infer<typeof ClockState>;

export const DURATION_UNITS = ['hours', 'working_hours', 'working_days'] as const;
export const DurationUnit = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof DurationUnit>;

export const INSTITUTION_KINDS = ['opd', 'kecamatan', 'kelurahan', 'desa', 'puskesmas', 'rsud'] as const;
export const InstitutionKind = z.enum(INSTITUTION_KINDS);
export type InstitutionKind = z.infer<typeof InstitutionKind>;

/** Indonesia's three zones (none observes DST). */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const TimeZone = z.enum(TIME_ZONES);
export type TimeZone = z.infer<typeof TimeZone>;

export const UPSTREAM_STATES = ['disabled', 'pending', 'synced', 'failed'] as const;
export const UpstreamState = z.enum(UPSTREAM_STATES);
export type UpstreamState = z.infer<typeof UpstreamState>;

export const TRANSITION_ACTIONS = ['verify', 'forward', 'start', 'respond', 'complete', 'hold', 'resume', 'archive'] as const;
export const TransitionAction = z.enum(TRANSITION_ACTIONS);
export type TransitionAction = z.infer<typeof TransitionAction>;

export const LOCALES = ['id', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const AttachmentMime = z.enum(ATTACHMENT_MIME_TYPES);
export type AttachmentMime = z.infer<typeof AttachmentMime>;
