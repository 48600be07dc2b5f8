import { Hono } from 'hono';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';

/**
 * 200 once the database is open and migrated (createGateway does both before serving).
 * 503 when storage is full or not writable: the gateway would answer submits with 500s.
 * "low" is a warning (200). No limits apply here: monitoring must always get an answer.
 * `upstream`: the LAPOR! outbox at a glance (null when standalone): counts and states only,
 * since this route is public; errors, tracking numbers and LAPOR! ids are in the super
 * admin's GET /v1/admin/upstream.
 */
export function healthRoutes(s: Services, upstream?: () => object | Promise<object>) {
  const r = new Hono<Env>();
  // SQLite records the schema version in the file header, PostgreSQL in schema_migrations (db/migrate.ts).
  const versionSql = s.db.dialect === 'sqlite' ? 'PRAGMA user_version' : 'SELECT MAX(version) AS user_version FROM schema_migrations';
  r.get('/healthz', async (c) => {
    const version = Number((await s.db.get<{ user_version: number | null }>(versionSql))?.user_version ?? 0);
    const storage = s.storage.check();
    const ok = storage.state === 'ok' || storage.state === 'low';
    return c.json(
      {
        ok,
        schemaVersion: version,
        subscribers: s.hub.size,
        streams: s.streams.size,
        storage,
        upstream: upstream ? await upstream() : null,
        serverTime: s.now().toISOString(),
      },
      ok ? 200 : 503,
    );
  });
  return r;
}
