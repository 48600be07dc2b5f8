/** Reports: what a citizen submits, and the report as a citizen sees it afterwards. */
import * as z from 'zod/mini';
import { Channel, Classification, ReportStatus, UpstreamState } from './enums.js';
import { LIMITS } from './limits.js';
import { AccessToken, CalendarDate, Id, Instant, TrackingId, publicText, text } from './primitives.js';
import { Attachment } from './attachment.js';
import { Institution } from './reference.js';
import { Clock } from './sla.js';

export const GeoPoint = {
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  lng: z.optional(z.number().check(z.gte(-180), z.lte(180))),
};

export const ReportLocation = z.object({
  text: text(LIMITS.locationText.min, LIMITS.locationText.max),
  locationId: z.optional(Id),
  ...GeoPoint,
});
export type ReportLocation = z.infer<typeof ReportLocation>;

/** Indonesian mobile numbers: 08…, 628… or +628…, 10–15 digits in all. */
/** Channels a citizen may ask updates on (`notify`). */
export const NOTIFY_CHANNELS = ['email', 'whatsapp'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export const PHONE_PATTERN = /^(?:\+62|62|0)8[1-9]\d{6,11}$/;

export const Reporter = z.object({
  name: z.optional(text(0, LIMITS.reporterName.max)),
  phone: z.optional(z.string().check(z.trim(), z.regex(PHONE_PATTERN))),
  email: z.optional(z.email()),
});
export type Reporter = z.infer<typeof Reporter>;

// The fields' documentation is on ReportInputFields below (what the shipped .d.ts shows).
const reportInputShape = z.object({
  classification: Classification,
  title: publicText(LIMITS.title.min, LIMITS.title.max),
  body: publicText(LIMITS.body.min, LIMITS.body.max),
  incidentDate: z.optional(CalendarDate),
  location: ReportLocation,
  institutionId: z.optional(Id),
  categoryId: z.optional(Id),
  attachmentIds: z._default(z.array(Id).check(z.maxLength(LIMITS.attachments.maxFiles)), []),
  anonymous: z._default(z.boolean(), false),
  secret: z._default(z.boolean(), false),
  reporter: z.optional(Reporter),
  notify: z.optional(z.array(z.enum(NOTIFY_CHANNELS)).check(z.maxLength(NOTIFY_CHANNELS.length))),
});

/** Today's date in Indonesia's easternmost zone: no incident can be later than that. */
// Made once, lazily: constructing an Intl.DateTimeFormat costs ~60 µs, which was 14 % of
// a gateway submit when done per validation.
let jayapuraDate: Intl.DateTimeFormat | undefined;
function latestPossibleDate(now = new Date()): string {
  return (jayapuraDate ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jayapura' })).format(now);
}

/**
 * `POST /v1/reports` body. A complaint needs the incident date; no date may lie in the
 * future. Both rules are checks with a field path so they land on the right field.
 */
export const ReportInput = reportInputShape.check(
  z.superRefine((value, ctx) => {
    if (value.classification === 'complaint' && !value.incidentDate) {
      ctx.issues.push({ code: 'custom', message: 'required', path: ['incidentDate'], input: value.incidentDate });
    }
    if (value.incidentDate && value.incidentDate > latestPossibleDate()) {
      ctx.issues.push({ code: 'custom', message: 'in_future', path: ['incidentDate'], input: value.incidentDate });
    }
    // Consent to a channel without its contact could never be honoured: ask for the contact.
    if (value.notify?.includes('email') && !value.reporter?.email) {
      ctx.issues.push({ code: 'custom', message: 'required', path: ['reporter', 'email'], input: undefined });
    }
    if (value.notify?.includes('whatsapp') && !value.reporter?.phone) {
      ctx.issues.push({ code: 'custom', message: 'required', path: ['reporter', 'phone'], input: undefined });
    }
  }),
);
/**
 * The fields of a report, written out so that editors show each one's documentation on
 * hover (a type inferred from the schema loses its comments in the shipped .d.ts).
 * `SameAsSchema` below makes the compiler refuse any drift from the schema.
 */
interface ReportInputFields {
  /** `complaint` (Pengaduan), `aspiration` (Saran/Aspirasi) or `info_request` (Permintaan Informasi). */
  classification: Classification;
  /** Judul: 10–150 characters, public unless `secret`. Keep national ID numbers (NIK) out of it. */
  title: string;
  /** Isi laporan / kronologi: what happened, where, when; 30–5000 characters. No NIK. */
  body: string;
  /** Tanggal kejadian, `YYYY-MM-DD`, not in the future: required for a `complaint`. */
  incidentDate?: string | undefined;
  /** Lokasi kejadian (Asal pelapor for the other two). */
  location: {
    /** The place in words, 3–300 characters ("Jl. Raya Genteng depan Puskesmas"). */
    text: string;
    /** A place id from `searchLocations`, when the citizen picked one. */
    locationId?: string | undefined;
    /** Latitude, when the device gave one (WGS 84). */
    lat?: number | undefined;
    /** Longitude, when the device gave one (WGS 84). */
    lng?: number | undefined;
  };
  /** Instansi tujuan (from `getConfig` or `searchInstitutions`); unset: the gateway routes it. */
  institutionId?: string | undefined;
  /** A category id from `getConfig().categories`. */
  categoryId?: string | undefined;
  /** Ids from `uploadAttachment`, at most 5. Default `[]`. */
  attachmentIds?: string[] | undefined;
  /** Anonim: the reporter's name is not published. Default `false`. */
  anonymous?: boolean | undefined;
  /** Rahasia: the report is not public; reading it needs the access code. Default `false`. */
  secret?: boolean | undefined;
  /** The reporter's contact (never shown with the report); needed for each `notify` channel. */
  reporter?:
    | {
        name?: string | undefined;
        /** An Indonesian mobile number: 08…, 628… or +628…. */
        phone?: string | undefined;
        email?: string | undefined;
      }
    | undefined;
  /** Consent to updates on these channels; each needs its contact in `reporter`. Nothing is sent without it. */
  notify?: NotifyChannel[] | undefined;
}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time only: the written-out fields are exactly what the schema accepts. */
type SameAsSchema<T extends true = Same<ReportInputFields, z.input<typeof reportInputShape>>> = T;
/**
 * The check above, said in the type: a complaint carries its `incidentDate`, so an input
 * TypeScript accepts is not refused for lacking it at run time (the date's format, and
 * that it is not in the future, are still checked then).
 */
export type ReportInput =
  | (Omit<ReportInputFields, 'classification' | 'incidentDate'> & {
      /** Pengaduan: something went wrong; needs `incidentDate`. */
      classification: 'complaint';
      /** Tanggal kejadian, `YYYY-MM-DD`, not in the future. */
      incidentDate: string;
    })
  | (Omit<ReportInputFields, 'classification'> & {
      /** `aspiration` (Saran/Aspirasi) or `info_request` (Permintaan Informasi). */
      classification: Exclude<Classification, 'complaint'>;
    });
export type ParsedReportInput = z.output<typeof ReportInput>;

/** `POST /v1/reports/{id}/access-code`'s answer ("Lupa kode akses?"): the same whether or not it matched. */
export const AccessCodeRecovery = z.object({ message: z.string() });

export const TimelineEntry = z.object({
  id: z.string(),
  at: Instant,
  type: z.enum(['status', 'response', 'reply', 'rating', 'upstream', 'sla']),
  status: z.optional(ReportStatus),
  from: z.optional(z.nullable(ReportStatus)),
  institutionName: z.optional(z.nullable(z.string())),
  note: z.optional(z.nullable(z.string())),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Response = z.object({
  id: z.string(),
  at: Instant,
  author: z.enum(['agency', 'citizen']),
  institutionName: z.optional(z.nullable(z.string())),
  message: z.string(),
});
export type Response = z.infer<typeof Response>;

export const Upstream = z.object({
  state: UpstreamState,
  laporId: z.optional(z.nullable(z.string())),
  syncedAt: z.optional(z.nullable(Instant)),
});
export type Upstream = z.infer<typeof Upstream>;

export const Rating = z.object({
  score: z.number().check(z.int(), z.gte(1), z.lte(5)),
  comment: z.optional(z.nullable(z.string())),
  at: Instant,
});
export type Rating = z.infer<typeof Rating>;

/** A report as the citizen (or anyone holding its code) sees it. Never carries the reporter. */
export const Report = z.object({
  trackingId: TrackingId,
  laporId: z.optional(z.nullable(z.string())),
  status: ReportStatus,
  classification: Classification,
  title: z.string(),
  body: z.string(),
  incidentDate: z.optional(z.nullable(CalendarDate)),
  location: z.object({ text: z.string(), locationId: z.optional(z.nullable(Id)), ...GeoPoint }),
  institution: z.optional(z.nullable(Institution)),
  categoryId: z.optional(z.nullable(Id)),
  attachments: z.array(Attachment),
  anonymous: z.boolean(),
  secret: z.boolean(),
  channel: Channel,
  timeline: z.array(TimelineEntry),
  responses: z.array(Response),
  clocks: z.array(Clock),
  upstream: Upstream,
  /** Why it is on hold or archived, when it is. */
  statusReason: z.optional(z.nullable(z.string())),
  rating: z.optional(z.nullable(Rating)),
  /** Until when the citizen may reply to a response (lapor.close deadline). */
  replyUntil: z.optional(z.nullable(Instant)),
  createdAt: Instant,
  updatedAt: Instant,
  serverTime: Instant,
});
export type Report = z.infer<typeof Report>;

/** `201` answer to `POST /v1/reports`: the only time the access code is ever shown. */
export const SubmitResult = z.object({
  trackingId: TrackingId,
  accessToken: AccessToken,
  report: Report,
});
export type SubmitResult = z.infer<typeof SubmitResult>;

/** `POST /v1/reports/{trackingId}/followups`: a reply while responded, a rating once completed. */
export const FollowUpInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), message: text(LIMITS.followUp.min, LIMITS.followUp.max) }),
  z.object({
    kind: z.literal('rating'),
    score: z.number().check(z.int(), z.gte(1), z.lte(5)),
    comment: z.optional(text(0, LIMITS.ratingComment.max)),
  }),
]);
export type FollowUpInput = z.input<typeof FollowUpInput>;
