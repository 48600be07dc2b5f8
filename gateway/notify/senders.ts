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
 * WhatsApp Business Cloud API: a business may not open a chat with free text, so every
 * message is an approved template (`lapor_<kind>`, in the report's language) whose body
 * parameters carry the values. Request shape: Meta's reference for POST
 * /{phone-number-id}/messages (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages).
 */
export function whatsappSender(baseUrl: string, token: string, phoneId: string, timeoutMs = 10_000): Sender {
  const endpoint = `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneId)}/messages`;
  return {
    async send(to, m, lang) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: waNumber(to),
            type: 'template',
            template: {
              name: m.template.name,
              language: { code: lang },
              components: [{ type: 'body', parameters: m.template.params.map((text) => ({ type: 'text', text })) }],
            },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new SendError(`whatsapp: ${(error as Error).message}`, false);
      }
      const body = await res.text().catch(() => '');
      if (!res.ok) throw new SendError(`whatsapp: ${res.status} ${body.slice(0, 200)}`, res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408);
    },
  };
}
