/**
 * `GET /r/:trackingId`: the page behind the follow link in every message to a citizen
 * (`/r/LPR-…#<access code>`). A `follow.html` in one of the page folders wins (the demo's,
 * or the operator's LAPOR_PAGES_DIR); otherwise the gateway's own page
 * (pages/follow.template.html), so that links in messages work in production without a
 * page folder of the operator's. It shows `<lapor-report-status>` for that tracking id
 * (validated before this route, http/ids.ts), in the request's language, under the strict
 * CSP with Trusted Types; its script hands the code from the fragment to the element.
 *
 * The element needs a site key for its requests (same-origin, so any configured key
 * passes the Origin check): LAPOR_FOLLOW_SITE_KEY, else the first key of channel `web`,
 * else the first key.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { msg } from '../../src/i18n/index.js';
import { tidyTrackingId } from '../http/ids.js';
import { pageHeaders } from '../http/csp.js';
import { serveFile } from '../http/static.js';
import type { Env } from '../http/types.js';
import { esc } from '../notify/messages.js';
import type { SiteKeyConfig } from '../options.js';
import type { Services } from '../services/index.js';

const TEMPLATE = new URL('../pages/follow.template.html', import.meta.url);

/** The key the gateway's follow page sends; throws at start for a key that is not configured. */
export function followSiteKey(siteKeys: Record<string, SiteKeyConfig>, configured: string | undefined): string | undefined {
  if (configured !== undefined) {
    if (!Object.hasOwn(siteKeys, configured)) throw new Error(`LAPOR_FOLLOW_SITE_KEY: "${configured}" is not one of LAPOR_SITE_KEYS`);
    return configured;
  }
  const keys = Object.entries(siteKeys);
  return (keys.find(([, k]) => k.channel === 'web') ?? keys[0])?.[0];
}

export function followPageRoutes(s: Services, configuredKey: string | undefined) {
  const r = new Hono<Env>();
  const siteKey = followSiteKey(s.siteKeys, configuredKey) ?? '';
  let template: string | undefined;

  const render = (c: Context<Env>, trackingId: string) => {
    template ??= readFileSync(TEMPLATE, 'utf8');
    const lang = c.get('lang') === 'en' ? 'en' : 'id';
    const fields: Record<string, string> = {
      lang,
      title: msg(lang, 'followPage.title', { trackingId }),
      heading: msg(lang, 'followPage.heading', { trackingId }),
      intro: msg(lang, 'followPage.intro'),
      trackingId,
      siteKey,
    };
    const html = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in fields ? esc(fields[name]!) : whole));
    return c.html(html, 200, {
      ...pageHeaders('/follow', true),
      'Cache-Control': 'no-cache',
      'Content-Language': lang,
      Vary: 'Accept-Language',
    });
  };

  r.get('/r/:trackingId', async (c) => {
    for (const dir of s.pagesDirs) {
      const res = await serveFile(c, dir, 'follow.html', 'page');
      if (res) return res;
    }
    return render(c, tidyTrackingId(c.req.param('trackingId'))!);
  });
  return r;
}
