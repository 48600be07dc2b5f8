/**
 * Attachments: the type comes from the bytes, never from the name or the declared type
 * (a `.jpg` that is really an HTML page is refused). Files are stored under the data dir
 * by a random id; the original name is kept only as metadata.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attachment, AttachmentMime } from '../../../src/contract/index.js';
import { LIMITS } from '../../../src/contract/index.js';
import { ApiError, formatBytes } from '../http/errors.js';
import { randomId } from './secrets.js';
import type { Store } from './store.js';

const SIGNATURES: { mime: AttachmentMime; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function sniff(bytes: Uint8Array): AttachmentMime | undefined {
  return SIGNATURES.find((s) => s.bytes.length <= bytes.length && s.bytes.every((b, i) => bytes[i] === b))?.mime;
}

/** Keep a display name: no path, no control characters, bounded. */
function cleanName(name: string | undefined, mime: AttachmentMime): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const fallback = `lampiran.${mime === 'application/pdf' ? 'pdf' : mime === 'image/png' ? 'png' : 'jpg'}`;
  return (base || fallback).slice(0, 120);
}

export class AttachmentService {
  private readonly dir: string;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly now: () => Date,
  ) {
    this.dir = join(dataDir, 'attachments');
    mkdirSync(this.dir, { recursive: true });
  }

  save(bytes: Uint8Array, name: string | undefined, siteKey: string): Attachment {
    const max = LIMITS.attachments.maxBytes;
    if (bytes.length > max) throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(max) } });
    const mime = sniff(bytes);
    if (!mime) throw new ApiError(415, 'unsupported_media_type');
    const id = randomId('att', 12);
    const file = join(this.dir, id);
    writeFileSync(file, bytes, { flag: 'wx' });
    const attachment: Attachment = { id, name: cleanName(name, mime), mime, bytes: bytes.length };
    this.store.q.insertAttachment.run({ ...attachment, file, site_key: siteKey, created_at: this.now().toISOString() });
    return attachment;
  }

  pathOf(id: string): string | undefined {
    return this.store.q.attachment.get(id)?.file;
  }
}
