/**
 * What each message says, in the report's language (the gateway's i18n: the `notify`
 * section of src/i18n/locales). One source gives the email's plain text, its HTML and the
 * WhatsApp template's body parameters, so the channels never say different things.
 */
import { msg, type MessageKey } from '../../src/i18n/index.js';
import '../http/i18n.js';

export type MessageKind = 'confirmation' | 'verified' | 'forwarded' | 'responded' | 'completed' | 'archived' | 'sla_breached' | 'code';
export type MessageParams = Record<string, string>;

export interface Links {
  /** Opens the report's status view; carries the code in the fragment when the message has one. */
  follow: string;
  optOut: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** The same as a WhatsApp chat message (inside the 24-hour window no template is needed). */
  chat: string;
  /** The approved WhatsApp template (`lapor_<kind>`) and its body parameters, in order. */
  template: { name: string; params: string[] };
}

const SUBJECT: Record<MessageKind, MessageKey> = {
  confirmation: 'notify.subject.confirmation',
  code: 'notify.subject.code',
  verified: 'notify.subject.update',
  forwarded: 'notify.subject.update',
  responded: 'notify.subject.update',
  completed: 'notify.subject.update',
  archived: 'notify.subject.update',
  sla_breached: 'notify.subject.update',
};

/** The body parameters of each template after the tracking number (README "Notifications"). */
const TEMPLATE_PARAMS: Record<MessageKind, readonly string[]> = {
  confirmation: ['code'],
  code: ['code'],
  verified: [],
  forwarded: ['institution'],
  responded: ['institution', 'response'],
  completed: [],
  archived: ['reason'],
  sla_breached: [],
};

export function render(kind: MessageKind, trackingId: string, given: MessageParams, lang: string, links: Links): Rendered {
  const params: MessageParams = {
    ...given,
    trackingId,
    institution: given.institution || msg(lang, 'notify.agency'),
    reason: given.reason || msg(lang, 'notify.noReason'),
  };
  const subject = msg(lang, SUBJECT[kind], params);
  const main = msg(lang, `notify.${kind}` as MessageKey, params);
  const lead = kind === 'confirmation' ? `${msg(lang, 'notify.greeting')} ` : '';
  const text = [
    lead + main,
    msg(lang, 'notify.follow', { link: links.follow }),
    '-- ',
    msg(lang, 'notify.optOut', { link: links.optOut }),
  ].join('\n\n');
  // In a chat the citizen can answer a response right there (channels/whatsapp/ takes it as a reply).
  const chat = [
    lead + main,
    ...(kind === 'responded' ? [msg(lang, 'whatsapp.notify.replyHint')] : []),
    msg(lang, 'notify.follow', { link: links.follow }),
    msg(lang, 'notify.optOut', { link: links.optOut }),
  ].join('\n\n');
  // Accessible HTML: a language, a title, real paragraphs and links named by what they do.
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body>
<p>${esc(lead + main)}</p>
<p><a href="${esc(links.follow)}">${esc(msg(lang, 'notify.followLink'))}</a></p>
<hr>
<p><small><a href="${esc(links.optOut)}">${esc(msg(lang, 'notify.optOutLink'))}</a></small></p>
</body></html>`;
  return {
    subject,
    text,
    html,
    chat,
    template: { name: `lapor_${kind}`, params: [trackingId, ...TEMPLATE_PARAMS[kind].map((k) => params[k] ?? ''), links.follow, links.optOut] },
  };
}

/** The follow link every message carries: the status view, with the code in the fragment (never sent to a server). */
export function followLink(base: string, trackingId: string, code?: string): string {
  return `${base}/r/${trackingId}${code ? `#${code}` : ''}`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
