/**
 * One storage interface, two implementations: SQLite (better-sqlite3, the embedded
 * default) and PostgreSQL (`pg`, for several gateway processes on one database).
 *
 * SQL is written once with `?` placeholders in the subset both dialects share
 * (`INSERT … ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`, `CASE`, no `rowid`, no
 * `json_each`, no `INSERT OR IGNORE`); the PostgreSQL driver numbers the placeholders.
 * Where the dialects truly differ a caller branches on `db.dialect`.
 *
 * Transactions are ambient (AsyncLocalStorage): every query made through this `Db` from
 * inside `transaction(fn)`'s async context joins that transaction, so services do not
 * thread a handle through every call. A nested `transaction()` joins the outer one.
 * Transaction bodies must only touch the database (no network, no timers): the SQLite
 * driver commits several of them together (group commit) and a slow body holds the rest.
 */
export type Dialect = 'sqlite' | 'postgres';

/** A row as the driver returns it: TEXT → string, INTEGER/BIGINT → number, BLOB/BYTEA → Buffer. */
export type Row = Record<string, unknown>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Queryable {
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
}

/** Held by at most one process at a time (see Db.leader). */
export interface Leadership {
  /** True while this process holds it. */
  readonly held: boolean;
  /** Stop competing; releases it if held (calls `stop`). */
  close(): Promise<void>;
}

export interface Db extends Queryable {
  readonly dialect: Dialect;
  /**
   * Run `fn` in one transaction. Resolves only after COMMIT returned, i.e. once the
   * change is durable (SQLite: WAL fsync, `synchronous = FULL`; PostgreSQL:
   * `synchronous_commit = on`). A throw rolls back `fn`'s changes and rejects.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: take `key` once no other transaction holds it, and hold it until
   * this one ends (PostgreSQL `pg_advisory_xact_lock`). Every later statement of this
   * transaction runs only once it is held, so it sees what the previous holder committed;
   * PostgreSQL pipelines the lock with them, so the returned promise does not wait for it
   * (a failed lock fails the transaction). SQLite has one writer at a time: nothing to take.
   */
  lock(key: string): Promise<void>;
  /**
   * Run `fn` after the current transaction commits (at once outside one). Used to
   * announce changes only once they are durable; skipped when it rolls back.
   */
  afterCommit(fn: () => void): void;
  /**
   * Tell every process listening on `channel` (this one too). Inside a transaction the
   * message is delivered at commit and dropped on rollback (PostgreSQL NOTIFY; SQLite:
   * in this process, after commit).
   */
  notify(channel: string, payload?: string): Promise<void>;
  /** Receive `notify()` messages; returns a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Compete for a named singleton job (the LAPOR! forwarder, the breach scheduler, the
   * notification sender): `start` runs when this process becomes the holder, `stop` when it
   * loses it. PostgreSQL: a session advisory lock on a dedicated connection, so a killed
   * holder's lock is released with its connection and another process takes over within
   * `retryMs`. SQLite: one process owns the file, so it is held at once.
   */
  leader(name: string, start: () => void, stop: () => void, retryMs?: number): Leadership;
  close(): Promise<void>;
}
