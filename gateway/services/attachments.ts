/**
 * Attachments: the claimed type comes from the magic bytes, never from the name or the
 * declared type, and is then proven: images are decoded and re-encoded by sharp
 * (image-proof.ts), PDFs parsed and checked for active content (pdf-proof.ts). What is
 * stored is the re-encoded image or the checked PDF, under the data dir by a random id;
 * the original name is kept only as metadata.
 *
 * Storage is bounded: each client may store so many files and bytes per window
 * (upload-quota.ts), and an upload no report has claimed is deleted after `orphanTtlMs`.
 */
import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attachment, AttachmentMime } from '../../src/contract/index.js';
import { LIMITS } from '../../src/contract/index.js';
import { ApiError, formatBytes } from '../http/errors.js';
import type { UploadOptions } from '../options.js';
import { proveImage } from './image-proof.js';
import { provePdf } from './pdf-proof.js';
import { randomId } from './secrets.js';
import type { Store } from './store.js';
import { UploadQuota } from './upload-quota.js';

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

/** At most `n` proofs at a time: each decode may hold a 50-megapixel image in memory. */
class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly n: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

export class AttachmentService {
  private readonly dir: string;
  private readonly quota: UploadQuota;
  private readonly proofs = new Gate(2);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly now: () => Date,
    private readonly opts: UploadOptions,
  ) {
    this.dir = join(dataDir, 'attachments');
    mkdirSync(this.dir, { recursive: true });
    this.quota = new UploadQuota(opts.quota, () => this.now().getTime());
  }

  /** Prove, store and record one upload from `client`; throws a localized ApiError. */
  async save(bytes: Uint8Array, name: string | undefined, siteKey: string, client: string, lang: string): Promise<Attachment> {
    const max = LIMITS.attachments.maxBytes;
    if (bytes.length > max) throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(max) } });
    const mime = sniff(bytes);
    if (!mime) throw new ApiError(415, 'unsupported_media_type');
    const display = cleanName(name, mime);
    const reservation = this.quota.reserve(client, bytes.length);
    let stored: Uint8Array;
    try {
      stored = await this.proofs.run(async () => {
        if (mime === 'application/pdf') {
          await provePdf(bytes, display, lang);
          return bytes;
        }
        return proveImage(bytes, mime, display, lang, { maxPixels: this.opts.maxImagePixels });
      });
    } catch (err) {
      reservation.cancel();
      throw err;
    }
    reservation.stored(stored.length);
    const id = randomId('att', 12);
    const file = join(this.dir, id);
    writeFileSync(file, stored, { flag: 'wx' });
    const attachment: Attachment = { id, name: display, mime, bytes: stored.length };
    await this.store.insertAttachment({ ...attachment, file, site_key: siteKey, created_at: this.now().toISOString() });
    return attachment;
  }

  async pathOf(id: string): Promise<string | undefined> {
    return (await this.store.attachment(id))?.file;
  }

  /**
   * Delete uploads no report claimed within orphanTtlMs. The row goes first, and only
   * while still unclaimed (a submit claiming it at the same moment wins); then the file.
   */
  async purgeOrphans(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.opts.orphanTtlMs).toISOString();
    const rows = await this.store.db.all<{ id: string; file: string }>(
      'SELECT id, file FROM attachments WHERE tracking_id IS NULL AND created_at < ?',
      [cutoff],
    );
    let purged = 0;
    for (const row of rows) {
      if ((await this.store.db.run('DELETE FROM attachments WHERE id = ? AND tracking_id IS NULL', [row.id])).changes === 0) continue;
      removeFile(row.file);
      purged++;
    }
    return purged;
  }

  /**
   * Files a crash left without a row (written, never recorded), once at start: they are
   * older than the TTL by their mtime and no row names them.
   */
  private async purgeStrayFiles(): Promise<void> {
    const cutoff = this.now().getTime() - this.opts.orphanTtlMs;
    for (const name of readdirSync(this.dir)) {
      const file = join(this.dir, name);
      try {
        if (statSync(file).mtimeMs >= cutoff) continue;
        if (!(await this.store.db.get('SELECT 1 AS n FROM attachments WHERE id = ?', [name]))) removeFile(file);
      } catch {
        // Gone meanwhile: nothing to do.
      }
    }
  }

  /** Purge now and then every purgeIntervalMs (unref'd: never keeps the process alive). */
  async start(): Promise<void> {
    await this.purgeStrayFiles();
    await this.purgeOrphans();
    if (this.opts.purgeIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.purgeOrphans().catch((err: unknown) => {
          // A failed purge is retried next time; it must not take the gateway down.
          console.error('[gateway] purging unattached uploads failed:', err);
        });
      }, this.opts.purgeIntervalMs);
      this.timer.unref();
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
