/**
 * Attachments: the claimed type comes from the magic bytes, never from the name or the
 * declared type, and is then proven: images are decoded and re-encoded by sharp
 * (image-proof.ts), PDFs parsed and checked for active content (pdf-proof.ts). What is
 * stored is the re-encoded image or the checked PDF, under the data dir by a random id;
 * the original name is kept only as metadata.
 *
 * Nothing of it happens on the main thread or in its memory (issue 23): the body streams
 * to a file under a cap on uploads in flight (upload-body.ts), and a worker with a heap
 * and a time limit parses, proves and stores it (proof-pool.ts, proof-worker.ts); this
 * thread records the row.
 *
 * Storage is bounded: each client may store so many files and bytes per window
 * (upload-quota.ts), and an upload no report has claimed is deleted after `orphanTtlMs`.
 * A refused file costs quota like an accepted one (by the bytes it sent): otherwise a
 * client could send bombs for free, each costing us a check.
 */
import type { IncomingMessage } from 'node:http';
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attachment, ErrorCode } from '../../src/contract/index.js';
import { LIMITS } from '../../src/contract/index.js';
import { ApiError, formatBytes } from '../http/errors.js';
import type { UploadOptions } from '../options.js';
import { fileError } from './file-error.js';
import { ProofAborted, ProofPool, DEFAULT_PROOF_POOL } from './proof-pool.js';
import { randomId } from './secrets.js';
import type { Store } from './store.js';
import { receiveBody, UploadGate } from './upload-body.js';
import { UploadQuota } from './upload-quota.js';

/** One 2 MB file plus the multipart framing and a name. */
export const MULTIPART_LIMIT = LIMITS.attachments.maxBytes + 16 * 1024;

/** An upload as the route hands it over: the request still unread. */
export interface IncomingUpload {
  req: IncomingMessage;
  contentType: string;
  /** Content-Length, when the client sent one. */
  declared: number | undefined;
  siteKey: string;
  client: string;
  lang: string;
}

/** What the worker needs to know of where a body came from. */
interface ProofSource {
  contentType: string;
  /** Set when the body is the file itself (see ProofJob.fileName). */
  fileName?: string;
  siteKey: string;
  lang: string;
}

export class AttachmentService {
  private readonly dir: string;
  /** Bodies being received, and waiting for their check. */
  private readonly incoming: string;
  private readonly quota: UploadQuota;
  readonly gate: UploadGate;
  readonly proofs: ProofPool;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly now: () => Date,
    private readonly opts: UploadOptions,
  ) {
    this.dir = join(dataDir, 'attachments');
    this.incoming = join(dataDir, 'uploads-in-flight');
    mkdirSync(this.dir, { recursive: true });
    // Nothing is in flight at start: what is there, a crash left behind.
    rmSync(this.incoming, { recursive: true, force: true });
    mkdirSync(this.incoming, { recursive: true });
    this.quota = new UploadQuota(opts.quota, () => this.now().getTime());
    this.gate = new UploadGate(opts.inFlightBytes, opts.inFlightPerClient);
    this.proofs = new ProofPool({ ...DEFAULT_PROOF_POOL, timeoutMs: opts.checkTimeoutMs });
  }

  /** Receive, prove, store and record one upload; throws a localized ApiError. */
  async save(up: IncomingUpload): Promise<Attachment> {
    const max = MULTIPART_LIMIT;
    if (up.declared !== undefined && up.declared > max) {
      throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(LIMITS.attachments.maxBytes) }, headers: { Connection: 'close' } });
    }
    const expected = up.declared ?? max;
    // Quota first: a client over it does not get to send its body at all.
    const reservation = this.quota.reserve(up.client, expected);
    let release: () => void;
    try {
      release = this.gate.reserve(up.client, expected);
    } catch (err) {
      reservation.cancel();
      throw err;
    }
    const body = join(this.incoming, randomId('up', 12));
    let received = 0;
    try {
      received = await receiveBody(up.req, body, max);
      return await this.proveAndRecord(body, up, reservation);
    } catch (err) {
      // Refused (or cut off): it cost what it sent, like an accepted file.
      reservation.stored(received);
      throw err;
    } finally {
      removeFile(body);
      release();
    }
  }

  /**
   * A file a channel fetched itself (WhatsApp media, already capped by its download):
   * the same quota, gate, worker proof and row as an upload, without the multipart form.
   */
  async saveFetched(bytes: Uint8Array, name: string | undefined, siteKey: string, client: string, lang: string): Promise<Attachment> {
    const max = LIMITS.attachments.maxBytes;
    if (bytes.length > max) throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(max) } });
    const reservation = this.quota.reserve(client, bytes.length);
    let release: () => void;
    try {
      release = this.gate.reserve(client, bytes.length);
    } catch (err) {
      reservation.cancel();
      throw err;
    }
    const body = join(this.incoming, randomId('up', 12));
    try {
      await writeFile(body, bytes, { flag: 'wx' });
      return await this.proveAndRecord(body, { contentType: '', fileName: name ?? '', siteKey, lang }, reservation);
    } catch (err) {
      reservation.stored(bytes.length);
      throw err;
    } finally {
      removeFile(body);
      release();
    }
  }

  /** Check the body in the worker, then record the row; the reservation is charged what is kept. */
  private async proveAndRecord(body: string, up: ProofSource, reservation: { stored(bytes: number): void }): Promise<Attachment> {
    const id = randomId('att', 12);
    const file = join(this.dir, id);
    const result = await this.check(body, file, up);
    if (!result.ok) throw new ApiError(result.status, result.code as ErrorCode, result.options);
    reservation.stored(result.bytes);
    const attachment: Attachment = { id, name: result.name, mime: result.mime, bytes: result.bytes };
    await this.store.insertAttachment({ ...attachment, file, site_key: up.siteKey, created_at: this.now().toISOString() });
    return attachment;
  }

  /** The worker's verdict; a worker that hit its time or memory limit is a refusal too. */
  private async check(body: string, file: string, up: ProofSource) {
    try {
      return await this.proofs.run({
        bodyFile: body,
        contentType: up.contentType,
        ...(up.fileName !== undefined ? { fileName: up.fileName } : {}),
        storeAs: file,
        lang: up.lang,
        maxBytes: LIMITS.attachments.maxBytes,
        maxImagePixels: this.opts.maxImagePixels,
        imageTimeoutSeconds: Math.max(1, Math.floor(this.opts.checkTimeoutMs / 2000)),
        pdf: this.opts.pdf,
      });
    } catch (err) {
      if (!(err instanceof ProofAborted)) throw err;
      removeFile(file);
      const seconds = Math.max(1, Math.ceil(this.opts.checkTimeoutMs / 1000));
      throw fileError(413, 'gatewayError.file_check_failed', { name: up.fileName || (await fileNameIn(body)), seconds }, up.lang);
    }
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
    void this.proofs.close();
  }
}

/** The file name a multipart body gives its part (from its first 2 kB), for a message about a file the worker could not finish. */
async function fileNameIn(body: string): Promise<string> {
  const handle = await open(body, 'r');
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(2048), position: 0 });
    const name = /filename="([^"\r\n]{1,120})"/.exec(buffer.subarray(0, bytesRead).toString('utf8'))?.[1];
    return name ?? 'lampiran';
  } finally {
    await handle.close();
  }
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
