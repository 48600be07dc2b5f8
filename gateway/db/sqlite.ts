/**
 * The embedded default: SQLite through better-sqlite3, one file, one process.
 *
 * WAL + `synchronous = FULL`: every COMMIT is fsynced before it returns, so a report we
 * acknowledged is on disk even if the process is killed right after (and survives power
 * loss, which `NORMAL` would not guarantee in WAL mode).
 *
 * Group commit lives here: transactions started in the same event-loop turn run one after
 * another inside ONE outer transaction, each in its own savepoint (so one's 409 rolls back
 * only itself), and share one COMMIT — one WAL fsync instead of one each. Each settles only
 * after that COMMIT returned: nothing is acknowledged before it is durable.
 *
 * better-sqlite3 is synchronous, so a query outside a transaction runs at once — except
 * while a batch is open: then it waits for the batch, so no one reads a change that may
 * still roll back. Queries from inside a transaction's async context (AsyncLocalStorage)
 * run inside it.
 */
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
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

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly context = new AsyncLocalStorage<TxContext>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private queue: Job[] = [];
  private scheduled = false;
  /** Set while a batch is open; resolves when it has committed or rolled back. */
  private batch: Promise<void> | undefined;

  constructor(readonly raw: Database.Database) {}

  static open(path: string): SqliteDb {
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    return new SqliteDb(raw);
  }


  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.exec(() => this.statement(sql).all(...bindable(params)) as T[]);
  }

  get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.exec(() => this.statement(sql).get(...bindable(params)) as T | undefined);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
    return this.exec(() => ({ changes: this.statement(sql).run(...bindable(params)).changes }));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const ctx = this.context.getStore();
    if (ctx) return this.nested(ctx, fn);
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
    this.raw.close();
  }

  // ---- internals ------------------------------------------------------------------------

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.raw.prepare(sql)));
    return s;
  }

  private exec<T>(fn: () => T): Promise<T> {
    if (this.batch && !this.context.getStore()) return this.batch.then(() => this.exec(fn));
    try {
      return Promise.resolve(fn());
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
