/**
 * The tracking number as people type it (issue 24: "lpr nmy4 63jy", "lprnmy463jy" and
 * "NMY4-63JY" were refused): any case, spaces, hyphens or dots, with or without "LPR",
 * tidied to its stored form `LPR-NMY4-63JY`; shown in spaced groups; anything that cannot
 * be one is left for the schema to refuse (0/O and 1/I never occur, so nothing maps to
 * them). The SDK sends the stored form whatever it is given.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import * as z from 'zod/mini';
import { TRACKING_ALPHABET, TrackingId, formatTrackingId, normalizeTrackingId } from '../../src/contract/index.js';
import { createLaporClient } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, report } from '../sdk/fixtures.js';

describe('tracking number: loose input, spaced display', () => {
  it('accepts what the issue met, and more', () => {
    for (const typed of ['lpr nmy4 63jy', 'lprnmy463jy', 'NMY4-63JY', 'LPR-NMY4-63JY', ' lpr-nmy4-63jy ', 'LPR.NMY4.63JY', 'nmy463jy', 'LPR – NMY4 63JY']) {
      expect(normalizeTrackingId(typed), typed).to.equal('LPR-NMY4-63JY');
    }
  });

  it('leaves what cannot be one for the schema to refuse (never invents one)', () => {
    for (const typed of ['', 'LPR-0O1I-AAAA', 'nmy463j', 'LPR-NMY4-63JYX', 'hello world']) {
      expect(z.safeParse(TrackingId, normalizeTrackingId(typed)).success, typed).to.equal(false);
    }
    // Eight alphabet characters starting with L, P, R: an id, not a prefix.
    expect(normalizeTrackingId('LPRA2345')).to.equal('LPR-LPRA-2345');
  });

  it('every id survives every way of typing it (property)', () => {
    const char = fc.constantFrom(...TRACKING_ALPHABET);
    const id = fc.tuple(fc.array(char, { minLength: 8, maxLength: 8 })).map(([c]) => `LPR-${c.slice(0, 4).join('')}-${c.slice(4).join('')}`);
    const sep = fc.constantFrom('', ' ', '-', '  ', ' - ', '.', '–');
    fc.assert(
      fc.property(id, sep, sep, fc.boolean(), fc.boolean(), (canonical, a, b, prefix, lower) => {
        const core = canonical.slice(4).replace('-', '');
        let typed = `${prefix ? `LPR${a}` : ''}${core.slice(0, 4)}${b}${core.slice(4)}`;
        if (lower) typed = typed.toLowerCase();
        return normalizeTrackingId(typed) === canonical && formatTrackingId(typed) === canonical.replaceAll('-', ' ');
      }),
    );
  });

  it('is shown in spaced groups, as it is read out', () => {
    expect(formatTrackingId('LPR-7K3M-Q9XD')).to.equal('LPR 7K3M Q9XD');
    expect(formatTrackingId('not an id')).to.equal('not an id');
  });
});

describe('SDK: a tracking number as typed reaches the same report', () => {
  useMsw();

  it('getReport sends the stored form', async () => {
    const paths: string[] = [];
    worker.use(
      http.get(`${API}/v1/reports/:id`, ({ params }) => {
        paths.push(String(params['id']));
        return HttpResponse.json(report({ trackingId: 'LPR-7K3M-Q9XD' }));
      }),
    );
    const client = createLaporClient({ api: API, siteKey: 'demo-opd', retry: FAST_RETRY });
    const r = await client.getReport('lpr 7k3m q9xd', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(r.trackingId).to.equal('LPR-7K3M-Q9XD');
    expect(paths).to.deep.equal(['LPR-7K3M-Q9XD']);
  });
});
