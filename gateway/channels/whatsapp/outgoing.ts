/**
 * The messages we send in a chat, as Cloud API bodies (without `messaging_product` and
 * `to`), cut to WhatsApp's limits so Meta never refuses one:
 * - reply buttons: at most 3, title ≤ 20 characters, id ≤ 256, body ≤ 1,024
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages);
 * - lists: at most 10 rows over all sections, row title ≤ 24, description ≤ 72, id ≤ 200,
 *   button ≤ 20, body ≤ 4,096
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages);
 * - a location request: body and a "send location" button that WhatsApp draws itself
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages);
 * - text: body ≤ 4,096.
 * Everything we put in them is plain text: WhatsApp renders no HTML, and `*bold*` is the
 * only markup we use (around our own words, never around what a citizen typed).
 */

export type CloudMessage = Record<string, unknown> & { type: string };

export interface Choice {
  id: string;
  title: string;
  description?: string;
}

/** `s` cut to `n` characters (whole code points), with an ellipsis when cut. */
export function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('')}…`;
}

export function text(body: string): CloudMessage {
  return { type: 'text', text: { body: clip(body, 4096), preview_url: false } };
}

export function buttons(body: string, choices: readonly Choice[]): CloudMessage {
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: clip(body, 1024) },
      action: { buttons: choices.slice(0, 3).map((c) => ({ type: 'reply', reply: { id: c.id.slice(0, 256), title: clip(c.title, 20) } })) },
    },
  };
}

export function list(body: string, button: string, rows: readonly Choice[]): CloudMessage {
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: clip(body, 4096) },
      action: {
        button: clip(button, 20),
        sections: [
          {
            rows: rows.slice(0, 10).map((r) => ({
              id: r.id.slice(0, 200),
              title: clip(r.title, 24),
              ...(r.description ? { description: clip(r.description, 72) } : {}),
            })),
          },
        ],
      },
    },
  };
}

export function locationRequest(body: string): CloudMessage {
  return { type: 'interactive', interactive: { type: 'location_request_message', body: { text: clip(body, 1024) }, action: { name: 'send_location' } } };
}

/**
 * One page of a long list: up to 10 rows fit, so a longer one shows 9 and a "more" row
 * that pages on (and from the last page back to the first).
 */
export function page(rows: readonly Choice[], index: number, more: (next: number) => Choice): Choice[] {
  if (rows.length <= 10) return [...rows];
  const pages = Math.ceil(rows.length / 9);
  const at = ((index % pages) + pages) % pages;
  return [...rows.slice(at * 9, at * 9 + 9), more((at + 1) % pages)];
}

/** The words of a message as the citizen reads them (tests and logs). */
export function plain(m: CloudMessage): string {
  const i = m['interactive'] as { body?: { text?: string } } | undefined;
  return (m['text'] as { body?: string } | undefined)?.body ?? i?.body?.text ?? '';
}
