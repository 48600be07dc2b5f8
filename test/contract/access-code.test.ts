/**
 * The short access code as a person handles it: shown `7KQ4M-9XDHT`, typed in any case,
 * in groups, with Crockford's look-alikes (O for 0, I/L for 1); old 43-character codes
 * untouched and still valid. The SDK sends what was typed in its stored form.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import * as z from 'zod/mini';
import { AccessToken, formatAccessCode, isShortAccessCode, normalizeAccessCode } from '../../src/contract/index.js';
import { createLaporClient } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, TRACKING_ID, report } from '../sdk/fixtures.js';

const OLD = 'q3Zp-_x9LrTfW0aBcDeFgHiJkLmNoPqRsTuVwXyZ012';

describe('access code: format and loose input', () => {
  it('is shown in two groups of five', () => {
    expect(formatAccessCode('7KQ4M9XDHT')).to.equal('7KQ4M-9XDHT');
    expect(formatAccessCode('7kq4m 9xdht')).to.equal('7KQ4M-9XDHT');
  });

  it('is accepted in any case, with spaces or hyphens, and with look-alikes', () => {
    for (const typed of ['7KQ4M-9XDHT', '7kq4m-9xdht', ' 7KQ4M 9XDHT ', '7KQ4 M9XD HT', '7-K-Q-4-M-9-X-D-H-T']) {
      expect(normalizeAccessCode(typed), typed).to.equal('7KQ4M9XDHT');
    }
    // O is read as 0, I and L as 1 (Crockford's rule): a code never holds them.
    expect(normalizeAccessCode('OIL00-11ABC')).to.equal('0110011ABC');
    expect(normalizeAccessCode('oil00 11abc')).to.equal('0110011ABC');
    expect(isShortAccessCode('7kq4m-9xdht')).to.equal(true);
  });

  it('leaves old codes exactly as issued (they are case-sensitive and may hold - and _)', () => {
    expect(normalizeAccessCode(` ${OLD} `)).to.equal(OLD);
    expect(formatAccessCode(OLD)).to.equal(OLD);
    expect(isShortAccessCode(OLD)).to.equal(false);
  });

  it('the contract accepts short and old codes, and nothing else', () => {
    expect(z.safeParse(AccessToken, '7KQ4M9XDHT').success).to.equal(true);
    expect(z.safeParse(AccessToken, OLD).success).to.equal(true);
    expect(z.safeParse(AccessToken, '7KQ4M9XDH').success, 'nine characters').to.equal(false);
    expect(z.safeParse(AccessToken, '7KQ4M9XDHU').success, 'U is not in the alphabet').to.equal(false);
    expect(z.safeParse(AccessToken, 'A'.repeat(21)).success).to.equal(false);
    expect(z.safeParse(AccessToken, `${'A'.repeat(22)}+/`).success).to.equal(false);
  });
});

describe('access code: the SDK sends the stored form', () => {
  useMsw();

  it('getReport with a code typed in lower case and groups sends 7KQ4M9XDHT; an old code goes as is', async () => {
    const seen: string[] = [];
    worker.use(
      http.get(`${API}/v1/reports/:id`, ({ request }) => {
        seen.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json(report());
      }),
    );
    const client = createLaporClient({ api: API, siteKey: 'demo-opd', retry: FAST_RETRY });
    await client.getReport(TRACKING_ID, '7kq4m 9xdht');
    await client.getReport(TRACKING_ID, OLD);
    expect(seen).to.deep.equal(['Bearer 7KQ4M9XDHT', `Bearer ${OLD}`]);
  });
});
