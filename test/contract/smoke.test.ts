import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { useMsw } from '../helpers/msw.js';

describe('test harness', () => {
  useMsw();
  it('intercepts fetch through msw', async () => {
    const { worker } = await import('../helpers/msw.js');
    worker.use(http.get('https://gw.test/ping', () => HttpResponse.json({ ok: true })));
    const res = await fetch('https://gw.test/ping');
    expect(await res.json()).to.deep.equal({ ok: true });
  });
});
