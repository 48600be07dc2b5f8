/**
 * Meta's `messages` webhook → what the conversation understands. Shapes from Meta's
 * webhook reference (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 * and its pages for text, interactive `list_reply` / `button_reply`, location, image,
 * document and status): `{object: "whatsapp_business_account", entry: [{changes: [{field:
 * "messages", value: {metadata: {phone_number_id}, contacts: [{profile: {name}, wa_id}],
 * messages: [...], statuses: [...]}}]}]}`.
 *
 * Lenient on purpose: Meta adds fields (identity hashes, usernames, referral data), and a
 * field we do not know must never make us refuse a delivery Meta would then retry for a
 * week. Only what we use is checked; a message of a type we cannot handle becomes
 * `unsupported` (the citizen is told what we can take).
 */
import { z } from 'zod';

export type InboundBody =
  | { kind: 'text'; text: string }
  /** A row of our list or one of our reply buttons (its id is ours), or a template's quick reply. */
  | { kind: 'choice'; id: string; title: string }
  | { kind: 'location'; lat: number; lng: number; name?: string; address?: string }
  | { kind: 'media'; media: 'image' | 'document'; mediaId: string; mime: string; fileName?: string; caption?: string; sha256?: string }
  /** Reactions and edits: nothing to answer. */
  | { kind: 'ignored'; type: string }
  | { kind: 'unsupported'; type: string };

export interface InboundMessage {
  /** WhatsApp's message id (`wamid.…`): a redelivery carries the same one. */
  id: string;
  /** The sender's WhatsApp number (digits with country code, no `+`). */
  from: string;
  /** The sender's profile name, when Meta sends the contact. */
  name?: string;
  /** When the citizen sent it (WhatsApp's timestamp, ms). */
  at: number;
  body: InboundBody;
}

export interface DeliveryStatus {
  /** The id Meta gave a message we sent. */
  id: string;
  status: string;
  at: number;
  errorCode?: number;
}

const str = z.string();
const Media = z.object({ id: str, mime_type: str.optional(), sha256: str.optional(), caption: str.optional(), filename: str.optional() });
const Message = z.object({
  id: str.min(1).max(256),
  from: str.regex(/^\d{6,20}$/).optional(),
  timestamp: z.union([str, z.number()]),
  type: str,
  text: z.object({ body: str }).optional(),
  interactive: z
    .object({
      type: str,
      list_reply: z.object({ id: str, title: str.optional() }).optional(),
      button_reply: z.object({ id: str, title: str.optional() }).optional(),
    })
    .optional(),
  button: z.object({ payload: str.optional(), text: str.optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: str.optional(), address: str.optional() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
});
const Status = z.object({
  id: str,
  status: str,
  timestamp: z.union([str, z.number()]),
  errors: z.array(z.object({ code: z.number().optional() })).optional(),
});
const Value = z.object({
  metadata: z.object({ phone_number_id: str }).optional(),
  contacts: z.array(z.object({ wa_id: str.optional(), profile: z.object({ name: str.optional() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
const Envelope = z.object({
  object: str,
  entry: z.array(z.object({ changes: z.array(z.object({ field: str.optional(), value: z.unknown() })).optional() })),
});

/** Reactions, edits, revokes and the like: no answer. */
const IGNORED = new Set(['reaction', 'system', 'request_welcome', 'edit', 'revoke']);

/**
 * The messages and statuses meant for `phoneNumberId` (an app may serve several numbers:
 * the others' traffic is not ours). Throws only when the body is not a WhatsApp webhook at all.
 */
export function parseWebhook(json: unknown, phoneNumberId: string): { messages: InboundMessage[]; statuses: DeliveryStatus[] } {
  const envelope = Envelope.safeParse(json);
  if (!envelope.success || envelope.data.object !== 'whatsapp_business_account') throw new Error('not a WhatsApp Business webhook');
  const messages: InboundMessage[] = [];
  const statuses: DeliveryStatus[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes ?? []) {
      if (change.field && change.field !== 'messages') continue;
      const value = Value.safeParse(change.value);
      if (!value.success || value.data.metadata?.phone_number_id !== phoneNumberId) continue;
      const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id ?? '', c.profile?.name]));
      for (const raw of value.data.messages ?? []) {
        const m = Message.safeParse(raw);
        // No `from` (a user known only by a username, Meta's BSUID): we cannot answer by number.
        if (!m.success || !m.data.from) continue;
        const name = names.get(m.data.from);
        messages.push({ id: m.data.id, from: m.data.from, ...(name ? { name } : {}), at: seconds(m.data.timestamp), body: bodyOf(m.data) });
      }
      for (const raw of value.data.statuses ?? []) {
        const s = Status.safeParse(raw);
        if (!s.success) continue;
        const code = s.data.errors?.[0]?.code;
        statuses.push({ id: s.data.id, status: s.data.status, at: seconds(s.data.timestamp), ...(code !== undefined ? { errorCode: code } : {}) });
      }
    }
  }
  return { messages, statuses };
}

function seconds(ts: string | number): number {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? n * 1000 : Date.now();
}

function bodyOf(m: z.infer<typeof Message>): InboundBody {
  switch (m.type) {
    case 'text':
      return m.text ? { kind: 'text', text: m.text.body } : { kind: 'unsupported', type: m.type };
    case 'interactive': {
      const reply = m.interactive?.list_reply ?? m.interactive?.button_reply;
      return reply ? { kind: 'choice', id: reply.id, title: reply.title ?? '' } : { kind: 'unsupported', type: `interactive.${m.interactive?.type ?? ''}` };
    }
    case 'button':
      // A quick-reply button of a template: its text is what the citizen "said".
      return { kind: 'text', text: m.button?.text ?? m.button?.payload ?? '' };
    case 'location':
      return m.location
        ? {
            kind: 'location',
            lat: m.location.latitude,
            lng: m.location.longitude,
            ...(m.location.name ? { name: m.location.name } : {}),
            ...(m.location.address ? { address: m.location.address } : {}),
          }
        : { kind: 'unsupported', type: m.type };
    case 'image':
    case 'document': {
      const media = m[m.type];
      if (!media) return { kind: 'unsupported', type: m.type };
      return {
        kind: 'media',
        media: m.type,
        mediaId: media.id,
        mime: (media.mime_type ?? '').split(';')[0]!.trim().toLowerCase(),
        ...(media.filename ? { fileName: media.filename } : {}),
        ...(media.caption ? { caption: media.caption } : {}),
        ...(media.sha256 ? { sha256: media.sha256 } : {}),
      };
    }
    default:
      return IGNORED.has(m.type) ? { kind: 'ignored', type: m.type } : { kind: 'unsupported', type: m.type };
  }
}
