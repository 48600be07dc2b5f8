/**
 * Issue 23: past its cap on uploads in flight the gateway answers `503` + `Retry-After`
 * before reading the body. The browser path of the SDK (XMLHttpRequest, for progress)
 * must send the same file again, and the caller sees only the success. (The Node path is
 * checked against the real gateway in test/gateway/upload-hardening.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { createLaporClient } from '../../src/sdk/index.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, FAST_RETRY, attachment } from './fixtures.js';

describe('sdk uploadAttachment: a busy gateway', () => {
  useMsw();

  it('retries a 503 + Retry-After with the same file, over XHR, and reports progress to the end', async () => {
    const seen: { size: number; name: string; bytes: number[] }[] = [];
    worker.use(
      http.post(`${API}/v1/attachments`, async ({ request }) => {
        const file = (await request.formData()).get('file') as File;
        seen.push({ size: file.size, name: file.name, bytes: [...new Uint8Array(await file.arrayBuffer())].slice(0, 8) });
        if (seen.length < 3) {
          return HttpResponse.json(
            { error: { code: 'rate_limited', message: 'Server sedang menerima banyak lampiran.', requestId: 'req_x' } },
            { status: 503, headers: { 'Retry-After': '0' } },
          );
        }
        return HttpResponse.json(attachment(), { status: 201 });
      }),
    );
    const content = Uint8Array.from({ length: 32 * 1024 }, (_, i) => i % 251);
    const file = new File([content], 'surat.pdf', { type: 'application/pdf' });
    const progress: { loaded: number; total: number }[] = [];
    const client = createLaporClient({ api: API, siteKey: 'demo-opd', retry: FAST_RETRY });
    const result = await client.uploadAttachment(file, { onProgress: (p) => progress.push(p) });
    expect(result).to.deep.equal(attachment());
    expect(seen.length).to.equal(3, 'two refusals, then the upload');
    for (const s of seen) expect(s).to.deep.equal({ size: content.length, name: 'surat.pdf', bytes: [...content.slice(0, 8)] });
    expect(progress.at(-1)).to.deep.equal({ loaded: content.length, total: content.length });
  });
});
