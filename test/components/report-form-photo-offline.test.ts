/**
 * A photo picked while the re-encoder's chunk cannot be fetched (offline before it was
 * ever loaded): the citizen is told it is a connection problem, not a bad photo, and
 * nothing unstripped is uploaded. Its own file: the chunk must not be loaded yet.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import { useMsw, worker } from '../helpers/msw.js';
import { API, fakeGateway } from '../fixtures/report-form-gateway.js';
import { canvasJpeg } from '../media/jpeg-bytes.js';
import { $, cleanDevice, mountForm } from './report-form-helpers.js';

describe('<lapor-report-form> photo while the re-encoder cannot load', () => {
  useMsw();

  it('says a connection is needed, and uploads nothing', async () => {
    await cleanDevice();
    const gw = fakeGateway();
    let uploads = 0;
    worker.use(
      http.get(/\/src\/media\/reencode\.ts/, () => HttpResponse.error()),
      ...gw.handlers,
    );
    worker.events.on('request:start', ({ request }) => {
      if (request.url === `${API}/v1/attachments`) uploads++;
    });
    const el: LaporReportForm = await mountForm();
    const input = $<HTMLInputElement>(el, '#f-attachmentIds')!;
    const dt = new DataTransfer();
    dt.items.add(new File([(await canvasJpeg(40, 30)) as BlobPart], 'jalan.jpg', { type: 'image/jpeg' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('jalan.jpg belum dapat diproses'), 'connection message', { timeout: 3000 });
    expect(el.shadowRoot!.textContent).not.to.include('tidak dapat dibaca sebagai foto');
    expect(uploads).to.equal(0);
    worker.events.removeAllListeners();
  });
});
