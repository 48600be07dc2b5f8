/** Attachments: limits before upload, photos stripped of EXIF/GPS, progress, retry, offline files. */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { LaporReportForm } from '../../src/components/report-form/report-form.component.js';
import type { LaporClient, UploadOptions } from '../../src/sdk/types.js';
import { listOutbox } from '../../src/store/outbox.js';
import { useMsw, worker } from '../helpers/msw.js';
import { useReportFormFixture } from '../fixtures/report-form-fixture.js';
import { API, fakeGateway, type FakeGateway } from '../fixtures/report-form-gateway.js';
import { canvasJpeg, containsAscii, jpegMarkers, jpegWithGps } from '../media/jpeg-bytes.js';
import { $, $$, cleanDevice, fillValid, mountForm, setOnline, settle, submitButton, testClient } from './report-form-helpers.js';

function pick(el: LaporReportForm, files: File[]): void {
  const input = $<HTMLInputElement>(el, '#f-attachmentIds')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

const pdf = (name: string, size: number) => new File(['%PDF-1.7\n', 'x'.repeat(Math.max(0, size - 9))], name, { type: 'application/pdf' });

describe('<lapor-report-form> attachments', () => {
  useMsw();
  let gw: FakeGateway;
  let uploadRequests: number;

  beforeEach(async () => {
    await cleanDevice();
    gw = fakeGateway();
    uploadRequests = 0;
    worker.use(
      ...gw.handlers,
    );
    worker.events.removeAllListeners();
    worker.events.on('request:start', ({ request }) => {
      if (request.url === `${API}/v1/attachments`) uploadRequests++;
    });
  });
  afterEach(() => {
    worker.events.removeAllListeners();
    setOnline(true);
  });

  it('uploads a photo re-encoded: no EXIF/GPS, long side ≤ 1600 px', async () => {
    const el = await mountForm();
    const original = await jpegWithGps(2400, 1800);
    expect(containsAscii(original, 'Exif')).to.equal(true);
    pick(el, [new File([original as BlobPart], 'IMG_0001.JPG', { type: 'image/jpeg' })]);
    await waitUntil(() => gw.uploads.length === 1, 'photo uploaded', { timeout: 5000 });
    const [uploaded] = gw.uploads;
    expect(uploaded!.mime).to.equal('image/jpeg');
    expect(uploaded!.name).to.equal('IMG_0001.jpg');
    expect(jpegMarkers(uploaded!.bytes)).not.to.include(0xe1);
    expect(containsAscii(uploaded!.bytes, 'Exif')).to.equal(false);
    const bitmap = await createImageBitmap(new Blob([uploaded!.bytes as BlobPart]));
    expect(Math.max(bitmap.width, bitmap.height)).to.equal(1600);
    // The row turns to "uploaded" when the answer is read: wait for that, not a guessed time.
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Terunggah'), 'the photo shows as uploaded', { timeout: 5000 });
  });

  it('refuses oversized and wrong-type files before any upload request, naming each file', async () => {
    const el = await mountForm();
    pick(el, [
      pdf('besar.pdf', 2 * 1024 * 1024 + 1),
      new File(['hello, not a pdf'], 'palsu.pdf', { type: 'application/pdf' }),
      new File(['GIF89a……'], 'animasi.gif', { type: 'image/gif' }),
    ]);
    await waitUntil(() => $$(el, '.refused li').length === 3, 'three refusals', { timeout: 3000 });
    const messages = $$(el, '.refused li').map((li) => li.textContent!);
    expect(messages[0]).to.contain('besar.pdf').and.contain('terlalu besar');
    expect(messages[1]).to.contain('palsu.pdf').and.contain('bukan PDF, JPG, atau PNG');
    expect(messages[2]).to.contain('animasi.gif');
    expect($(el, '.refused')!.getAttribute('role')).to.equal('alert');
    await settle(el, 100);
    expect(uploadRequests).to.equal(0);
    expect($$(el, '.file')).to.have.length(0);
  });

  it('enforces the number of files from the config', async () => {
    const el = await mountForm();
    pick(el, Array.from({ length: 6 }, (_, i) => pdf(`surat-${i + 1}.pdf`, 100)));
    await waitUntil(() => gw.uploads.length === 5, 'five uploaded', { timeout: 3000 });
    await settle(el);
    expect($$(el, '.refused li').map((li) => li.textContent)).to.deep.equal(['surat-6.pdf tidak ditambahkan: maksimal 5 berkas.']);
    expect(uploadRequests).to.equal(5);
  });

  it('progress events move the progress bar, which has an accessible name', async () => {
    let report: ((loaded: number) => void) | undefined;
    let finish: (() => void) | undefined;
    const real = testClient();
    const client: LaporClient = {
      ...real,
      uploadAttachment: (file: Blob | File, options?: UploadOptions) =>
        new Promise((resolve) => {
          report = (loaded) => options?.onProgress?.({ loaded, total: file.size });
          finish = () => resolve({ id: 'att-1', name: (file as File).name, mime: 'application/pdf', bytes: file.size });
        }),
    };
    const el = await mountForm({ client });
    pick(el, [pdf('surat.pdf', 1000)]);
    await waitUntil(() => !!report, 'upload started');
    await el.updateComplete;
    const bar = $<HTMLProgressElement>(el, 'progress')!;
    expect(bar.getAttribute('aria-label')).to.equal('Unggahan surat.pdf');
    report!(250);
    await el.updateComplete;
    expect([bar.value, bar.max]).to.deep.equal([250, 1000]);
    report!(900);
    await el.updateComplete;
    expect($<HTMLProgressElement>(el, 'progress')!.value).to.equal(900);
    finish!();
    await settle(el);
    expect($(el, 'progress')).to.equal(null);
    expect($(el, '.file-state')!.textContent).to.contain('Terunggah');
  });

  it('a failed upload can be retried or removed', async () => {
    worker.use(
      http.post(`${API}/v1/attachments`, () => HttpResponse.json({ error: { code: 'unsupported_media_type', message: 'Jenis berkas tidak didukung.' } }, { status: 415 }), { once: true }),
    );
    const el = await mountForm();
    pick(el, [pdf('surat.pdf', 500)]);
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Gagal diunggah'), 'failed shown', { timeout: 3000 });
    const retry = $$<HTMLButtonElement>(el, '.file-actions button')[0]!;
    expect(retry.getAttribute('aria-label')).to.equal('Coba lagi: surat.pdf');
    retry.click();
    await waitUntil(() => gw.uploads.length === 1, 'retried upload', { timeout: 3000 });
    await settle(el);
    const remove = $$<HTMLButtonElement>(el, '.file-actions button').at(-1)!;
    expect(remove.getAttribute('aria-label')).to.equal('Hapus: surat.pdf');
    remove.click();
    await el.updateComplete;
    expect($$(el, '.file')).to.have.length(0);
  });

  it('offline files go to the outbox as blobs and are uploaded before the report when back online', async () => {
    const el = await mountForm();
    setOnline(false);
    pick(el, [pdf('surat.pdf', 800)]);
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Akan dikirim bersama laporan'), 'waiting', { timeout: 3000 });
    await fillValid(el);
    const queued = oneEvent(el, 'lapor-submit');
    submitButton(el).click();
    expect((await queued).detail.queued).to.equal(true);
    const [entry] = await listOutbox();
    expect(entry!.attachments.map((a) => [a.name, a.blob.size])).to.deep.equal([['surat.pdf', 800]]);
    expect(uploadRequests).to.equal(0);

    setOnline(true);
    const sent = oneEvent(el, 'lapor-submit');
    window.dispatchEvent(new Event('online'));
    await sent;
    expect(gw.uploads).to.have.length(1);
    expect(gw.reportPosts).to.have.length(1);
    expect(gw.reportPosts[0]!.body.attachmentIds).to.deep.equal(['att-1']);
    expect(gw.reportPosts[0]!.key).to.equal(entry!.idempotencyKey);
  });
});

describe('<lapor-report-form> attachments: drop and reconnect', () => {
  let gw: FakeGateway;
  useReportFormFixture((fresh) => (gw = fresh), { restoreOnline: true });

  it('accepts files dropped on the Lampiran area', async () => {
    const el = await mountForm();
    const dt = new DataTransfer();
    dt.items.add(pdf('surat.pdf', 300));
    const area = $(el, 'fieldset.files')!;
    area.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    area.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await waitUntil(() => gw.uploads.length === 1, 'dropped file uploaded', { timeout: 3000 });
    expect(gw.uploads[0]!.name).to.equal('surat.pdf');
  });

  it('files picked offline upload by themselves when the connection returns', async () => {
    const el = await mountForm();
    setOnline(false);
    pick(el, [pdf('surat.pdf', 300)]);
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Akan dikirim'), 'waiting', { timeout: 3000 });
    expect(gw.uploads).to.have.length(0);
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => $(el, '.file-state')?.textContent?.includes('Terunggah'), 'uploaded', { timeout: 3000 });
    expect(gw.uploads).to.have.length(1);
  });

  it('moving the element in the page does not ask about its own draft', async () => {
    const el = await mountForm();
    const title = $<HTMLInputElement>(el, '#f-title')!;
    title.value = 'Jalan berlubang di depan Puskesmas';
    title.dispatchEvent(new Event('input'));
    const parent = el.parentElement!;
    el.remove();
    await settle(el, 100);
    parent.append(el);
    await settle(el, 100);
    expect($(el, '#draft-h')).to.equal(null);
    expect($<HTMLInputElement>(el, '#f-title')!.value).to.equal('Jalan berlubang di depan Puskesmas');
    // And it keeps autosaving where it now lives.
    const body = $<HTMLTextAreaElement>(el, '#f-body')!;
    body.value = 'Sudah dua minggu lubang ini belum ditambal oleh dinas terkait.';
    body.dispatchEvent(new Event('input'));
    const { loadDraft, draftKey } = await import('../../src/store/drafts.js');
    await waitUntil(async () => (await loadDraft(draftKey(API, 'demo-opd')))?.input.body === body.value, 'autosaved after the move', {
      timeout: 2000,
    });
  });
});

describe('<lapor-report-form> attachments on a phone', () => {
  let gw: FakeGateway;
  const realMatchMedia = window.matchMedia;
  useReportFormFixture((fresh) => (gw = fresh));
  afterEach(() => {
    window.matchMedia = realMatchMedia;
  });

  it('offers "Ambil foto" (camera capture) only on touch screens', async () => {
    const desktop = await mountForm();
    expect($(desktop, '#f-camera')).to.equal(null);
    window.matchMedia = ((query: string) => ({ ...realMatchMedia.call(window, query), matches: query === '(pointer: coarse)' })) as typeof window.matchMedia;
    const phone = await mountForm();
    const camera = $<HTMLInputElement>(phone, '#f-camera')!;
    expect(camera.getAttribute('capture')).to.equal('environment');
    expect(camera.accept).to.equal('image/*');
    expect($(phone, 'label[for="f-camera"]')!.textContent).to.equal('Ambil foto');
    const dt = new DataTransfer();
    dt.items.add(new File([(await canvasJpeg(40, 30)) as BlobPart], 'kamera.jpg', { type: 'image/jpeg' }));
    camera.files = dt.files;
    camera.dispatchEvent(new Event('change'));
    await waitUntil(() => gw.uploads.length === 1, 'camera photo uploaded', { timeout: 3000 });
    expect(gw.uploads[0]!.name).to.equal('kamera.jpg');
  });
});
