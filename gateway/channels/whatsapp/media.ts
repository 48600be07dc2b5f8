/**
 * A photo or document from a chat becomes an attachment the same way a web upload does:
 * through the attachment service's public `save` (type sniffed from the bytes, images
 * decoded and re-encoded without EXIF/GPS, PDFs parsed and checked for active content).
 *
 * Caps come before the download: the type Meta announces in the webhook, then the type
 * and size in the media's metadata, and finally a byte cap while reading (a file larger
 * than announced is cut off). Nothing over LAPOR!'s 2 MB is ever fetched whole.
 */
import { createHash } from 'node:crypto';
import { ATTACHMENT_MIME_TYPES, LIMITS } from '../../../src/contract/index.js';
import '../../http/i18n.js';
import { msg } from '../../../src/i18n/index.js';
import { ApiError, errorBody, formatBytes } from '../../http/errors.js';
import type { AttachmentService } from '../../services/attachments.js';
import type { MediaOutcome } from './conversation.js';
import type { GraphApi } from './graph.js';
import type { InboundBody } from './payload.js';
import type { Lang } from './state.js';

/** Attachments from chats belong to this site key (the submit checks attachments by site key). */
export const WHATSAPP_SITE_KEY = 'whatsapp';

type Media = Extract<InboundBody, { kind: 'media' }>;

const ALLOWED: readonly string[] = ATTACHMENT_MIME_TYPES;

export class MediaFetcher {
  constructor(
    private readonly graph: GraphApi,
    private readonly attachments: AttachmentService,
    private readonly maxBytes = LIMITS.attachments.maxBytes,
  ) {}

  /** Fetch, prove and store; a refusal is an outcome (told to the citizen), a network failure throws (tried again). */
  async fetch(media: Media, waId: string, at: number, lang: Lang): Promise<MediaOutcome> {
    const refuse = (key: 'whatsapp.media.type' | 'whatsapp.media.tooLarge'): MediaOutcome => ({
      ok: false,
      message: msg(lang, key, { max: formatBytes(this.maxBytes) }),
    });
    if (!ALLOWED.includes(media.mime)) return refuse('whatsapp.media.type');
    const info = await this.graph.mediaInfo(media.mediaId);
    if (info.mime && !ALLOWED.includes(info.mime)) return refuse('whatsapp.media.type');
    if (info.bytes !== undefined && info.bytes > this.maxBytes) return refuse('whatsapp.media.tooLarge');
    const bytes = await this.graph.download(info.url, this.maxBytes);
    if (bytes === 'too_large') return refuse('whatsapp.media.tooLarge');
    if (!sameHash(bytes, info.sha256 ?? media.sha256)) return { ok: false, message: msg(lang, 'whatsapp.media.failed') };
    try {
      const saved = await this.attachments.saveFetched(bytes, nameOf(media, at), WHATSAPP_SITE_KEY, `wa:${waId}`, lang);
      return { ok: true, attachmentId: saved.id };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      // The proofs' own words: which file, what is wrong, what to do.
      return { ok: false, message: error.options.fields?.[0]?.message ?? errorBody(error, lang, '').error.message };
    }
  }
}

/**
 * Meta's samples give the hash as hex; older answers as base64. Checked when it is either
 * (a mismatch is a broken download); anything else is not ours to judge.
 */
function sameHash(bytes: Uint8Array, announced: string | undefined): boolean {
  if (!announced) return true;
  const digest = createHash('sha256').update(bytes).digest();
  if (/^[0-9a-f]{64}$/i.test(announced)) return digest.toString('hex') === announced.toLowerCase();
  if (/^[A-Za-z0-9+/]{43}=$/.test(announced)) return digest.toString('base64') === announced;
  return true;
}

/** The document's own name, else "whatsapp-<date>.jpg" (the service keeps names as metadata only). */
function nameOf(media: Media, at: number): string {
  if (media.fileName) return media.fileName;
  const ext = media.mime === 'application/pdf' ? 'pdf' : media.mime === 'image/png' ? 'png' : 'jpg';
  return `whatsapp-${new Date(at).toISOString().slice(0, 10)}.${ext}`;
}
