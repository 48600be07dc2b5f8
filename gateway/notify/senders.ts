/**
 * The two channels. Each `send` resolves once the provider has accepted the message (SMTP:
 * the server's 250 after DATA; WhatsApp: the Cloud API's 200 with a message id) and throws
 * a SendError otherwise, saying whether trying again could help.
 */
import nodemailer from 'nodemailer';
import type { Rendered } from './messages.js';

export class SendError extends Error {
  constructor(
    message: string,
    /** True when a retry cannot help (a refused address, a template Meta rejects). */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Sender {
  send(to: string, message: Rendered, lang: string, optOutUrl: string): Promise<void>;
  close?(): void;
}

export function emailSender(smtpUrl: string, from: string): Sender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, m, _lang, optOutUrl) {
      try {
        await transport.sendMail({
          from,
          to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          // RFC 8058 one-click unsubscribe: mail apps show their own "Unsubscribe" button (none for staff escalations).
          headers: optOutUrl ? { 'List-Unsubscribe': `<${optOutUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        throw new SendError(`smtp: ${(error as Error).message}`, code !== undefined && code >= 500);
      }
    },
    close: () => transport.close(),
  };
}

/** `08…`, `628…`, `+628…` → `628…`: the Cloud API takes the number with its country code. */
export function waNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

/**
 * One message to the WhatsApp Business Cloud API (Meta's reference for POST
 * /{phone-number-id}/messages, https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages):
 * `message` is the body without `messaging_product` and `to`. Resolves with the message id
 * Meta gives (`messages[0].id`, matched later by the statuses webhook). Both the
 * notifications below and the WhatsApp channel's chat replies (channels/whatsapp/) send
 * through here.
 */
export async function cloudApiSend(endpoint: string, token: string, to: string, message: Record<string, unknown>, timeoutMs = 10_000): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: waNumber(to), ...message }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SendError(`whatsapp: ${(error as Error).message}`, false);
  }
  const body = await res.text().catch(() => '');
  if (!res.ok) throw new SendError(`whatsapp: ${res.status} ${body.slice(0, 200)}`, res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408);
  try {
    return (JSON.parse(body) as { messages?: { id?: string }[] }).messages?.[0]?.id;
  } catch {
    return undefined;
  }
}

/** The Cloud API endpoint that sends from `phoneId`. */
export function messagesEndpoint(baseUrl: string, phoneId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneId)}/messages`;
}

/**
 * WhatsApp: a business may not open a chat with free text, so a message is an approved
 * template (`lapor_<kind>`, in the report's language) whose body parameters carry the
 * values, unless `chatOpen` says the citizen wrote to us within WhatsApp's 24-hour
 * customer-service window (channels/whatsapp/window.ts): then it is the plain text.
 */
export function whatsappSender(
  baseUrl: string,
  token: string,
  phoneId: string,
  timeoutMs = 10_000,
  chatOpen: (to: string) => Promise<boolean> = async () => false,
): Sender {
  const endpoint = messagesEndpoint(baseUrl, phoneId);
  return {
    async send(to, m, lang) {
      const message = (await chatOpen(waNumber(to)))
        ? { type: 'text', text: { body: m.chat, preview_url: false } }
        : {
            type: 'template',
            template: {
              name: m.template.name,
              language: { code: lang },
              components: [{ type: 'body', parameters: m.template.params.map((text) => ({ type: 'text', text })) }],
            },
          };
      await cloudApiSend(endpoint, token, to, message, timeoutMs);
    },
  };
}
