/** `/v1/config`, `/v1/institutions?q=`, `/v1/locations?q=`: reference data for the form. */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { ATTACHMENT_MIME_TYPES, CLASSIFICATIONS, LIMITS, LOCALES, LocationAtQuery, validate } from '../../src/contract/index.js';
import { ApiError } from '../http/errors.js';
import { notModified } from '../http/conditional.js';
import type { Env } from '../http/types.js';
import type { Services } from '../services/index.js';
import { allPolicies, servedCalendar } from '../services/sla.js';

/** Lowercase, accents removed: "kec. gènteng" finds "Kecamatan Genteng". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export interface ReferenceOptions {
  /** The channels this gateway sends citizens updates on (notify/): served in /v1/config. */
  notify?: readonly ('email' | 'whatsapp')[];
}

export function referenceRoutes(s: Services, options: ReferenceOptions = {}) {
  const r = new Hono<Env>();
  // Reference data changes only at seed time, so the document (minus serverTime) and its
  // ETag are computed once. A 304 keeps the client's cached serverTime; clients correct
  // skew with the Date header as well.
  let cached: { doc: object; etag: string } | undefined;
  const configDoc = () => {
    if (!cached) {
      const doc = {
        institutions: [...s.store.institutions.values()],
        categories: [...s.store.categories.values()],
        classifications: [...CLASSIFICATIONS],
        attachments: { maxBytes: LIMITS.attachments.maxBytes, maxFiles: LIMITS.attachments.maxFiles, mimeTypes: [...ATTACHMENT_MIME_TYPES] },
        slaPolicies: allPolicies(),
        calendar: servedCalendar('Asia/Jakarta'),
        locales: [...LOCALES],
        defaultTimeZone: 'Asia/Jakarta',
        notify: [...(options.notify ?? [])],
      };
      cached = { doc, etag: `"${createHash('sha256').update(JSON.stringify(doc)).digest('base64url').slice(0, 22)}"` };
    }
    return cached;
  };

  r.get('/config', (c) => {
    const { doc, etag } = configDoc();
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=60');
    if (notModified(c, etag)) return c.body(null, 304);
    return c.json({ ...doc, serverTime: s.now().toISOString() });
  });

  r.get('/institutions', (c) => {
    const q = fold(c.req.query('q') ?? '');
    const items = [...s.store.institutions.values()].filter((i) => !q || fold(i.name).includes(q)).slice(0, q ? 20 : 100);
    return c.json({ items });
  });

  r.get('/locations', (c) => {
    const q = fold(c.req.query('q') ?? '');
    const items = [...s.store.locations.values()].filter((l) => !q || fold(l.path).includes(q)).slice(0, q ? 20 : 100);
    return c.json({ items });
  });

  // "Gunakan lokasi saya": the place a point falls in, as words (services/locate.ts). Not
  // cached by proxies: a position is personal, and the answer is cheap to compute.
  r.get('/locations/at', (c) => {
    const parsed = validate(LocationAtQuery, c.req.query(), c.get('lang'));
    if (!parsed.ok) throw new ApiError(422, 'validation_failed', { fields: parsed.fields });
    c.header('Cache-Control', 'no-store');
    return c.json({ match: s.locator.locate(parsed.data) });
  });
  return r;
}
