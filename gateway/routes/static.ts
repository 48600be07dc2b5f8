/** `/` and `/*.html` etc. from the page folders (first match wins), `/dist/*` from dist/, the outbox's worker at the root. 404 when absent. */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Env } from '../http/types.js';
import { serveFile } from '../http/static.js';
import type { Services } from '../services/index.js';

export function staticRoutes(s: Services) {
  const r = new Hono<Env>();
  const dist = join(s.rootDir, 'dist');
  r.get('/dist/*', async (c, next) => (await serveFile(c, dist, c.req.path.slice('/dist/'.length), 'dist')) ?? next());
  // The outbox's service worker (Background Sync) at the root, so that its scope covers
  // the pages of this origin (a worker controls only paths under its own): the demo pages
  // register it with data-outbox-worker. A site of its own serves its copy the same way.
  r.get('/lapor-outbox-sw.js', async (c, next) => (await serveFile(c, dist, 'lapor-outbox-sw.js', 'dist')) ?? next());
  r.get('/*', async (c, next) => {
    const rel = c.req.path === '/' ? 'index.html' : c.req.path.slice(1);
    if (rel.startsWith('v1/')) return next();
    for (const dir of s.pagesDirs) {
      const res = await serveFile(c, dir, rel, 'page');
      if (res) return res;
    }
    return next();
  });
  return r;
}
