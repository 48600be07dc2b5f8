/**
 * Which admin actions a report's status allows: the gateway's transition table
 * (demo/server/services/transitions.ts, FROM) mirrored, so the console never offers a
 * button the gateway would refuse. The gateway stays the judge: a colleague may have
 * moved the report meanwhile (409), which the console explains.
 */
import type { ReportStatus, TransitionInput } from '../../contract/index.js';

export type AdminAction = TransitionInput['action'];

const ACTIVE: readonly ReportStatus[] = ['submitted', 'verified', 'forwarded', 'in_progress', 'responded'];

const FROM: Record<AdminAction, readonly ReportStatus[]> = {
  verify: ['submitted'],
  forward: ['verified', 'forwarded'],
  start: ['forwarded'],
  respond: ['in_progress'],
  complete: ['responded'],
  hold: ACTIVE,
  resume: ['on_hold'],
  archive: [...ACTIVE, 'on_hold'],
};

/** In the order an admin usually takes them. */
export const ACTION_ORDER: readonly AdminAction[] = ['verify', 'forward', 'start', 'respond', 'complete', 'resume', 'hold', 'archive'];

export function legalActions(status: ReportStatus): AdminAction[] {
  return ACTION_ORDER.filter((a) => FROM[a].includes(status));
}

/** Actions that need more input first (a form opens); the others act on one press. */
export const NEEDS_FORM: ReadonlySet<AdminAction> = new Set(['forward', 'respond', 'hold', 'archive']);
