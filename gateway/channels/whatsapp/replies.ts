/**
 * A text to a report the agency has responded to: after the citizen confirms it (a
 * button), it becomes their reply, through the same follow-up path as the status view's
 * reply form (ReportService.addFollowUp: the reply window, the per-report limits, LAPOR!).
 * The number that filed the report stands in for its access code.
 */
import type { Clock } from '../../../src/contract/index.js';
import '../../http/i18n.js';
import { msg, type MessageKey } from '../../../src/i18n/index.js';
import type { Db } from '../../db/index.js';
import { ApiError } from '../../http/errors.js';
import type { ReplyLimits } from '../../options.js';
import type { ReportService } from '../../services/reports.js';
import type { Lang } from './state.js';

const RESPONDED = `SELECT r.tracking_id, r.clocks_json FROM whatsapp_reports w JOIN reports r ON r.tracking_id = w.tracking_id
  WHERE w.wa_id = ? AND r.status = 'responded' ORDER BY r.updated_at DESC LIMIT 5`;

export class ReplyDesk {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly limits: ReplyLimits,
  ) {}

  /** The latest responded report of this number whose reply window (lapor.close) is still open. */
  async openFor(waId: string): Promise<string | undefined> {
    const now = this.reports.now().getTime();
    for (const r of await this.db.all<{ tracking_id: string; clocks_json: string }>(RESPONDED, [waId])) {
      const close = (JSON.parse(r.clocks_json) as Clock[]).find((c) => c.id === 'lapor.close');
      if (close && !close.stoppedAt && Date.parse(close.dueAt) > now) return r.tracking_id;
    }
    return undefined;
  }

  /** Undefined when taken; else why not, in the citizen's words. */
  async reply(trackingId: string, message: string, lang: Lang): Promise<string | undefined> {
    const row = await this.reports.store.report(trackingId);
    if (!row) return msg(lang, 'whatsapp.check.notFound', { trackingId });
    try {
      await this.reports.addFollowUp(row, { kind: 'reply', message }, lang, this.limits);
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      return error.options.fields?.[0]?.message ?? msg(lang, error.options.messageKey ?? (`error.${error.code}` as MessageKey), error.options.params);
    }
  }
}
