/**
 * The client's validation layer: zod, the contract's schemas the client checks answers
 * and inputs with, and `settle` (an answer → data or a typed error). Loaded on the
 * client's first call (load-schemas.ts), not with the client: a page that creates a
 * client and never calls it, or has not called it yet, has downloaded ky and the client
 * only. Everything here is re-exported, so the chunk is one file.
 */
export { Attachment } from '../contract/attachment.js';
export { Config, InstitutionList, LocationList } from '../contract/reference.js';
export { AccessCodeRecovery, FollowUpInput, Report, ReportInput, SubmitResult } from '../contract/report.js';
export { validate } from '../contract/validate.js';
export { WatchTicket } from '../contract/watch.js';
export { settle } from './response.js';
