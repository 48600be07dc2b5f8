/**
 * What the status view validates with, loaded on demand (load-validation.ts): zod and the
 * contract's schemas of a lookup and a follow-up — the same ones the gateway runs. They
 * are ~12 kB gz that the view does not need to paint, so `import 'lapor-widget/define'`
 * (or `lapor-widget/report-status`) does not pay for them up front.
 */
import * as z from 'zod/mini';
import { AccessToken, TrackingId } from '../../contract/primitives.js';

export { validate } from '../../contract/validate.js';
export { FollowUpInput } from '../../contract/report.js';

export const LookupInput = z.object({ trackingId: TrackingId, accessToken: AccessToken });
