/**
 * A report's escalation steps in the admin console (issue 28, LAPOR_ESCALATION): who is
 * told, when (before or after the handling deadline; held for the recipient's service
 * hours), and what became of each step. Sent steps also go on the admin's timeline. The
 * gateway sends them only in the admin's view of a report; the citizen never sees them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminReport, EscalationEntry } from '../../contract/admin.js';
import type { MessageKey, Translate } from '../../i18n/catalog.js';
import { when, type DetailContext, type ExtraTimelineEntry } from '../report-status/details.js';
import { formatDuration } from './format.js';
import '../../i18n/register/admin-escalation.js';

export interface EscalationContext extends DetailContext {
  /** An institution's name, for steps that belonged to another institution's chain (before a forward). */
  institutionName: (id: string) => string | undefined;
}

/** "15 menit sebelum batas waktu", "Saat batas waktu", "30 menit setelah batas waktu". */
function offset(at: number, t: Translate): string {
  if (at === 0) return t('adminEscalation.at.zero');
  return t(at < 0 ? 'adminEscalation.at.before' : 'adminEscalation.at.after', { time: formatDuration(Math.abs(at) * 60_000, t) });
}

function stateText(e: EscalationEntry, r: AdminReport, ctx: DetailContext): string {
  const { t } = ctx;
  switch (e.state) {
    case 'planned':
      return t('adminEscalation.state.planned', { when: when(e.sendAt, r, ctx) });
    case 'held':
      return t('adminEscalation.state.held', { when: when(e.sendAt, r, ctx) });
    case 'sent':
      return t('adminEscalation.state.sent', { when: when(e.sentAt ?? e.firedAt ?? e.sendAt, r, ctx) });
    default:
      return t(`adminEscalation.state.${e.state}` as MessageKey);
  }
}

export function renderEscalations(r: AdminReport, ctx: EscalationContext): TemplateResult | typeof nothing {
  const steps = r.escalations;
  if (!steps) return nothing;
  const { t } = ctx;
  // `timeline`: the same one-line-per-entry layout as the timeline below it.
  return html`<section class="escalations timeline" aria-labelledby="escalations-heading">
    <h3 id="escalations-heading">${t('adminEscalation.heading')}</h3>
    <p class="muted">${t('adminEscalation.intro')}</p>
    ${steps.length
      ? html`<ol class="plain">
          ${steps.map((e) => {
            const other = e.institutionId !== r.institutionId && e.institutionId ? ctx.institutionName(e.institutionId) ?? e.institutionId : undefined;
            const channels = e.channels.map((ch) => t(`adminEscalation.channel.${ch}`)).join(', ');
            return html`<li class="step ${e.state}" data-state=${e.state}>
              <strong>${t(`adminEscalation.to.${e.to}`)}</strong>
              <span>${offset(e.at, t)}${e.urgent ? html` (${t('adminEscalation.urgent')})` : nothing}</span>
              ${other ? html`<span class="muted">${t('adminEscalation.forInstitution', { institution: other })}</span>` : nothing}
              <span class="outcome">${stateText(e, r, ctx)}</span>
              ${e.recipients ? html`<span class="muted">${t('adminEscalation.recipients', { n: e.recipients })}${channels ? ` (${channels})` : ''}</span>` : nothing}
            </li>`;
          })}
        </ol>`
      : html`<p>${t('adminEscalation.none')}</p>`}
  </section>`;
}

/** The steps that went out, as entries of the admin's timeline. */
export function escalationTimeline(r: AdminReport, t: Translate): ExtraTimelineEntry[] {
  return (r.escalations ?? [])
    .filter((e) => e.state === 'sent')
    .map((e) => ({ at: e.sentAt ?? e.firedAt ?? e.sendAt, text: t('adminEscalation.timeline', { role: t(`adminEscalation.to.${e.to}`) }), note: offset(e.at, t) }));
}
