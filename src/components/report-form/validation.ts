/**
 * What the form validates with, loaded on demand (load-validation.ts): the contract's
 * zod schema of a report and the one `validate()` the SDK and the gateway use too. zod
 * and the schemas are ~12 kB gz that the form does not need to paint and take typing.
 */
export { validate } from '../../contract/validate.js';
export { ReportInput } from '../../contract/report.js';
// "Saved, not sent yet" comes with it: no submit happens before this layer is in.
export { formatAccessCode, formatTrackingId, queuedPanel, sentFallback, updatesOf } from './after-submit.js';
