/** English: complete, loaded only when asked for. Keys and sections mirror id.ts. */
import type { Catalog } from '../catalog.js';

const en: Catalog = {
  // --- common ---------------------------------------------------------------
  'common.close': 'Close',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.loading': 'Loading…',
  'common.optional': '(optional)',
  'common.copy': 'Copy',
  'common.copied': 'Copied',

  // --- domain: classifications and statuses ----------------------------------
  'classification.complaint': 'Complaint',
  'classification.aspiration': 'Aspiration',
  'classification.info_request': 'Information request',
  'status.draft': 'Draft',
  'status.queued': 'Waiting for connection',
  'status.submitted': 'Not yet verified',
  'status.verified': 'Verified',
  'status.forwarded': 'Forwarded to agency',
  'status.in_progress': 'Being handled',
  'status.responded': 'Responded',
  'status.completed': 'Completed',
  'status.on_hold': 'On hold',
  'status.archived': 'Archived',

  // --- report fields ----------------------------------------------------------
  'field.classification': 'Report type',
  'field.title': 'Title',
  'field.body': 'Details',
  'field.incidentDate': 'Date of incident',
  'field.location': 'Location',
  'field.location.text': 'Location',
  'field.origin': 'Where you are from',
  'field.institutionId': 'Agency',
  'field.categoryId': 'Category',
  'field.attachmentIds': 'Attachments',
  'field.anonymous': 'Anonymous',
  'field.secret': 'Private',
  'field.reporter.name': 'Name',
  'field.reporter.phone': 'Mobile number',
  'field.reporter.email': 'Email',
  'field.message': 'Reply',
  'field.score': 'Rating',
  'field.comment': 'Comment',
  'field.reason': 'Reason',
  'field.trackingId': 'Tracking number',
  'field.accessToken': 'Access code',
  'field.unknown': 'Field',

  // --- field errors -------------------------------------------------------------
  'fieldError.required': '{field} is required.',
  'fieldError.too_short': '{field} is too short: at least {min} characters.',
  'fieldError.too_long': '{field} is too long: at most {max} characters.',
  'fieldError.too_many': 'Too many {field}: at most {max}.',
  'fieldError.too_small': '{field} must be at least {min}.',
  'fieldError.too_big': '{field} must be at most {max}.',
  'fieldError.invalid': '{field} is not valid.',
  'fieldError.invalid_format': '{field} is not in a valid format.',
  'fieldError.invalid_characters': '{field} contains characters that are not allowed.',
  'fieldError.contains_nik': '{field} seems to contain a national ID number (NIK). For your safety, remove it from the text.',
  'fieldError.in_future': '{field} cannot be in the future.',
  'fieldError.unknown_value': '{field} is not recognised.',

  // --- errors from the gateway and the SDK ----------------------------------
  'error.validation_failed': 'Some fields need to be corrected.',
  'error.bad_request': 'The request could not be processed.',
  'error.unauthorized': 'An access code is required, or it is wrong.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.not_found': 'Not found.',
  'error.report_not_found': 'Report not found. Check your tracking number and access code.',
  'error.conflict': 'The request conflicts with existing data.',
  'error.idempotency_conflict': 'This submission key was already used for a different report.',
  'error.idempotency_key_required': 'The Idempotency-Key header is required.',
  'error.illegal_transition': 'A report that is "{status}" cannot be {action}.',
  'error.payload_too_large': 'The data is too large (at most {max}).',
  'error.unsupported_media_type': 'File type not supported. Use PDF, JPG or PNG.',
  'error.rate_limited': 'Too many requests. Try again in {seconds} seconds.',
  'error.site_key_invalid': 'Unknown site key.',
  'error.origin_not_allowed': 'This site is not registered for that site key.',
  'error.ticket_expired': 'The live-update session has expired.',
  'error.upstream_unavailable': 'The LAPOR! service cannot be reached right now.',
  'error.internal': 'Something went wrong on the server. Please try again later.',
  'error.network': 'Cannot connect. Check your internet connection.',
  'error.timeout': 'The server took too long to answer. Please try again.',
  'error.response': 'The server answered in an unexpected format.',
  'error.http': 'The server answered with an error ({status}).',

  // --- durations ------------------------------------------------------------------
  'duration.days': { one: '{n} day', other: '{n} days' },
  'duration.hours': { one: '{n} hour', other: '{n} hours' },
  'duration.minutes': { one: '{n} minute', other: '{n} minutes' },
  'duration.seconds': { one: '{n} second', other: '{n} seconds' },
  'duration.workingDays': { one: '{n} working day', other: '{n} working days' },

  // --- sla-countdown ----------------------------------------------------------

  // --- report-form -----------------------------------------------------------

  // --- report-status ---------------------------------------------------------

  // --- my-reports -------------------------------------------------------------

  // --- widget (launcher and dialog) ------------------------------------------
};

export default en;
