/**
 * Uploads are checked off the main thread, in a small bounded pool of worker threads
 * (proof-worker.ts), each with a heap limit (`resourceLimits`) and a wall-clock limit.
 *
 * Before (issue 23), a 1.5 MB PDF whose object stream inflated to 1.5 GB was parsed on the
 * main thread for 12.8 s: two such uploads stalled /healthz for 21.6 s, and the process
 * reached 2.7 GB. Now the main thread only waits for a message: a worker that runs out of
 * its heap dies alone (V8 ends the isolate, not the process), one that runs past its time
 * is terminated, and either way the upload is refused and the next job gets a fresh worker.
 *
 * At most `size` checks run at once (each may hold a 50-megapixel image in native memory
 * in sharp, which the heap limit does not count, so the pool size is the bound there,
 * with sharp's own pixel limit);
 * the rest wait in order. The queue is bounded by the uploads in flight (upload-body.ts).
 * Workers are kept warm between jobs and unref'd, so an idle pool never keeps the process
 * alive. Under `tsx` a worker inherits the loader with the process's execArgv.
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
// sharp (libvips) is opened in the main thread too, though only workers use it: a shared
// library first opened by a worker is closed when that worker ends, and opened again by the
// next, which glibc does not survive (lovell/sharp#2263, the advice in sharp's docs).
import 'sharp';
import type { FieldError } from '../../src/contract/index.js';
import type { MessageKey, MessageParams } from '../../src/i18n/index.js';
import type { PdfLimits } from './pdf-proof.js';

export interface ProofJob {
  /** The request body as received (multipart), on disk; or the file itself when `fileName` is set. */
  bodyFile: string;
  contentType: string;
  /**
   * Set when `bodyFile` is the file itself, not a multipart form (media a channel fetched,
   * e.g. WhatsApp's): its name as the sender gave it, or '' for none.
   */
  fileName?: string;
  /** Where the checked file is written if it passes (created, never overwritten). */
  storeAs: string;
  lang: string;
  maxBytes: number;
  maxImagePixels: number;
  imageTimeoutSeconds: number;
  pdf: PdfLimits;
}

export type ProofResult =
  | { ok: true; mime: 'application/pdf' | 'image/jpeg' | 'image/png'; name: string; bytes: number }
  | { ok: false; status: number; code: string; options: { messageKey?: MessageKey; params?: MessageParams; fields?: FieldError[] } };

/** Why a job produced no answer: its worker ran past its time or out of its memory. */
export class ProofAborted extends Error {
  constructor(readonly reason: 'timeout' | 'limits') {
    super(reason);
  }
}

export interface ProofPoolOptions {
  /** Workers at most (checks at once). */
  size: number;
  /** A check longer than this terminates its worker. */
  timeoutMs: number;
  resourceLimits: ResourceLimits;
}

/**
 * One check at a time per spare core, at most 2: the main thread keeps a core of its own
 * for requests and /healthz while bombs are decoded (with two busy workers on a 2-core
 * machine /healthz waited 1.5 s for CPU). 96 MB of heap each (pdf-lib holding a 2 MB PDF
 * of 100,000 objects needs about half of that), 10 s each.
 */
export const DEFAULT_PROOF_POOL: ProofPoolOptions = {
  size: Math.min(2, Math.max(1, availableParallelism() - 1)),
  timeoutMs: 10_000,
  resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, codeRangeSizeMb: 16, stackSizeMb: 4 },
};

interface Slot {
  worker: Worker;
  /** Resolves once the worker has loaded its modules (false: it died first). */
  ready: Promise<boolean>;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
}

/** A worker that has not loaded its modules by then is given up (a broken install, a machine out of memory). */
const START_MS = 60_000;

const WORKER = new URL('./proof-worker.ts', import.meta.url);

/**
 * Workers do not inherit tsx's module hooks (the gateway runs its TypeScript through tsx:
 * `npm start`, `npm run start:gateway`), so a worker registers them itself before it
 * loads its entry. Compiled to JavaScript, the entry would be loaded directly.
 */
function workerEntry(): { code: URL | string; eval: boolean } {
  if (!WORKER.pathname.endsWith('.ts')) return { code: WORKER, eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); });`, eval: true };
}

/** An idle worker is ended after this long (a worker holds tens of MB; uploads come in bursts). */
const IDLE_MS = 60_000;

export class ProofPool {
  private readonly idle: Slot[] = [];
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: ProofPoolOptions = DEFAULT_PROOF_POOL) {}

  /** Check one upload; rejects with ProofAborted when its worker hit a limit. */
  async run(job: ProofJob): Promise<ProofResult> {
    if (this.running >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.onWorker(job);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async onWorker(job: ProofJob): Promise<ProofResult> {
    if (this.closed) throw new Error('proof pool closed');
    const slot = this.idle.pop() ?? this.spawn();
    clearTimeout(slot.idleTimer);
    slot.busy = true;
    // The job's time counts from when its worker can start on it, not from the worker's own start.
    if (!(await slot.ready)) {
      void slot.worker.terminate();
      throw new ProofAborted('limits');
    }
    return new Promise<ProofResult>((resolve, reject) => {
      const done = (settle: () => void, keep: boolean) => {
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        slot.worker.off('exit', onExit);
        slot.busy = false;
        if (keep && !this.closed) {
          this.idle.push(slot);
          slot.idleTimer = setTimeout(() => void slot.worker.terminate(), IDLE_MS).unref();
        } else void slot.worker.terminate();
        settle();
      };
      const onMessage = (result: ProofResult) => done(() => resolve(result), true);
      // ERR_WORKER_OUT_OF_MEMORY (its heap limit), or anything else that killed it.
      const onError = () => done(() => reject(new ProofAborted('limits')), false);
      const onExit = () => done(() => reject(new ProofAborted('limits')), false);
      const timer = setTimeout(() => done(() => reject(new ProofAborted('timeout')), false), this.options.timeoutMs);
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.on('exit', onExit);
      slot.worker.postMessage(job);
    });
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.code, { eval: entry.eval, resourceLimits: this.options.resourceLimits });
    worker.unref();
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_MS).unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    const slot: Slot = { worker, ready, busy: false };
    // A job listens for its own worker's end; one that dies idle just leaves the pool.
    worker.on('error', () => {});
    worker.on('exit', () => {
      const at = this.idle.indexOf(slot);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return slot;
  }

  /** Workers now alive (tests). */
  get size(): number {
    return this.idle.length + this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.idle.splice(0).map((s) => {
        clearTimeout(s.idleTimer);
        return s.worker.terminate();
      }),
    );
  }
}
