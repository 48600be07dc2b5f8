/**
 * "Kirim": the draft goes through the SAME submit path as the widget (ReportService.submit:
 * the contract's validation, routing, idempotency, the notification outbox, the LAPOR!
 * outbox), with the channel `whatsapp` (LAPOR_UPSTREAM_MAP's `channel.whatsapp` then
 * gives LAPOR!'s id) and the SOP clock started at WhatsApp's timestamp of the "Kirim".
 *
 * The idempotency key is derived from the WhatsApp message id of that "Kirim" with the
 * server secret: the same tap handled twice gives the same report, and the sealed answer
 * (which holds the access code) cannot be opened from the database alone, which also
 * holds the message id.
 */
import { createHmac } from 'node:crypto';
import type { FieldError, SubmitResult } from '../../../src/contract/index.js';
import { formatDeadline } from '../../../src/sla/index.js';
import type { Db } from '../../db/index.js';
import { ApiError } from '../../http/errors.js';
import { followLink } from '../../notify/messages.js';
import type { ReportService } from '../../services/reports.js';
import type { Desk } from './conversation.js';
import { reportInput } from './draft.js';
import { WHATSAPP_SITE_KEY } from './media.js';
import type { Draft, Lang } from './state.js';

type Filed = Awaited<ReturnType<Desk['file']>>;

export class Filing {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly publicUrl: () => string,
    private readonly serverKey: Buffer,
  ) {}

  async filedSince(waId: string, since: number): Promise<{ trackingId: string; categoryId: string | null; at: number }[]> {
    const rows = await this.db.all<{ tracking_id: string; category_id: string | null; filed_at: number }>(
      'SELECT tracking_id, category_id, filed_at FROM whatsapp_reports WHERE wa_id = ? AND filed_at >= ? ORDER BY filed_at DESC',
      [waId, since],
    );
    return rows.map((r) => ({ trackingId: r.tracking_id, categoryId: r.category_id, at: Number(r.filed_at) }));
  }

  /** Inside the turn's transaction (the submit joins it). */
  async file(waId: string, draft: Draft, kirim: { messageId: string; at: number }, profileName: string | undefined, lang: Lang): Promise<Filed> {
    let result: SubmitResult;
    try {
      const { body } = await this.reports.submit(reportInput(draft, waId, profileName), {
        siteKey: WHATSAPP_SITE_KEY,
        channel: 'whatsapp',
        idempotencyKey: createHmac('sha256', this.serverKey).update(`lapor:whatsapp-kirim:${kirim.messageId}`).digest('base64url'),
        lang,
        receivedAt: new Date(kirim.at),
      });
      result = JSON.parse(body) as SubmitResult;
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) return { ok: false, fields: (error.options.fields ?? []) as FieldError[] };
      throw error;
    }
    const { trackingId, accessToken, report } = result;
    await this.db.run('INSERT INTO whatsapp_reports (tracking_id, wa_id, category_id, filed_at) VALUES (?, ?, ?, ?) ON CONFLICT (tracking_id) DO NOTHING', [
      trackingId,
      waId,
      draft.categoryId ?? null,
      kirim.at,
    ]);
    // The chat's own answer carries the tracking number and code: the confirmation the
    // notification outbox queued for this number would say it a second time.
    await this.db.run(
      `UPDATE notifications SET state = 'sent', sent_at = ?, params_json = ? WHERE tracking_id = ? AND event = 'confirmation' AND channel = 'whatsapp' AND state = 'pending'`,
      [this.reports.now().getTime(), JSON.stringify({ kind: 'confirmation', via: 'chat' }), trackingId],
    );
    const handle = report.clocks.find((c) => c.id === 'local.handle');
    const timeZone = report.institution?.timeZone ?? 'Asia/Jakarta';
    return {
      ok: true,
      trackingId,
      code: accessToken,
      followUrl: followLink(this.publicUrl(), trackingId, accessToken),
      ...(handle ? { deadline: formatDeadline(handle.dueAt, timeZone, lang === 'en' ? 'en-GB' : 'id-ID') } : {}),
    };
  }
}
