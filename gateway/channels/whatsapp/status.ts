/**
 * "cek LPR-XXXX-XXXX": the status and the time left in one sentence. From the number the
 * report was filed from (or the phone it gave for updates) that is enough; from any other
 * number the access code must follow, checked like the web's (constant time, guesses
 * throttled per number and per report). Without a code the answer is the same whether
 * or not the report exists.
 */
import type { Clock } from '../../../src/contract/index.js';
import '../../http/i18n.js';
import { msg } from '../../../src/i18n/index.js';
import { formatDeadline, remaining, splitDuration } from '../../../src/sla/index.js';
import type { Db } from '../../db/index.js';
import { ApiError } from '../../http/errors.js';
import type { GuessThrottle } from '../../http/limits.js';
import { waNumber } from '../../notify/senders.js';
import type { ReportService } from '../../services/reports.js';
import type { ReportRow } from '../../services/store.js';
import type { Lang } from './state.js';

const MINE = `SELECT r.* FROM whatsapp_reports w JOIN reports r ON r.tracking_id = w.tracking_id WHERE w.wa_id = ? ORDER BY w.filed_at DESC LIMIT 3`;

export class StatusDesk {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly guesses: GuessThrottle,
  ) {}

  async answer(waId: string, trackingId: string, code: string | undefined, lang: Lang): Promise<string> {
    const row = await this.reports.store.report(trackingId);
    if (row && (await this.owns(waId, row))) return this.sentence(row, lang);
    if (!code) return msg(lang, 'whatsapp.check.needCode', { trackingId });
    try {
      const authorized = await this.guesses.attempt(`wa:${waId}`, trackingId, () => this.reports.authorize(trackingId, code));
      return this.sentence(authorized, lang);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return msg(lang, 'whatsapp.check.tooMany', { n: error.options.params?.['n'] ?? 60 });
      if (error instanceof ApiError && error.status === 404) return msg(lang, 'whatsapp.check.notFound', { trackingId });
      throw error;
    }
  }

  /** "cek" alone: the number's latest reports, one line each. */
  async mine(waId: string, lang: Lang): Promise<string> {
    const rows = await this.db.all<ReportRow>(MINE, [waId]);
    if (!rows.length) return msg(lang, 'whatsapp.check.none');
    return rows.map((r) => this.sentence(r, lang)).join('\n');
  }

  private sentence(row: ReportRow, lang: Lang): string {
    return sentence(row, lang, this.reports.now(), this.reports.policyTarget(row.institution_id).timeZone);
  }

  private async owns(waId: string, row: ReportRow): Promise<boolean> {
    if (await this.db.get('SELECT 1 AS mine FROM whatsapp_reports WHERE tracking_id = ? AND wa_id = ?', [row.tracking_id, waId])) return true;
    const phone = row.reporter_json ? (JSON.parse(row.reporter_json) as { phone?: string }).phone : undefined;
    return !!phone && waNumber(phone) === waId;
  }
}

/** "Laporan LPR-…: Ditindaklanjuti; sisa waktu 3 jam 12 menit (batas Senin, 7 Desember 2026 13.00 WIB)." */
export function sentence(row: ReportRow, lang: Lang, now: Date, timeZone: string): string {
  const trackingId = row.tracking_id;
  const status = msg(lang, `status.${row.status}` as 'status.submitted');
  if (row.status === 'on_hold') return msg(lang, 'whatsapp.check.paused', { trackingId, status });
  const clocks = JSON.parse(row.clocks_json) as Clock[];
  // The most urgent clock still counting: the one whose deadline the citizen is waiting on.
  const open = clocks.filter((c) => !c.stoppedAt && (c.state === 'running' || c.state === 'breached'));
  const clock = open.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  if (!clock) return msg(lang, 'whatsapp.check.status', { trackingId, status });
  const left = remaining(clock, now);
  const deadline = formatDeadline(clock.dueAt, timeZone, lang === 'en' ? 'en-GB' : 'id-ID');
  return msg(lang, left >= 0 ? 'whatsapp.check.remaining' : 'whatsapp.check.overdue', { trackingId, status, time: duration(left, lang), deadline });
}

/** "1 hari 3 jam", "3 jam 12 menit", "25 menit": two units at most, as the countdown says it. */
export function duration(ms: number, lang: Lang): string {
  const p = splitDuration(ms);
  const units: ['duration.days' | 'duration.hours' | 'duration.minutes', number][] = [
    ['duration.days', p.days],
    ['duration.hours', p.hours],
    ['duration.minutes', p.minutes],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  if (first < 0) return msg(lang, 'duration.minutes', { n: 0 });
  return units
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => msg(lang, key, { n }))
    .join(' ');
}
