/**
 * What an escalation message says (issue 28), in the recipient's language: which report,
 * where it is, how long is left or how late it is (at the moment it is sent), the
 * deadline in plain words, and a link that opens the report in the admin console. No
 * title, text, location or reporter: the message leaves the console for an inbox.
 * Email: plain text + accessible HTML. WhatsApp: the approved template
 * `lapor_escalation` with body parameters in order: tracking number, institution, the
 * situation ("sisa 15 menit" / "terlambat 1 jam 5 menit"), the deadline, the link.
 */
import { formatDueWords, splitDuration } from '../../src/sla/index.js';
import { msg, type MessageKey } from '../../src/i18n/index.js';
import '../http/i18n.js';
import { esc, type Rendered } from '../notify/messages.js';
import type { EscalationParams } from './service.js';

/** "1 jam 5 menit" / "1 hour 5 minutes" (days above a day), minutes resolution, at least "0 menit". */
function duration(ms: number, lang: string): string {
  const { days, hours, minutes } = splitDuration(Math.round(Math.abs(ms) / 60_000) * 60_000);
  const parts: string[] = [];
  if (days) parts.push(msg(lang, 'duration.days', { n: days }));
  if (hours) parts.push(msg(lang, 'duration.hours', { n: hours }));
  if (minutes || !parts.length) parts.push(msg(lang, 'duration.minutes', { n: minutes }));
  return parts.join(' ');
}

export function renderEscalation(trackingId: string, p: EscalationParams, adminLink: string, now: number): Rendered {
  const lang = p.lang === 'en' ? 'en' : 'id';
  const left = Date.parse(p.dueAt) - now;
  // Within a minute of the deadline either way: "reaches its deadline now".
  const phase = Math.abs(left) < 60_000 ? 'due' : left > 0 ? 'before' : 'late';
  const time = duration(left, lang);
  const params = {
    trackingId,
    time,
    institution: p.institution || msg(lang, 'escalation.noInstitution'),
    limit: msg(lang, p.service ? 'escalation.limitService' : 'escalation.limit', { n: Number(p.limit) }),
    due: formatDueWords(p.dueAt, p.timeZone, lang === 'id' ? 'id-ID' : 'en-GB', now),
  };
  const subject = msg(lang, `escalation.subject.${phase}` as MessageKey, params);
  const lines = [
    msg(lang, `escalation.${phase}` as MessageKey, params),
    ...(p.category ? [msg(lang, 'escalation.category', { category: p.category })] : []),
    msg(lang, 'escalation.role', { role: msg(lang, `escalation.role.${p.role}` as MessageKey) }),
  ];
  const text = [...lines, msg(lang, 'escalation.open', { link: adminLink }), '-- ', msg(lang, 'escalation.footer')].join('\n\n');
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body>
${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<p><a href="${esc(adminLink)}">${esc(msg(lang, 'escalation.openLink'))}</a></p>
<hr>
<p><small>${esc(msg(lang, 'escalation.footer'))}</small></p>
</body></html>`;
  const situation = phase === 'before' ? msg(lang, 'slaCountdown.remaining', { time }) : phase === 'late' ? msg(lang, 'slaCountdown.overdue', { time }) : msg(lang, 'slaCountdown.announce.breach');
  // A staff number that wrote to the WhatsApp channel within 24 hours gets this as plain text, not the template.
  const chat = [...lines, msg(lang, 'escalation.open', { link: adminLink })].join('\n\n');
  return { subject, text, html, chat, template: { name: 'lapor_escalation', params: [trackingId, params.institution, situation, params.due, adminLink] } };
}
