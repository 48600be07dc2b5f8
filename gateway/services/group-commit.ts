/**
 * Group commit: submits that arrive in the same event-loop turn are written in ONE
 * SQLite transaction, so they share one WAL fsync (synchronous = FULL) instead of paying
 * one each. Each job runs in its own savepoint (a nested better-sqlite3 transaction),
 * so one job's error (409, 422) rolls back only that job. Promises settle only after the
 * outer COMMIT returned: nothing is acknowledged before it is durable.
 */
import type { Db } from '../db.js';

interface Job {
  fn: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 128,
  ) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const job of batch) {
          try {
            results.push({ ok: true, value: this.db.transaction(job.fn)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const r = results[i]!;
      if (r.ok) job.resolve(r.value);
      else job.reject(r.error);
    });
  }
}
