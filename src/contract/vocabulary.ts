/**
 * Word lists of the contract as plain arrays, with no zod: the form paints its radio
 * buttons, file picker and field messages from these before the network/validation
 * layer (zod, the schemas, the SDK) has arrived. enums.ts and error.ts build their
 * schemas from them and re-export them, so there is still one spelling.
 */
export const CLASSIFICATIONS = ['complaint', 'aspiration', 'info_request'] as const;

/** Statuses the gateway stores, in the order a report normally walks them. */
export const REPORT_STATUSES = [
  'submitted',
  'verified',
  'forwarded',
  'in_progress',
  'responded',
  'completed',
  'on_hold',
  'archived',
] as const;

/** The happy path, for steppers. `on_hold` and `archived` are side states. */
export const STATUS_PATH = REPORT_STATUSES.slice(0, 6) as readonly (typeof REPORT_STATUSES)[number][];

export const ATTACHMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Codes a single field can fail with; the same on the device and on the gateway. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_many',
  'too_small',
  'too_big',
  'invalid',
  'invalid_format',
  'invalid_characters',
  'contains_nik',
  'in_future',
  'unknown_value',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
