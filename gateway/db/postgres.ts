/**
 * PostgreSQL through `pg`: for a province or more, several gateway processes behind a
 * load balancer on one database.
 *
 * - Queries: our `?` placeholders are numbered once per SQL text, sent as named
 *   prepared statements (parsed and planned once per connection). A newer process's
 *   migration (a rolling deploy adding a column) makes PostgreSQL refuse such a plan of
 *   `SELECT *` ("cached plan must not change result type", 0A000): then the names move to
 *   a new generation, so every connection prepares again, and the query is retried once
 *   (outside a transaction; inside one it has already failed the transaction).
 *   int8 and numeric come back as numbers (counts, ms times), bytea as Buffer: what
 *   better-sqlite3 gives.
 * - Transactions: one pooled connection each, held in AsyncLocalStorage so queries
 *   from the body join it; nested = savepoint. Durable on COMMIT
 *   (`synchronous_commit = on`; PostgreSQL groups concurrent commits' WAL flushes
 *   itself, the equivalent of our SQLite group commit).
 * - Pipelining (`pg`'s pipeline mode): a connection's statements are sent without
 *   waiting for the previous one's answer, and PostgreSQL runs them in the order sent.
 *   So BEGIN and advisory locks cost no round trip of their own: BEGIN travels with the
 *   transaction's first statement, a lock with the statements after it (which run only
 *   once it is granted). Each round trip is a write, a read and a wake-up on both sides
 *   of the socket: the largest cost of a submit on PostgreSQL (issue 27: 7 → 5 per submit).
 *   What was sent ahead is checked before COMMIT; its failure fails the transaction.
 * - `lock(key)`: `pg_advisory_xact_lock`, held to commit (idempotency keys, event order).
 * - `notify/listen`: NOTIFY is transactional (delivered at commit, dropped on rollback);
 *   one dedicated connection LISTENs. Payloads are doorbells, not data: after that
 *   connection is lost and re-made, every listener is rung once so it re-reads what it
 *   may have missed from the tables.
 * - `leader(name)`: a session advisory lock on a dedicated connection. A killed holder's
 *   connection closes, PostgreSQL releases its lock, and the next process to try takes
 *   over; a holder checks its connection every `retryMs` and stops if it is gone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { migratePostgres } from './migrate.js';
import { runHooks } from './hooks.js';
import { bindable } from './params.js';
import type { Db, Leadership, RunResult } from './types.js';

/** "cached plan must not change result type": a prepared plan outlived a schema change. */
const STALE_PLAN = '0A000';
const INT8 = 20;
const NUMERIC = 1700;

/** Per-pool type parsers: the process-wide `pg.types` is left alone. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

interface TxContext {
  client: pg.PoolClient;
  afterCommit: (() => void)[];
  depth: number;
  /** Statements sent without waiting for their answer (BEGIN, locks), settled before COMMIT. */
  ahead: Promise<void>[];
  /** The first of them that failed: the cause, when the statements after it fail as "transaction aborted". */
  failure?: unknown;
}

/** `?` → `$1, $2 …` (our SQL has no `?` inside string literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** 64-bit advisory lock key for a name (stable across processes and versions). */
const LOCK_KEY = 'hashtextextended($1, 0)';

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  private readonly statements = new Map<string, { id: number; text: string }>();
  /** Bumped when a schema change invalidated the prepared plans (see query()). */
  private generation = 0;
  private readonly context = new AsyncLocalStorage<TxContext>();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private listener: pg.Client | undefined;
  private listening: Promise<pg.Client> | undefined;
  private readonly leaderships = new Set<Leadership>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.ClientConfig,
  ) {}

  static async open(url: string, poolSize = 10): Promise<PostgresDb> {
    const config: pg.ClientConfig = { connectionString: url, types, keepAlive: true, application_name: 'lapor-gateway' };
    // Pipeline mode for the pooled connections (queries and transactions), not for the
    // LISTEN and leader connections made from `config`.
    const pool = new pg.Pool({ ...config, max: poolSize, pipeline: true } as pg.PoolConfig);
    // An idle pooled connection that dies (server restart) must not crash the process.
    pool.on('error', () => {});
    const db = new PostgresDb(pool, config);
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
    return db;
  }


  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<RunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.context.getStore();
    if (outer) return this.nested(outer, fn);
    const client = await this.pool.connect();
    const ctx: TxContext = { client, afterCommit: [], depth: 0, ahead: [] };
    let broken: Error | undefined;
    let committed = false;
    try {
      this.sendAhead(ctx, { text: 'BEGIN' });
      const value = await this.context.run(ctx, fn);
      await Promise.all(ctx.ahead);
      if (ctx.failure !== undefined) throw ctx.failure;
      // Not before: COMMIT of a transaction a failed statement aborted would answer "ROLLBACK", not an error.
      await client.query('COMMIT');
      committed = true;
      runHooks(ctx.afterCommit);
      return value;
    } catch (error) {
      if (committed) throw error;
      try {
        // Sent after everything the body sent: it runs after them, whatever they were.
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error; // the connection is gone: do not pool it again
      }
      throw ctx.failure ?? error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Sent now, answered later: every later statement of the transaction runs only once the
   * lock is granted (the connection runs them in order), so there is nothing to wait for
   * here. A lock that fails fails the transaction (see the header).
   */
  async lock(key: string): Promise<void> {
    const ctx = this.context.getStore();
    if (!ctx) throw new Error(`db.lock("${key}") outside a transaction would be released at once`);
    this.sendAhead(ctx, { text: `SELECT pg_advisory_xact_lock(${LOCK_KEY})`, values: [key] });
  }

  afterCommit(fn: () => void): void {
    const ctx = this.context.getStore();
    if (ctx) ctx.afterCommit.push(fn);
    else fn();
  }

  async notify(channel: string, payload = ''): Promise<void> {
    await this.query('SELECT pg_notify(?, ?)', [channel, payload]);
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(onMessage);
    const client = await this.listenerClient();
    if (first) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return async () => {
      set.delete(onMessage);
      if (set.size || this.listeners.get(channel) !== set) return;
      this.listeners.delete(channel);
      await this.listener?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    };
  }

  leader(name: string, start: () => void, stop: () => void, retryMs = 2_000): Leadership {
    let client: pg.Client | undefined;
    let held = false;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const lose = () => {
      if (!held) return;
      held = false;
      stop();
    };
    const attempt = async () => {
      timer = undefined;
      if (stopped) return;
      try {
        if (!client) {
          // A probe that hangs (half-open TCP) must count as lost, not as still holding.
          const c = new pg.Client({ ...this.config, query_timeout: Math.max(1_000, retryMs) });
          c.on('error', () => {
            if (client === c) client = undefined;
            lose();
          });
          await c.connect();
          if (stopped) {
            await c.end().catch(() => {}); // closed while connecting: hold nothing
            return;
          }
          client = c;
        }
        if (held) {
          await client.query('SELECT 1'); // still connected = still holding
        } else {
          const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`, [`lapor:${name}`]);
          if (stopped) {
            const c = client;
            client = undefined;
            await c?.end().catch(() => {}); // ending the session drops a lock just taken
            return;
          }
          if (rows[0]?.ok) {
            held = true;
            start();
          }
        }
      } catch {
        const c = client;
        client = undefined;
        lose();
        void c?.end().catch(() => {});
      }
      if (!stopped) timer = setTimeout(() => void attempt(), retryMs).unref();
    };
    void attempt();
    const leadership: Leadership = {
      get held() {
        return held;
      },
      close: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        this.leaderships.delete(leadership);
        lose();
        const c = client;
        client = undefined;
        // Ending the session releases its advisory lock.
        await c?.end().catch(() => {});
      },
    };
    this.leaderships.add(leadership);
    return leadership;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.leaderships].map((l) => l.close()));
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => {});
    await this.pool.end();
  }

  // ---- internals ------------------------------------------------------------------------

  private query(sql: string, params: readonly unknown[]): Promise<pg.QueryResult> {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = { id: this.statements.size + 1, text: numbered(sql) }));
    const values = bindable(params);
    const query = () => ({ name: `q${s.id}g${this.generation}`, text: s.text, values });
    const ctx = this.context.getStore();
    if (!ctx) {
      return this.pool.query(query()).catch((error: { code?: string }) => {
        if (error?.code !== STALE_PLAN) throw error;
        this.generation++;
        return this.pool.query(query());
      });
    }
    // Pipeline mode: queries started together (Promise.all) go out at once, run in order.
    return ctx.client.query(query()).catch((error: { code?: string }) => {
      if (error?.code === STALE_PLAN) this.generation++; // the next transaction prepares afresh
      throw error;
    });
  }

  private inTx(ctx: TxContext, query: pg.QueryConfig): Promise<pg.QueryResult> {
    return ctx.client.query(query);
  }

  /** Send a statement whose answer nobody waits for; the transaction checks it before COMMIT. */
  private sendAhead(ctx: TxContext, query: pg.QueryConfig): void {
    ctx.ahead.push(
      ctx.client.query(query).then(
        () => undefined,
        (error: unknown) => void (ctx.failure ??= error),
      ),
    );
  }

  private async nested<T>(ctx: TxContext, fn: () => Promise<T>): Promise<T> {
    const name = `nested_${++ctx.depth}`;
    const hooks = ctx.afterCommit.length;
    await this.inTx(ctx, { text: `SAVEPOINT ${name}` });
    try {
      const value = await fn();
      await this.inTx(ctx, { text: `RELEASE SAVEPOINT ${name}` });
      return value;
    } catch (error) {
      await this.inTx(ctx, { text: `ROLLBACK TO SAVEPOINT ${name}` });
      await this.inTx(ctx, { text: `RELEASE SAVEPOINT ${name}` });
      ctx.afterCommit.length = hooks; // what rolled back is not announced
      throw error;
    } finally {
      ctx.depth--;
    }
  }

  /** The one LISTEN connection, re-made (and every listener rung) when it is lost. */
  private listenerClient(): Promise<pg.Client> {
    if (this.listener) return Promise.resolve(this.listener);
    this.listening ??= (async () => {
      const c = new pg.Client(this.config);
      c.on('notification', (n) => {
        for (const fn of this.listeners.get(n.channel) ?? []) fn(n.payload ?? '');
      });
      const lost = () => {
        if (this.listener !== c) return;
        this.listener = undefined;
        void c.end().catch(() => {});
        if (!this.closed) setTimeout(() => void this.relisten(), 500).unref();
      };
      c.on('error', lost);
      c.on('end', lost);
      await c.connect();
      this.listener = c;
      return c;
    })().finally(() => (this.listening = undefined));
    return this.listening;
  }

  private async relisten(): Promise<void> {
    if (this.closed || !this.listeners.size) return;
    try {
      const c = await this.listenerClient();
      for (const channel of this.listeners.keys()) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      for (const set of this.listeners.values()) for (const fn of set) fn('');
    } catch {
      setTimeout(() => void this.relisten(), 1_000).unref();
    }
  }
}
