/**
 * Public figures, no login (issue 28): `GET /v1/public/compliance?from=YYYY-MM-DD&to=YYYY-MM-DD&institution=`
 * — the 4-hour SOP per institution and per kecamatan / puskesmas group, for
 * `<lapor-compliance-board>` on any government page. A site key is required (it names
 * the page, like every citizen route). The answer is the same for everyone, so it is
 * computed at most once per `cacheMs` per period (concurrent requests share one
 * computation: a board embedded on many pages cannot make the gateway scan its reports
 * per page view) and is cacheable by browsers and CDNs (ETag, max-age).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { PublicComplianceQuery, validate, type PublicCompliance } from '../../src/contract/index.js';
import { fieldErrorMessage } from '../../src/contract/index.js';
import { notModified } from '../http/conditional.js';
import { ApiError } from '../http/errors.js';
import type { Env } from '../http/types.js';
import { ComplianceService } from '../services/compliance.js';
import type { Services } from '../services/index.js';

/** The longest period one request may ask for (a year and a day: a leap year's whole year). */
const MAX_DAYS = 366;
/** Distinct periods kept at once (7d, 30d, month, per unit…): old ones make room. */
const MAX_ENTRIES = 64;

interface Entry {
  at: number;
  doc: Promise<{ body: Omit<PublicCompliance, 'serverTime'>; etag: string }>;
}

export function publicRoutes(s: Services, cacheMs = 30_000) {
  const r = new Hono<Env>();
  const compliance = new ComplianceService(s.store, s.now);
  const cache = new Map<string, Entry>();

  const compute = (from: string, to: string, institution: string | undefined) => {
    const key = `${from}|${to}|${institution ?? ''}`;
    const now = s.now().getTime();
    const hit = cache.get(key);
    if (hit && now - hit.at < cacheMs) return hit.doc;
    const doc = compliance.publicReport(from, to, institution).then((body) => ({
      body,
      etag: `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`,
    }));
    // A failed computation is not kept: the next request tries again.
    doc.catch(() => cache.get(key)?.doc === doc && cache.delete(key));
    cache.delete(key);
    cache.set(key, { at: now, doc });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    return doc;
  };

  r.get('/compliance', async (c) => {
    const lang = c.get('lang');
    const parsed = validate(PublicComplianceQuery, c.req.query(), lang);
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    const { from, to, institution } = parsed.data;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const invalid = (path: string, code: 'invalid' | 'unknown_value') =>
      new ApiError(422, 'validation_failed', { fields: [{ path, code, message: fieldErrorMessage(lang, path, code) }] });
    if (days < 0 || days >= MAX_DAYS) throw invalid('to', 'invalid');
    if (institution && !s.store.institutions.has(institution)) throw invalid('institution', 'unknown_value');

    const { body, etag } = await compute(from, to, institution);
    c.header('ETag', etag);
    c.header('Cache-Control', `public, max-age=${Math.max(0, Math.round(cacheMs / 1000))}`);
    // The answer is the same for every page, but a shared cache must not hand it to a request whose key would be refused.
    c.header('Vary', 'Origin, X-Lapor-Site-Key');
    if (notModified(c, etag)) return c.body(null, 304);
    return c.json({ ...body, serverTime: s.now().toISOString() } satisfies PublicCompliance);
  });
  return r;
}
