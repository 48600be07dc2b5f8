/**
 * The admin state machine's table, with no zod: which statuses each admin action may
 * start from, and where it leads. The gateway enforces it (gateway/services/
 * transitions.ts) and `<lapor-admin-queue>` offers only the buttons it allows, so both
 * read this one table and cannot drift apart. `resume` is the exception in both: it
 * leads back to the status the report was held from, which only the stored report knows.
 */
import type { REPORT_STATUSES } from './vocabulary.js';

type Status = (typeof REPORT_STATUSES)[number];
export type AdminAction = 'verify' | 'forward' | 'start' | 'respond' | 'complete' | 'hold' | 'resume' | 'archive';

/** Statuses in which a report is still being handled (hold and archive apply to these). */
export const ACTIVE_STATUSES: readonly Status[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded'];
/** What an admin's queue holds: everything not completed or archived. */
export const OPEN_STATUSES: readonly Status[] = [...ACTIVE_STATUSES, 'on_hold'];

/** The statuses each action may be taken from. */
export const ACTION_FROM: Readonly<Record<AdminAction, readonly Status[]>> = {
  verify: ['submitted'],
  // Forwarding again (to a better-placed institution) is allowed before work starts.
  forward: ['verified', 'forwarded'],
  start: ['forwarded'],
  respond: ['in_progress'],
  complete: ['responded'],
  hold: ACTIVE_STATUSES,
  resume: ['on_hold'],
  archive: OPEN_STATUSES,
};

/** Where each action leads (`resume`: see the header). */
export const ACTION_TO: Readonly<Record<Exclude<AdminAction, 'resume'>, Status>> = {
  verify: 'verified',
  forward: 'forwarded',
  start: 'in_progress',
  respond: 'responded',
  complete: 'completed',
  hold: 'on_hold',
  archive: 'archived',
};
