/**
 * What the form holds (plain strings, as the inputs give them) and how it maps to the
 * wire's `ReportInput` and back, plus which field a contract error path belongs to.
 */
import type { Classification, ReportInput, ReportLocation, Reporter } from '../../contract/index.js';
import { CLASSIFICATIONS } from '../../contract/vocabulary.js';

/**
 * What `prefill()` takes (`<lapor-report-form>`, `<lapor-widget>`, the embed's `prefill`
 * command): any of these fields, `location` also as plain text. It is checked again at
 * run time, field by field (page data may be anything): a wrong type is dropped, never
 * shown. Attachments and `notify` cannot be prefilled: files and consent are the
 * citizen's own.
 */
export type ReportPrefill = Partial<Pick<ReportInput, 'classification' | 'title' | 'body' | 'incidentDate' | 'institutionId' | 'categoryId' | 'anonymous' | 'secret'>> & {
  location?: string | Partial<ReportLocation>;
  reporter?: Reporter;
};

export interface FormValues {
  classification: Classification;
  title: string;
  body: string;
  incidentDate: string;
  locationText: string;
  locationId?: string;
  lat?: number;
  lng?: number;
  institutionId?: string;
  /** Text in the Instansi box: the picked institution's name, or what is being typed. */
  institutionText: string;
  categoryId: string;
  anonymous: boolean;
  secret: boolean;
  name: string;
  phone: string;
  email: string;
  /** "Kirim pembaruan ke WhatsApp/email saya": unticked until the citizen ticks it. */
  notifyWhatsapp: boolean;
  notifyEmail: boolean;
}

export const emptyValues = (classification: Classification = 'complaint'): FormValues => ({
  classification,
  title: '',
  body: '',
  incidentDate: '',
  locationText: '',
  institutionText: '',
  categoryId: '',
  anonymous: false,
  secret: false,
  name: '',
  phone: '',
  email: '',
  notifyWhatsapp: false,
  notifyEmail: false,
});

/** The fields that can carry an error, in the order they appear on the form. */
export const FIELD_KEYS = [
  'classification',
  'title',
  'body',
  'incidentDate',
  'location',
  'institutionId',
  'categoryId',
  'attachmentIds',
  'anonymous',
  'secret',
  'reporter.name',
  'reporter.phone',
  'reporter.email',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** `location.text` → `location`, `attachmentIds.3` → `attachmentIds`; unknown → undefined. */
export function fieldKeyOf(path: string): FieldKey | undefined {
  if (path === 'location' || path.startsWith('location.')) return 'location';
  if (path.startsWith('attachmentIds')) return 'attachmentIds';
  if (path === 'reporter') return 'reporter.name';
  return (FIELD_KEYS as readonly string[]).includes(path) ? (path as FieldKey) : undefined;
}

/** The id of the control that gets focus for a field. */
export function controlId(key: FieldKey): string {
  return `f-${key.replace('.', '-')}`;
}

const trimmed = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

/**
 * The report as the gateway will read it (may still be invalid: `validate` says).
 * `offered`: the channels the gateway sends updates on, when known. A ticked channel it
 * offers is sent even without its contact, so validation asks for the number or address;
 * otherwise consent counts only for a channel whose contact is there (its box shows only then).
 */
export function toInput(v: FormValues, attachmentIds: string[], offered?: readonly string[]): ReportInput {
  const phone = trimmed(v.phone);
  const email = trimmed(v.email);
  const consent = (channel: 'email' | 'whatsapp', ticked: boolean, contact: string | undefined) =>
    ticked && (contact || offered?.includes(channel)) ? [channel] : [];
  const notify = [...consent('email', v.notifyEmail, email), ...consent('whatsapp', v.notifyWhatsapp, phone)];
  // Anonim (LAPOR!'s meaning): the institution never learns who reported, so the name and
  // the contacts stay on the device, except the contact of a channel the citizen asked
  // updates on: the gateway keeps it only to write to them and never shows it.
  const reporter = v.anonymous
    ? { phone: notify.includes('whatsapp') ? phone : undefined, email: notify.includes('email') ? email : undefined }
    : { name: trimmed(v.name), phone, email };
  const hasReporter = Object.values(reporter).some(Boolean);
  // Unchecked form values: a complaint may still lack its date here. validate(ReportInput, …)
  // reports that on its field before anything is sent, so this is the type once it passes.
  return {
    classification: v.classification,
    title: v.title,
    body: v.body,
    ...(v.classification === 'complaint' && v.incidentDate ? { incidentDate: v.incidentDate } : {}),
    location: {
      text: v.locationText,
      ...(v.locationId ? { locationId: v.locationId } : {}),
      ...(v.lat !== undefined && v.lng !== undefined ? { lat: v.lat, lng: v.lng } : {}),
    },
    ...(v.institutionId ? { institutionId: v.institutionId } : {}),
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    attachmentIds,
    anonymous: v.anonymous,
    secret: v.secret,
    ...(hasReporter ? { reporter: JSON.parse(JSON.stringify(reporter)) as typeof reporter } : {}),
    ...(notify.length ? { notify } : {}),
  } as ReportInput;
}

/** Merge (possibly partial) input into the form's values: drafts, `prefill()`. */
export function fromInput(base: FormValues, input: Partial<ReportInput>, institutionName?: string): FormValues {
  const next = { ...base };
  if (input.classification) next.classification = input.classification;
  if (input.title !== undefined) next.title = input.title;
  if (input.body !== undefined) next.body = input.body;
  if (input.incidentDate !== undefined) next.incidentDate = input.incidentDate;
  if (input.location) {
    next.locationText = input.location.text ?? '';
    next.locationId = input.location.locationId;
    next.lat = input.location.lat;
    next.lng = input.location.lng;
  }
  if (input.institutionId !== undefined) {
    next.institutionId = input.institutionId || undefined;
    next.institutionText = institutionName ?? input.institutionId ?? '';
  }
  if (input.categoryId !== undefined) next.categoryId = input.categoryId;
  if (input.anonymous !== undefined) next.anonymous = input.anonymous;
  if (input.secret !== undefined) next.secret = input.secret;
  if (input.reporter) {
    next.name = input.reporter.name ?? '';
    next.phone = input.reporter.phone ?? '';
    next.email = input.reporter.email ?? '';
  }
  if (input.notify) {
    next.notifyEmail = input.notify.includes('email');
    next.notifyWhatsapp = input.notify.includes('whatsapp');
  }
  return next;
}

/** Today on this device as `YYYY-MM-DD` (the date input's `max`). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const bool = (x: unknown): boolean | undefined => (typeof x === 'boolean' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/**
 * `prefill` data comes from the host page (the embed's command queue), so it is checked
 * field by field: wrong types are dropped, never rendered. `location` may be a plain string.
 */
export function sanitizePrefill(data: unknown): Partial<ReportInput> {
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  const out: Partial<ReportInput> = {};
  const classification = str(d.classification);
  if (classification && (CLASSIFICATIONS as readonly string[]).includes(classification)) out.classification = classification as Classification;
  for (const key of ['title', 'body', 'incidentDate', 'institutionId', 'categoryId'] as const) {
    const value = str(d[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const key of ['anonymous', 'secret'] as const) {
    const value = bool(d[key]);
    if (value !== undefined) out[key] = value;
  }
  const loc = d.location;
  if (typeof loc === 'string') out.location = { text: loc };
  else if (loc && typeof loc === 'object') {
    const l = loc as Record<string, unknown>;
    out.location = { text: str(l.text) ?? '', locationId: str(l.locationId), lat: num(l.lat), lng: num(l.lng) };
  }
  const rep = d.reporter;
  if (rep && typeof rep === 'object') {
    const r = rep as Record<string, unknown>;
    out.reporter = { name: str(r.name), phone: str(r.phone), email: str(r.email) };
  }
  return out;
}
