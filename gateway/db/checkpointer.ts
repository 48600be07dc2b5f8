/**
 * SQLite checkpoints off the event loop (issue 27).
 *
 * By itself SQLite copies the WAL back into the database file inside the COMMIT that takes
 * the WAL past 1,000 pages (`wal_autocheckpoint`), on the committing thread: megabytes of
 * writes and two fsyncs, 5–30 ms of a stopped event loop on a busy disk, which every
 * request in flight then waits out (measured: COMMIT p50 0.3 ms, p99 18 ms, max 31 ms).
 * Here, once the WAL has grown past START_AT_BYTES, the main connection stops
 * checkpointing by itself and a worker thread with its own connection
 * (checkpoint-worker.mjs) runs a PASSIVE checkpoint at most every EVERY_MS after commits.
 * A gateway that writes little (a test, a quiet village) never starts the thread. If the
 * worker cannot run, SQLite's automatic checkpoints come back.
 */
import { fstatSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL, frames copied back, busy = could not finish. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const EVERY_MS = 1_000;
/** SQLite's own mark is 1,000 pages (4 MB); below a quarter of it a thread is not worth starting. */
const START_AT_BYTES = 1024 * 1024;
/** SQLite's default, restored when the worker fails. */
const AUTOCHECKPOINT_PAGES = 1000;

export class Checkpointer {
  private worker: Worker | undefined;
  private failed = false;
  private closing = false;
  private timer: NodeJS.Timeout | undefined;
  /** Callers waiting for the worker's answers, in the order they asked. */
  private readonly replies: ((result: CheckpointResult | undefined) => void)[] = [];

  constructor(
    private readonly raw: Database.Database,
    /** The WAL file (open for the driver's fsync): its size says when the thread is worth starting. */
    private readonly walFd: number,
    private readonly startAtBytes = START_AT_BYTES,
  ) {}

  /** After a commit: a checkpoint within EVERY_MS (one timer, however many commits). */
  due(): void {
    if (this.timer || this.failed || this.closing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, EVERY_MS).unref();
  }

  /** Checkpoint now in the worker (started here when the WAL is big enough); undefined when SQLite does it itself. */
  run(): Promise<CheckpointResult | undefined> {
    if (this.failed || this.closing) return Promise.resolve(undefined);
    if (!this.worker) {
      if (fstatSync(this.walFd).size < this.startAtBytes) return Promise.resolve(undefined);
      this.start();
    }
    const worker = this.worker!;
    // Only an answer being awaited keeps the process alive.
    worker.ref();
    return new Promise((resolve) => {
      this.replies.push(resolve);
      worker.postMessage('checkpoint');
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private start(): void {
    const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { path: this.raw.name } });
    worker.unref();
    worker.on('message', (r: ({ ok: true } & CheckpointResult) | { ok: false; message: string }) => {
      if (!r.ok) console.error(`[db] checkpoint failed (retried at the next): ${r.message}`);
      this.replies.shift()?.(r.ok ? { busy: r.busy, log: r.log, checkpointed: r.checkpointed } : undefined);
      if (!this.replies.length && !this.closing) worker.unref();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => {
      if (!this.closing) this.fail(new Error('the checkpoint thread exited'));
    });
    this.worker = worker;
    this.raw.pragma('wal_autocheckpoint = 0');
  }

  private fail(error: Error): void {
    if (this.failed || this.closing) return;
    this.failed = true;
    this.worker = undefined;
    console.error(`[db] checkpoint thread unavailable, SQLite checkpoints by itself again: ${error.message}`);
    this.raw.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    for (const reply of this.replies.splice(0)) reply(undefined);
  }
}
