/**
 * The admin state machine. Each accepted action updates the report, its transitions (the
 * SLA engine's input), its clocks, the timeline, and the event log in one transaction.
 */
import type { AdminQueueQuery, ReportStatus, TransitionInput } from '../../src/contract/index.js';
import { ACTION_FROM, ACTION_TO, OPEN_STATUSES } from '../../src/contract/transitions.js';
import { msg, type MessageKey } from '../../src/i18n/index.js';
import { ApiError } from '../http/errors.js';
import { canSee, type AdminScope } from './admin.js';
import type { LoggedEvent } from './events.js';
import type { ReportService } from './reports.js';
import { nextDueAt, type Transition } from './sla.js';
import { randomId } from './secrets.js';
import type { ReportRow } from './store.js';
import { buildAdminReport } from './views.js';

export class TransitionService {
  constructor(private readonly reports: ReportService) {}

  private async rowFor(scope: AdminScope, trackingId: string): Promise<ReportRow> {
    const row = await this.reports.store.report(trackingId);
    if (!row) throw new ApiError(404, 'not_found', { messageKey: 'error.report_not_found' });
    if (!canSee(scope, row.institution_id)) throw new ApiError(403, 'forbidden');
    return row;
  }

  async get(scope: AdminScope, trackingId: string) {
    const row = await this.rowFor(scope, trackingId);
    const now = this.reports.now();
    const report = await buildAdminReport(this.reports.store, row, now.toISOString());
    // Issue 28: the escalation steps, in the admin's view only.
    const escalations = await this.reports.escalations?.view(row, report.clocks, now.getTime());
    return escalations ? { ...report, escalations } : report;
  }

  async apply(scope: AdminScope, trackingId: string, input: TransitionInput, lang: string) {
    const { store } = this.reports;
    await this.rowFor(scope, trackingId);
    if (input.action === 'forward' && !store.institutions.has(input.institutionId)) {
      throw new ApiError(422, 'validation_failed', {
        fields: [{ path: 'institutionId', code: 'unknown_value', message: msg(lang, 'fieldError.unknown_value', { field: msg(lang, 'field.institutionId') }) }],
      });
    }
    await this.reports.commit(async () => {
      const row = (await store.reportForUpdate(trackingId))!;
      // Again under the row lock: a forward committed since rowFor() may have moved it away.
      if (!canSee(scope, row.institution_id)) throw new ApiError(403, 'forbidden');
      const from = row.status as ReportStatus;
      let to: ReportStatus;
      if (input.action === 'resume') {
        if (from !== 'on_hold' || !row.held_from) throw illegal(lang, from, input.action);
        to = row.held_from as ReportStatus;
      } else {
        if (!ACTION_FROM[input.action].includes(from)) throw illegal(lang, from, input.action);
        to = ACTION_TO[input.action];
      }
      const now = this.reports.now();
      const at = now.toISOString();
      const institutionId = input.action === 'forward' ? input.institutionId : row.institution_id;
      const institutionName = institutionId ? store.institutions.get(institutionId)?.name ?? null : null;
      const transitions = JSON.parse(row.transitions_json) as Transition[];
      transitions.push(input.action === 'forward' ? { status: to, at, institutionId } : { status: to, at });
      const next: ReportRow = {
        ...row,
        status: to,
        held_from: to === 'on_hold' ? from : null,
        status_reason: input.action === 'hold' || input.action === 'archive' ? input.reason ?? null : null,
        institution_id: institutionId,
        transitions_json: JSON.stringify(transitions),
        updated_at: at,
      };
      const clocks = this.reports.recomputeClocks(next);
      await store.updateState({
        ...next,
        clocks_json: JSON.stringify(clocks),
        next_due_at: nextDueAt(clocks),
        next_check_at: this.reports.checkAt(institutionId, clocks),
      });
      const note = input.action === 'hold' || input.action === 'archive' ? input.reason ?? null : null;
      await this.reports.addTimeline(trackingId, { at, type: 'status', status: to, from, institutionName, note });
      const events: LoggedEvent[] = [];
      if (input.action === 'respond') {
        await store.insertResponse({
          id: randomId('rsp', 9),
          tracking_id: trackingId,
          at,
          author: 'agency',
          institution_name: institutionName,
          message: input.message,
          upstream_ref: null,
        });
        await this.reports.addTimeline(trackingId, { at, type: 'response', institutionName });
        await this.reports.enqueueUpstream(trackingId, 'response', { message: input.message });
      }
      if (input.action === 'forward') await this.reports.enqueueUpstream(trackingId, 'forward', { institutionId });
      events.push(await this.reports.logEvent(trackingId, 'report.status_changed', at, { from, to }));
      if (input.action === 'respond') events.push(await this.reports.logEvent(trackingId, 'report.response_added', at));
      events.push(...(await this.reports.announceBreaches(trackingId, clocks, at)));
      return { events };
    });
    return this.get({ label: 'self', institutions: null }, trackingId);
  }

  async queue(scope: AdminScope, query: AdminQueueQuery) {
    if (query.institution && !canSee(scope, query.institution)) throw new ApiError(403, 'forbidden');
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.state === 'open') where.push(`status IN (${OPEN_STATUSES.map((st) => `'${st}'`).join(', ')})`);
    if (query.institution) {
      where.push('institution_id = ?');
      params.push(query.institution);
    } else if (scope.institutions !== null) {
      const ids = [...scope.institutions];
      // A scope without institutions sees nothing (`IN ()` is not SQL).
      where.push(ids.length ? `institution_id IN (${ids.map(() => '?').join(', ')})` : '1 = 0');
      params.push(...ids);
    }
    const order = query.sort === 'created' ? 'created_at DESC' : 'next_due_at IS NULL, next_due_at ASC, created_at ASC';
    const rows = await this.reports.store.db.all<ReportRow>(
      `SELECT * FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      [...params, query.limit ?? 50],
    );
    const serverTime = this.reports.now().toISOString();
    return { items: await Promise.all(rows.map((r) => buildAdminReport(this.reports.store, r, serverTime))) };
  }
}

function illegal(lang: string, status: ReportStatus, action: TransitionInput['action']) {
  return new ApiError(409, 'illegal_transition', { params: { status: msg(lang, `status.${status}`), action: msg(lang, `action.${action}` as MessageKey) } });
}
