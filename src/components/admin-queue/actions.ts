/**
 * Which admin actions a report's status allows: the contract's transition table, the
 * one the gateway enforces, so the console never offers a button the gateway would
 * refuse. The gateway stays the judge: a colleague may have moved the report meanwhile
 * (409), which the console explains.
 */
import type { ReportStatus } from '../../contract/enums.js';
import { ACTION_FROM, type AdminAction } from '../../contract/transitions.js';

export type { AdminAction };

/** In the order an admin usually takes them. */
export const ACTION_ORDER: readonly AdminAction[] = ['verify', 'forward', 'start', 'respond', 'complete', 'resume', 'hold', 'archive'];

export function legalActions(status: ReportStatus): AdminAction[] {
  return ACTION_ORDER.filter((a) => ACTION_FROM[a].includes(status));
}

/** Actions that need more input first (a form opens); the others act on one press. */
export const NEEDS_FORM: ReadonlySet<AdminAction> = new Set(['forward', 'respond', 'hold', 'archive']);
