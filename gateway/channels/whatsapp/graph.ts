/**
 * The Graph API as the channel uses it (LAPOR_WHATSAPP_URL, _TOKEN, _PHONE_ID):
 * - chat messages go through the notifications' own sender call (notify/senders.ts
 *   cloudApiSend: POST {base}/{phone-number-id}/messages);
 * - media is fetched in two steps, as Meta's media reference describes
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media/):
 *   `GET {base}/{media-id}` with the bearer token → `{url, mime_type, sha256, file_size, id}`,
 *   then `GET url` with the same token. The URL lives five minutes, so it is never stored.
 * The body is read with a byte cap: a file larger than announced is cut off, not buffered.
 */
import { cloudApiSend, messagesEndpoint, SendError } from '../../notify/senders.js';
import type { CloudMessage } from './outgoing.js';

export interface MediaInfo {
  url: string;
  mime?: string;
  bytes?: number;
  sha256?: string;
}

/** A failure worth trying again later (the network, a 5xx, a 429). */
export class TransientError extends Error {}

export class GraphApi {
  private readonly base: string;
  private readonly endpoint: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    phoneId: string,
    private readonly timeoutMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.endpoint = messagesEndpoint(baseUrl, phoneId);
  }

  /** Resolves with Meta's id of the sent message; throws SendError (`permanent` when retrying cannot help). */
  send(to: string, message: CloudMessage): Promise<string | undefined> {
    return cloudApiSend(this.endpoint, this.token, to, message, this.timeoutMs);
  }

  async mediaInfo(mediaId: string): Promise<MediaInfo> {
    const res = await this.get(`${this.base}/${encodeURIComponent(mediaId)}`);
    let body: { url?: unknown; mime_type?: unknown; file_size?: unknown; sha256?: unknown };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new TransientError('media info: not JSON');
    }
    if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) throw new SendError('media info: no url', true);
    const bytes = Number(body.file_size);
    return {
      url: body.url,
      ...(typeof body.mime_type === 'string' ? { mime: body.mime_type.split(';')[0]!.trim().toLowerCase() } : {}),
      ...(Number.isFinite(bytes) && bytes > 0 ? { bytes } : {}),
      ...(typeof body.sha256 === 'string' ? { sha256: body.sha256 } : {}),
    };
  }

  /** The file, or 'too_large' as soon as more than `maxBytes` arrived (the rest is not read). */
  async download(url: string, maxBytes: number): Promise<Uint8Array | 'too_large'> {
    const controller = new AbortController();
    const res = await this.get(url, controller.signal);
    const announced = Number(res.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > maxBytes) {
      controller.abort();
      return 'too_large';
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) break;
        chunks.push(chunk);
      }
    } catch (error) {
      throw new TransientError(`media download: ${(error as Error).message}`);
    }
    if (size <= maxBytes) return Buffer.concat(chunks, size);
    // Over the cap: the rest is not read.
    controller.abort();
    return 'too_large';
  }

  private async get(url: string, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      res = await fetch(url, { headers: { Authorization: `Bearer ${this.token}` }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      throw new TransientError(`graph: ${(error as Error).message}`);
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new TransientError(`graph: ${res.status}`);
    throw new SendError(`graph: ${res.status}`, true);
  }
}
