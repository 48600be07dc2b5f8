/**
 * A scripted citizen for the WhatsApp channel: builds webhooks exactly as Meta sends them,
 * signs them with the app secret, posts them, and reads what the gateway answered from the
 * Cloud API stand-in (notify-helpers.ts startWhatsApp).
 *
 * Payload shapes (every field as in Meta's samples; values ours):
 * - envelope, text: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 *   (`object: "whatsapp_business_account"`, `entry[].changes[].value` with `messaging_product`,
 *   `metadata: {display_phone_number, phone_number_id}`, `contacts: [{profile: {name}, wa_id}]`,
 *   `messages: [{from, id, timestamp (seconds, a string), type, text: {body}}]`, `field: "messages"`);
 * - interactive replies (`context: {from, id}`, `interactive: {type: "list_reply", list_reply: {id, title, description}}`
 *   or `{type: "button_reply", button_reply: {id, title}}`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/interactive
 *   (mirrored at https://support.chatarchitect.com/books/meta-whatsapp/page/interactive-messages-webhook-reference-developer-documentation);
 * - location (`location: {address, latitude, longitude, name}`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/location/;
 * - image (`image: {caption, mime_type, sha256, id}`) and document (adds `filename`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/image
 *   (sample values as in https://www.sendzen.io/docs/incoming-messages-472406f0);
 * - statuses (`statuses: [{id, status, timestamp, recipient_id, errors?: [{code}]}]`):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status
 *   (sample in https://docs-wa.neuapix.com/whatsapp-api/whatsapp-api/set-up-webhook/message-status);
 * - signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`
 *   (Meta's webhook guide; Meta's own Node SDK checks it the same way,
 *   https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/webhooks/start).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { WaCall, startWhatsApp } from './notify-helpers.js';

export const APP_SECRET = 'test-whatsapp-app-secret';
export const VERIFY_TOKEN = 'test-verify-token-4d1f';
export const PHONE_ID = '106540352242922';
export const DISPLAY_NUMBER = '6281100001111';
export const WA_TOKEN = 'test-whatsapp-token';

type Stand = Awaited<ReturnType<typeof startWhatsApp>>;

/** The options a test gateway needs for the channel (notify's WhatsApp + intake). */
export function whatsappOptions(waUrl: string, intake: Record<string, unknown> = {}) {
  return {
    notify: { whatsappUrl: waUrl, whatsappToken: WA_TOKEN, whatsappPhoneId: PHONE_ID, intervalMs: 0 },
    whatsapp: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, settleMs: 60, maxHoldMs: 400, intervalMs: 50, backoffMs: 50, ...intake },
  };
}

/** A wamid like Meta's (`wamid.` + base64 of an opaque id). */
export function wamid(): string {
  return `wamid.${randomBytes(24).toString('base64')}`;
}

export function sign(body: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The `messages` webhook envelope around one or more message objects. */
export function envelope(value: Record<string, unknown>, phoneId = PHONE_ID): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneId }, ...value }, field: 'messages' }],
      },
    ],
  };
}

export interface Sent {
  call: WaCall;
  /** The words the citizen reads. */
  text: string;
  /** Reply buttons or list rows, with their ids. */
  choices: { id: string; title: string }[];
  kind: string;
}

export function read(call: WaCall): Sent {
  const b = call.body;
  const i = b.interactive;
  const choices =
    i?.type === 'button'
      ? i.action.buttons.map((x: any) => ({ id: x.reply.id, title: x.reply.title }))
      : i?.type === 'list'
        ? i.action.sections.flatMap((s: any) => s.rows.map((r: any) => ({ id: r.id, title: r.title })))
        : [];
  const text = b.type === 'text' ? b.text.body : b.type === 'template' ? `[template ${b.template.name}]` : (i?.body?.text ?? '');
  return { call, text, choices, kind: b.type === 'interactive' ? i.type : b.type };
}

/** One WhatsApp user, talking to the gateway through signed webhooks. */
export class Citizen {
  /** WhatsApp time of the next message (seconds); each message is one second after the last. */
  clock: number;
  /** Answers already looked at: `next()` returns what came after. */
  private seen = 0;

  constructor(
    private readonly gatewayUrl: () => string,
    private readonly wa: Stand,
    readonly number = `62812${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    readonly name = 'Siti Rahayu',
  ) {
    this.clock = Math.floor(Date.now() / 1000) - 60;
  }

  /** One message object as Meta writes it (`timestamp` is a string of seconds). */
  message(type: string, content: Record<string, unknown>, at = ++this.clock, id = wamid()): Record<string, unknown> {
    return { from: this.number, id, timestamp: String(at), type, ...content };
  }

  /** The webhook body carrying `messages` from this citizen. */
  body(...messages: Record<string, unknown>[]): string {
    return JSON.stringify(envelope({ contacts: [{ profile: { name: this.name }, wa_id: this.number }], messages }));
  }

  async post(body: string, signature: string | null = sign(body)): Promise<Response> {
    return fetch(`${this.gatewayUrl()}/v1/channels/whatsapp/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(signature === null ? {} : { 'X-Hub-Signature-256': signature }) },
      body,
    });
  }

  async send(message: Record<string, unknown>): Promise<Response> {
    const res = await this.post(this.body(message));
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    return res;
  }

  text(body: string) {
    return this.send(this.message('text', { text: { body } }));
  }

  location(latitude: number, longitude: number, name?: string) {
    return this.send(this.message('location', { location: { latitude, longitude, ...(name ? { name, address: `${name}, Banyuwangi` } : {}) } }));
  }

  image(mediaId: string, caption?: string, mime = 'image/jpeg') {
    return this.send(this.message('image', { image: { ...(caption ? { caption } : {}), mime_type: mime, sha256: 'ignored-by-graph-metadata', id: mediaId } }));
  }

  document(mediaId: string, filename: string, mime = 'application/pdf') {
    return this.send(this.message('document', { document: { filename, mime_type: mime, sha256: 'ignored', id: mediaId } }));
  }

  /** Tap the button or list row titled `title` in the latest message that has one. */
  tapMessage(title: string | RegExp): Record<string, unknown> {
    const all = this.answers();
    for (let i = all.length - 1; i >= 0; i--) {
      const choice = all[i]!.choices.find((c) => (typeof title === 'string' ? c.title === title : title.test(c.title)));
      if (!choice) continue;
      const reply = all[i]!.kind === 'list' ? { type: 'list_reply', list_reply: { id: choice.id, title: choice.title, description: '' } } : { type: 'button_reply', button_reply: { id: choice.id, title: choice.title } };
      return { context: { from: DISPLAY_NUMBER, id: `wamid.sent.${i}` }, ...this.message('interactive', { interactive: reply }) };
    }
    throw new Error(`no button or row "${title}" in: ${JSON.stringify(this.answers().map((a) => [a.text.slice(0, 60), a.choices.map((c) => c.title)]))}`);
  }

  tap(title: string | RegExp) {
    return this.send(this.tapMessage(title));
  }

  /**
   * Answer question after question, waiting for each answer: a string taps the button or
   * list row of that title, `{ text }` types. Resolves with the answers to the last one.
   */
  async steps(...answers: (string | { text: string })[]): Promise<Sent[]> {
    let last: Sent[] = [];
    for (const a of answers) {
      await (typeof a === 'string' ? this.tap(a) : this.text(a.text));
      last = await this.next(1);
    }
    return last;
  }

  /** Everything sent to this number so far. */
  answers(): Sent[] {
    return this.wa.calls.filter((c) => c.body.to === this.number).map(read);
  }

  /** Wait until `n` new answers arrived, then return every new one. The bound is generous: the machine may be busy. */
  async next(n = 1, timeoutMs = 20_000): Promise<Sent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.answers().length < this.seen + n) {
      if (Date.now() > deadline) throw new Error(`wanted ${n} new answers, got ${this.answers().length - this.seen}: ${JSON.stringify(this.answers().slice(this.seen).map((a) => a.text))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const out = this.answers().slice(this.seen);
    this.seen += out.length;
    return out;
  }

  /** The words of the next answers, joined. */
  async says(n = 1, timeoutMs?: number): Promise<string> {
    return (await this.next(n, timeoutMs)).map((a) => a.text).join('\n---\n');
  }

  /** Nothing more arrives within `ms`. */
  async quiet(ms = 400): Promise<Sent[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.answers().slice(this.seen);
  }
}
