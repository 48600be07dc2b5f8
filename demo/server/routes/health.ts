import { Hono } from 'hono';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';

/** 200 once the database is open and migrated (createGateway does both before serving). */
export function healthRoutes(s: Services) {
  const r = new Hono<Env>();
  r.get('/healthz', (c) => {
    const version = s.db.pragma('user_version', { simple: true }) as number;
    return c.json({ ok: true, schemaVersion: version, subscribers: s.hub.size, serverTime: s.now().toISOString() });
  });
  return r;
}
