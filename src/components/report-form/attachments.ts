/**
 * The files of one report: checked against the gateway's limits and re-encoded (photos)
 * BEFORE any byte is uploaded, then uploaded one by one with progress. A file that could
 * not be uploaded (offline, gateway down) is kept as a Blob and travels with the draft or
 * the outbox; nothing the citizen picked is silently dropped.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Attachment, AttachmentLimits } from '../../contract/index.js';
import type { MessageKey, MessageParams } from '../../i18n/catalog.js';
import { formatBytes } from '../../media/format-bytes.js';
import type { LaporClient } from '../../sdk/types.js';
import { uuid } from '../../sdk/uuid.js';
import { addLateStyles } from '../shared/late-styles.js';
import { isRetryable } from '../../store/outbox-queue.js';
import type { DraftAttachment } from '../../store/drafts.js';

/** The form's work after first paint (files, previews, "Gunakan lokasi saya"): its own chunk, fetched once and shared. */
let work: Promise<typeof import('./form-work.js')> | undefined;
export function loadFormWork(): Promise<typeof import('./form-work.js')> {
  work ??= import('./form-work.js').catch((error: unknown) => {
    work = undefined; // offline now: try again on the next file
    throw error;
  });
  return work;
}

export type AttachmentState = 'uploading' | 'waiting' | 'done' | 'failed';

export interface AttachmentItem {
  localId: string;
  name: string;
  mime: string;
  blob?: Blob;
  uploaded?: Attachment;
  state: AttachmentState;
  loaded: number;
  total: number;
  error?: string;
  /** A photo's preview (see `thumbnailFor`); closed when the photo is removed. */
  preview?: ImageBitmap;
}

export interface AttachmentsHost extends ReactiveControllerHost {
  readonly uploadClient: LaporClient | undefined;
  readonly attachmentLimits: AttachmentLimits;
  readonly currentLocale: string;
  tr(key: MessageKey, params?: MessageParams): string;
  attachmentsChanged(): void;
}


export class AttachmentsController implements ReactiveController {
  items: AttachmentItem[] = [];
  /** Files refused before upload, each message naming the file. */
  refused: string[] = [];
  #uploads = new Map<string, { promise: Promise<void>; abort: AbortController }>();

  constructor(private readonly host: AttachmentsHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const { abort } of this.#uploads.values()) abort.abort();
  }

  /** Draw each photo's preview into its canvas (rendered by fields.ts with `data-thumb`). */
  hostUpdated(): void {
    const root = (this.host as unknown as Element).shadowRoot;
    for (const canvas of root?.querySelectorAll<HTMLCanvasElement>('canvas[data-thumb]') ?? []) {
      const preview = this.items.find((i) => i.localId === canvas.dataset['thumb'])?.preview;
      if (!preview || (canvas as { drawn?: ImageBitmap }).drawn === preview) continue;
      canvas.getContext('2d')?.drawImage(preview, 0, 0, canvas.width, canvas.height);
      (canvas as { drawn?: ImageBitmap }).drawn = preview;
    }
  }

  /** Make a photo's preview in the background; a photo that cannot be previewed keeps its name only. */
  #preview(localId: string, blob: Blob | undefined, mime: string): void {
    if (!blob || mime === 'application/pdf') return;
    loadFormWork()
      .then(({ thumbnail, previewStyles }) => {
        addLateStyles((this.host as unknown as Element).shadowRoot, previewStyles);
        return thumbnail(blob);
      })
      .then((preview) => {
        if (!this.items.some((i) => i.localId === localId)) return preview.close();
        this.#patch(localId, { preview });
        this.host.requestUpdate();
      })
      .catch(() => undefined);
  }

  #changed(): void {
    this.host.requestUpdate();
    this.host.attachmentsChanged();
  }

  /** The `add()` still checking/re-encoding: `settle()` waits for it (a submit right after picking a photo kept it out of the report). */
  #adding: Promise<void> = Promise.resolve();

  /** Check, re-encode and start uploading the files the citizen picked or dropped. */
  add(files: readonly File[]): Promise<void> {
    const run = this.#adding.then(() => this.#add(files));
    this.#adding = run.catch(() => undefined);
    return run;
  }

  async #add(files: readonly File[]): Promise<void> {
    const limits = this.host.attachmentLimits;
    const t = this.host.tr.bind(this.host);
    const max = formatBytes(limits.maxBytes, this.host.currentLocale);
    this.refused = [];
    for (const file of files) {
      if (this.items.length >= limits.maxFiles) {
        this.refused.push(t('form.attachments.tooMany', { name: file.name, max: limits.maxFiles }));
        continue;
      }
      let prepared: Awaited<ReturnType<(typeof import('./form-work.js'))['prepare']>>;
      try {
        // Not in the first download (most reports have no file); the form preloads it right
        // after its first render. Failing to fetch it is a connection problem, not a bad
        // file, and the citizen must be told which.
        prepared = await (await loadFormWork()).prepare(file, limits);
      } catch {
        this.refused.push(t('form.attachments.needsConnection', { name: file.name }));
        continue;
      }
      if (!prepared.ok) {
        const key = { type: 'form.attachments.badType', size: 'form.attachments.tooBig', unreadable: 'form.attachments.unreadable' } as const;
        this.refused.push(t(key[prepared.problem], { name: file.name, max }));
        continue;
      }
      const { blob, name } = prepared;
      const item: AttachmentItem = { localId: uuid(), name, mime: prepared.mime, blob, state: 'waiting', loaded: 0, total: blob.size };
      this.items = [...this.items, item];
      this.#preview(item.localId, blob, item.mime);
      this.#changed();
      void this.upload(item.localId);
    }
    this.host.requestUpdate();
  }

  #patch(localId: string, patch: Partial<AttachmentItem>): AttachmentItem | undefined {
    let found: AttachmentItem | undefined;
    this.items = this.items.map((item) => (item.localId === localId ? (found = { ...item, ...patch }) : item));
    return found;
  }

  /** Upload one waiting or failed file. Resolves when it is done or has failed. */
  upload(localId: string): Promise<void> {
    const running = this.#uploads.get(localId);
    if (running) return running.promise;
    const item = this.items.find((i) => i.localId === localId);
    const client = this.host.uploadClient;
    if (!item?.blob || item.uploaded || !client || !navigator.onLine) return Promise.resolve();
    const abort = new AbortController();
    this.#patch(localId, { state: 'uploading', loaded: 0, error: undefined });
    this.host.requestUpdate();
    const promise = client
      .uploadAttachment(new File([item.blob], item.name, { type: item.mime }), {
        signal: abort.signal,
        onProgress: ({ loaded, total }) => {
          this.#patch(localId, { loaded, total: total || item.blob?.size || 0 });
          this.host.requestUpdate();
        },
      })
      .then(
        (uploaded) => {
          // The bytes are on the gateway: the draft keeps only the id, not the blob.
          this.#patch(localId, { state: 'done', uploaded, blob: undefined, loaded: item.total, total: item.total });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const retryable = isRetryable(error);
          this.#patch(localId, {
            state: retryable ? 'waiting' : 'failed',
            error: retryable ? undefined : error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        this.#uploads.delete(localId);
        this.#changed();
      });
    this.#uploads.set(localId, { promise, abort });
    return promise;
  }

  remove(localId: string): void {
    this.#uploads.get(localId)?.abort.abort();
    this.#uploads.delete(localId);
    this.items.find((i) => i.localId === localId)?.preview?.close();
    this.items = this.items.filter((i) => i.localId !== localId);
    this.#changed();
  }

  /** Before submit: finish running uploads and try the waiting ones once more. */
  async settle(): Promise<void> {
    await this.#adding;
    await Promise.all([...this.#uploads.values()].map((u) => u.promise));
    await Promise.all(this.items.filter((i) => i.state === 'waiting' || i.state === 'failed').map((i) => this.upload(i.localId)));
  }

  /** Back online: send the files that were waiting for a connection. */
  uploadWaiting(): Promise<unknown> {
    return Promise.all(this.items.filter((i) => i.state === 'waiting').map((i) => this.upload(i.localId)));
  }

  get uploadedIds(): string[] {
    return this.items.flatMap((i) => (i.uploaded ? [i.uploaded.id] : []));
  }

  get pending(): AttachmentItem[] {
    return this.items.filter((i) => !i.uploaded);
  }

  get failed(): AttachmentItem[] {
    return this.items.filter((i) => i.state === 'failed');
  }

  toDraft(): DraftAttachment[] {
    return this.items.map(({ localId, name, mime, blob, uploaded }) => ({ localId, name, mime, blob, uploaded }));
  }

  restore(saved: readonly DraftAttachment[]): void {
    this.#closePreviews();
    this.items = saved.map((a) => ({
      ...a,
      state: a.uploaded ? 'done' : 'waiting',
      loaded: a.uploaded ? a.uploaded.bytes : 0,
      total: a.uploaded?.bytes ?? a.blob?.size ?? 0,
    }));
    this.refused = [];
    for (const item of this.items) this.#preview(item.localId, item.blob, item.mime);
    this.host.requestUpdate();
  }

  clear(): void {
    this.hostDisconnected();
    this.#uploads.clear();
    this.#closePreviews();
    this.items = [];
    this.refused = [];
  }

  #closePreviews(): void {
    for (const item of this.items) item.preview?.close();
  }
}
