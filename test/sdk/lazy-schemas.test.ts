/**
 * Issue 27: the client's validation layer (zod and the contract's schemas, sdk/schemas.ts)
 * loads on the client's first call, not with the client, and every answer is still
 * checked: a malformed one is a LaporResponseError, a bad input a LaporValidationError.
 * This page imports the client module alone (the package's index re-exports the schemas
 * for those who want them), and its fixtures only after the first check.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createLaporClient } from '../../src/sdk/client.js';
import { LaporResponseError, LaporValidationError } from '../../src/sdk/errors/index.js';
import { useMsw, worker } from '../helpers/msw.js';

const API = 'https://gw.test';
/** zod's core marks the page when it loads (node_modules/zod/v4/core/core.js). */
const zodLoaded = () => '__zod_globalConfig' in globalThis;

describe('sdk client: the validation layer loads on first call', () => {
  useMsw();

  it('has no zod and no schema before the first call; the first call fetches them and validates', async () => {
    const client = createLaporClient({ api: API, siteKey: 'demo-opd', retry: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(zodLoaded(), 'zod before the first call').to.equal(false);

    // (The fixtures' module would load zod itself: this answer is written out.)
    const dinkes = { id: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd', timeZone: 'Asia/Jakarta' };
    worker.use(http.get(`${API}/v1/institutions`, () => HttpResponse.json({ items: [dinkes] })));
    expect(await client.searchInstitutions('dinas')).to.deep.equal([dinkes]);
    expect(zodLoaded()).to.equal(true);
  });

  it('still rejects a malformed answer with a typed error naming the field', async () => {
    const { config } = await import('./fixtures.js');
    const bad = { ...config(), institutions: [{ id: 42 }] };
    worker.use(http.get(`${API}/v1/config`, () => HttpResponse.json(bad)));
    const client = createLaporClient({ api: API, retry: 0 });
    const error = await client.getConfig().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(LaporResponseError);
    expect((error as LaporResponseError).issues.some((i) => i.path.startsWith('institutions.0'))).to.equal(true);
  });

  it('still checks an input before sending it (nothing leaves the device)', async () => {
    let sent = 0;
    worker.use(
      http.post(`${API}/v1/reports`, () => {
        sent++;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    const client = createLaporClient({ api: API, retry: 0 });
    const error = await client.submitReport({ classification: 'complaint', title: '', body: 'x' } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(LaporValidationError);
    expect((error as LaporValidationError).fields.map((f) => f.path)).to.include('title');
    expect(sent).to.equal(0);
  });
});
