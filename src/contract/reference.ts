/** Reference data: institutions, locations, categories, and the `/v1/config` document. */
import * as z from 'zod/mini';
import { AttachmentMime, CLASSIFICATIONS, InstitutionKind, Locale, TimeZone } from './enums.js';
import { Id, Instant, LocalizedText } from './primitives.js';
import { ServiceHours, SlaCalendar, SlaPolicies } from './sla.js';

/**
 * An institution's public contact, from the reference data (never typed by a citizen):
 * what the status view offers when that institution is late. Each part is optional.
 */
export const InstitutionContact = z.object({
  /** A phone number as the institution publishes it, e.g. "(0333) 424 000". */
  phone: z.optional(z.string()),
  /** A WhatsApp number as published. */
  whatsapp: z.optional(z.string()),
  email: z.optional(z.string()),
  /** A page about complaints, https only. */
  url: z.optional(z.string().check(z.regex(/^https:\/\//))),
});
export type InstitutionContact = z.infer<typeof InstitutionContact>;

export const Institution = z.object({
  id: Id,
  name: z.string(),
  kind: InstitutionKind,
  timeZone: TimeZone,
  parentId: z.optional(z.nullable(Id)),
  /** Its service hours (jam layanan), where it declares them: its 4 hours count only in them. */
  serviceHours: z.optional(ServiceHours),
  contact: z.optional(z.nullable(InstitutionContact)),
});
export type Institution = z.infer<typeof Institution>;

export const Location = z.object({
  id: Id,
  name: z.string(),
  /** e.g. "Kecamatan Genteng, Kabupaten Banyuwangi" */
  path: z.string(),
  kind: z.enum(['province', 'regency', 'kecamatan', 'kelurahan', 'desa']),
});
export type Location = z.infer<typeof Location>;

export const Category = z.object({
  id: Id,
  name: LocalizedText,
  parentId: z.optional(z.nullable(Id)),
});
export type Category = z.infer<typeof Category>;

export const AttachmentLimits = z.object({
  maxBytes: z.number().check(z.int(), z.positive()),
  maxFiles: z.number().check(z.int(), z.positive()),
  mimeTypes: z.array(AttachmentMime),
});
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

export const Config = z.object({
  institutions: z.array(Institution),
  categories: z.array(Category),
  classifications: z.array(z.enum(CLASSIFICATIONS)),
  attachments: AttachmentLimits,
  slaPolicies: SlaPolicies,
  /** Optional: a gateway from before the calendar was served omits it. */
  calendar: z.optional(SlaCalendar),
  locales: z.array(Locale),
  defaultTimeZone: TimeZone,
  /**
   * The channels this gateway sends a citizen updates on (report.ts NOTIFY_CHANNELS);
   * empty when none is configured, absent from a gateway older than it. The form puts the
   * choice in plain sight when there is one.
   */
  notify: z.optional(z.array(z.enum(['email', 'whatsapp']))),
  serverTime: Instant,
});
export type Config = z.infer<typeof Config>;

export const InstitutionList = z.object({ items: z.array(Institution) });
export type InstitutionList = z.infer<typeof InstitutionList>;
export const LocationList = z.object({ items: z.array(Location) });
export type LocationList = z.infer<typeof LocationList>;
