/**
 * The embedded default: SQLite through better-sqlite3, one file, one process.
 *
 * Durability: a report we acknowledged is on disk even if the process is killed or the
 * power fails right after. WAL mode; the WAL file is fsynced after every COMMIT and
 * before anything of that commit settles, is read by anyone, or is announced. SQLite's
 * `synchronous = FULL` makes exactly that fsync inside COMMIT ("an additional sync of the
 * WAL file after each transaction commit"), on the calling thread: the whole event loop
 * then stood still for the disk (1–5 ms per commit on a busy disk, ~30 % of the gateway's
 * time under load; issue 27). So the driver runs `synchronous = NORMAL` (the same WAL,
 * checksummed frames and synced checkpoints, minus that one fsync) and makes the fsync
 * itself on libuv's thread pool: the event loop keeps reading, validating and answering
 * requests while the disk works, and the next group gathers meanwhile. Copying the WAL
 * back into the database file (checkpoints: more writes and two more fsyncs) moves to a
 * worker thread for the same reason (checkpointer.ts).
 *
 * Group commit: transactions started while the previous group commits run one after
 * another inside ONE outer transaction, each in its own savepoint (so one's 409 rolls
 * back only itself), and share one COMMIT and one fsync. Each settles only after that
 * fsync returned: nothing is acknowledged before it is durable. A write outside a
 * transaction is a transaction of its own (it joins the next group).
 *
 * better-sqlite3 is synchronous, so a read outside a transaction runs at once — except
 * while a group is open (executing or syncing): then it waits for it, so no one reads a
 * change that may still roll back or is not yet on disk. Queries from inside a
 * transaction's async context (AsyncLocalStorage) run inside it.
 */
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Checkpointer, type CheckpointResult } from './checkpointer.js';
import { bindable } from './params.js';
import { runHooks } from './hooks.js';
import type { Db, Leadership, RunResult } from './types.js';

interface TxContext {
  afterCommit: (() => void)[];
  depth: number;
}

interface Job {
  fn: () => Promise<unknown>;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

/** Transactions per COMMIT at most: bounds how long one batch holds readers back. */
const MAX_BATCH = 128;

/** The WAL side of a file database. */
export interface Wal {
  /** Makes everything written to the WAL so far durable (fsync of the WAL file, off the event loop). */
  sync(): Promise<void>;
  /** Copies the WAL back into the database file on a worker thread (checkpointer.ts). */
  checkpoints?: Checkpointer;
  /** Closes the WAL file descriptor (after the database). */
  close?(): void;
}

/** fsync(2) of an open file on libuv's thread pool: the same call SQLite's FULL makes on the WAL. */
function fsyncOf(fd: number): () => Promise<void> {
  return () => new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly context = new AsyncLocalStorage<TxContext>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private queue: Job[] = [];
  private scheduled = false;
  /** Set while a batch is open; resolves when it has committed and synced, or rolled back. */
  private batch: Promise<void> | undefined;
  /**
   * Set when an fsync failed: what was written since may never reach the disk (Linux may
   * drop the dirty pages and report success next time), so nothing is acknowledged again
   * until a restart recovers from the WAL. PostgreSQL stops for the same reason.
   */
  private syncFailure: unknown;

  /** `wal` is synced after each group's COMMIT; none for a database without a WAL file (`:memory:`). */
  constructor(
    readonly raw: Database.Database,
    private readonly wal: Wal | undefined,
  ) {}

  static open(path: string): SqliteDb {
    const raw = new Database(path);
    const mode = raw.pragma('journal_mode = WAL', { simple: true });
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    if (mode !== 'wal') {
      raw.pragma('synchronous = FULL');
      return new SqliteDb(raw, undefined);
    }
    // The WAL file exists once the database has been read; it stays (the same file) while
    // this connection is open. Its directory entry is made durable once, here.
    raw.pragma('synchronous = NORMAL');
    raw.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
    const wal = openSync(`${raw.name}-wal`, 'r');
    const dir = openSync(dirname(raw.name), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return new SqliteDb(raw, { sync: fsyncOf(wal), checkpoints: new Checkpointer(raw, wal), close: () => closeSync(wal) });
  }

  /** Make everything committed so far durable now (after writes made through `raw`: migrations). */
  async flushToDisk(): Promise<void> {
    await this.wal?.sync();
  }

  /** Copy the WAL back into the database file now, on the checkpoint thread (undefined: SQLite does it itself). */
  checkpoint(): Promise<CheckpointResult | undefined> {
    return this.wal?.checkpoints?.run() ?? Promise.resolve(undefined);
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.exec(sql, (s) => s.all(...bindable(params)) as T[]);
  }

  get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.exec(sql, (s) => s.get(...bindable(params)) as T | undefined);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
    return this.exec(sql, (s) => ({ changes: s.run(...bindable(params)).changes }));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const ctx = this.context.getStore();
    if (ctx) return this.nested(ctx, fn);
    if (this.syncFailure !== undefined) return Promise.reject(this.syncFailure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve, reject });
      this.schedule();
    });
  }

  async lock(_key: string): Promise<void> {
    // One writer at a time already: every transaction holds every key.
  }

  afterCommit(fn: () => void): void {
    const ctx = this.context.getStore();
    if (ctx) ctx.afterCommit.push(fn);
    else fn();
  }

  async notify(channel: string, payload = ''): Promise<void> {
    // One process owns the file: "every listening process" is this one.
    this.afterCommit(() => {
      for (const listener of this.listeners.get(channel) ?? []) listener(payload);
    });
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(onMessage);
    return async () => void set.delete(onMessage);
  }

  leader(_name: string, start: () => void, stop: () => void): Leadership {
    // A SQLite file has one gateway process, so it always leads.
    let held = true;
    start();
    return {
      get held() {
        return held;
      },
      async close() {
        if (!held) return;
        held = false;
        stop();
      },
    };
  }

  async close(): Promise<void> {
    while (this.batch || this.queue.length) await (this.batch ?? new Promise((r) => setImmediate(r)));
    await this.wal?.checkpoints?.close();
    this.raw.close();
    this.wal?.close?.();
  }

  // ---- internals ------------------------------------------------------------------------

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.raw.prepare(sql)));
    return s;
  }

  private exec<T>(sql: string, use: (statement: Database.Statement) => T): Promise<T> {
    let statement: Database.Statement;
    try {
      statement = this.statement(sql);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.context.getStore()) {
      // A write on its own is committed and synced like any transaction; a read waits
      // for the open group, so that it sees only what is committed and on disk.
      if (!statement.readonly) return this.transaction(async () => use(statement));
      if (this.batch) return this.batch.then(() => this.exec(sql, use));
    }
    try {
      return Promise.resolve(use(statement));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.batch) void this.batch.then(() => this.schedule());
      else void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const jobs = this.queue.splice(0, MAX_BATCH);
    if (!jobs.length) return;
    let open!: () => void;
    this.batch = new Promise<void>((r) => (open = r));
    const results: ({ ok: true; value: unknown; ctx: TxContext } | { ok: false; error: unknown })[] = [];
    let failure: unknown;
    try {
      this.raw.exec('BEGIN IMMEDIATE');
      for (const job of jobs) {
        const ctx: TxContext = { afterCommit: [], depth: 0 };
        this.raw.exec('SAVEPOINT job');
        try {
          const value = await this.context.run(ctx, job.fn);
          this.raw.exec('RELEASE job');
          results.push({ ok: true, value, ctx });
        } catch (error) {
          this.raw.exec('ROLLBACK TO job');
          this.raw.exec('RELEASE job');
          results.push({ ok: false, error });
        }
      }
      this.raw.exec('COMMIT');
      await this.durable();
    } catch (error) {
      failure = error;
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
    } finally {
      this.batch = undefined;
      open();
      if (this.queue.length) this.schedule();
    }
    jobs.forEach((job, i) => {
      const r = results[i];
      if (failure !== undefined || !r) return job.reject(failure);
      if (!r.ok) return job.reject(r.error);
      runHooks(r.ctx.afterCommit);
      job.resolve(r.value);
    });
  }

  /** After a COMMIT: the WAL fsync (see the header); a failure is final (see syncFailure). */
  private async durable(): Promise<void> {
    if (!this.wal) return;
    try {
      await this.wal.sync();
    } catch (error) {
      this.syncFailure = error;
      throw error;
    }
    this.wal.checkpoints?.due();
  }

  /** A transaction inside a transaction: a savepoint, so its failure can be caught alone. */
  private async nested<T>(ctx: TxContext, fn: () => Promise<T>): Promise<T> {
    const name = `nested_${++ctx.depth}`;
    const hooks = ctx.afterCommit.length;
    this.raw.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      this.raw.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      this.raw.exec(`ROLLBACK TO ${name}`);
      this.raw.exec(`RELEASE ${name}`);
      ctx.afterCommit.length = hooks; // what rolled back is not announced
      throw error;
    } finally {
      ctx.depth--;
    }
  }
}
