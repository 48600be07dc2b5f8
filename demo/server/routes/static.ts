/** `/` and `/*.html` etc. from demo/pages, `/dist/*` from dist/. 404 when absent. */
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Env } from '../http/types.js';
import { serveFile } from '../http/static.js';
import type { Services } from '../services/index.js';

export function staticRoutes(s: Services) {
  const r = new Hono<Env>();
  const pages = join(s.rootDir, 'demo', 'pages');
  const dist = join(s.rootDir, 'dist');
  r.get('/dist/*', async (c, next) => (await serveFile(c, dist, c.req.path.slice('/dist/'.length), 'dist')) ?? next());
  r.get('/', async (c, next) => (await serveFile(c, pages, 'index.html', 'page')) ?? next());
  r.get('/*', async (c, next) => {
    const rel = c.req.path.slice(1);
    if (rel.startsWith('v1/')) return next();
    return (await serveFile(c, pages, rel, 'page')) ?? next();
  });
  return r;
}
