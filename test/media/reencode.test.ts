import { expect } from '@open-wc/testing';
import { reencodeImage } from '../../src/media/reencode.js';
import { checkFile, sniffMime } from '../../src/media/sniff.js';
import { canvasJpeg, containsAscii, jpegMarkers, jpegWithGps } from './jpeg-bytes.js';

const blob = (bytes: Uint8Array | string, type = '') => new Blob([bytes as BlobPart], { type });

describe('media: photo re-encoding', () => {
  it('the hand-built test photo really carries EXIF with GPS (the test can fail)', async () => {
    const bytes = await jpegWithGps(2400, 1200);
    expect(jpegMarkers(bytes)).to.include(0xe1);
    expect(containsAscii(bytes, 'Exif')).to.equal(true);
    const bitmap = await createImageBitmap(blob(bytes, 'image/jpeg'));
    expect([bitmap.width, bitmap.height]).to.deep.equal([2400, 1200]);
  });

  it('drops EXIF/GPS and downscales the long side to 1600 px', async () => {
    const out = await reencodeImage(blob(await jpegWithGps(2400, 1200), 'image/jpeg'));
    const bytes = new Uint8Array(await out.arrayBuffer());
    expect(out.type).to.equal('image/jpeg');
    expect(await sniffMime(out)).to.equal('image/jpeg');
    expect(jpegMarkers(bytes)).not.to.include(0xe1);
    expect(containsAscii(bytes, 'Exif')).to.equal(false);
    const bitmap = await createImageBitmap(out);
    expect([bitmap.width, bitmap.height]).to.deep.equal([1600, 800]);
  });

  it('portrait photos are limited by their height; small ones keep their size', async () => {
    const tall = await createImageBitmap(await reencodeImage(blob(await canvasJpeg(900, 3000), 'image/jpeg')));
    expect([tall.width, tall.height]).to.deep.equal([480, 1600]);
    const small = await createImageBitmap(await reencodeImage(blob(await canvasJpeg(640, 480), 'image/jpeg')));
    expect([small.width, small.height]).to.deep.equal([640, 480]);
  });

  it('a PNG becomes a JPEG', async () => {
    const canvas = new OffscreenCanvas(50, 40);
    canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    expect(await sniffMime(png)).to.equal('image/png');
    const out = await reencodeImage(png);
    expect(await sniffMime(out)).to.equal('image/jpeg');
  });

  it('rejects bytes that are not an image', async () => {
    let error: unknown;
    try {
      await reencodeImage(blob('\xff\xd8\xff not really a jpeg', 'image/jpeg'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
  });
});

describe('media: sniffing and limits', () => {
  const limits = { maxBytes: 1000, mimeTypes: ['application/pdf', 'image/jpeg', 'image/png'] as const };

  it('knows PDF, JPEG and PNG by their first bytes, whatever the name or type says', async () => {
    expect(await sniffMime(blob('%PDF-1.7\n…'))).to.equal('application/pdf');
    expect(await sniffMime(blob(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])))).to.equal('image/jpeg');
    expect(await sniffMime(blob(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))).to.equal('image/png');
    expect(await sniffMime(blob('hello', 'application/pdf'))).to.equal(undefined);
    expect(await sniffMime(blob('GIF89a', 'image/png'))).to.equal(undefined);
  });

  it('checks type before size, against the given limits', async () => {
    expect(await checkFile(blob('%PDF-' + 'x'.repeat(100)), { ...limits, mimeTypes: [...limits.mimeTypes] })).to.deep.equal({
      ok: true,
      mime: 'application/pdf',
    });
    expect(await checkFile(blob('%PDF-' + 'x'.repeat(1000)), { ...limits, mimeTypes: [...limits.mimeTypes] })).to.deep.equal({
      ok: false,
      problem: 'size',
    });
    expect(await checkFile(blob('x'.repeat(2000)), { ...limits, mimeTypes: [...limits.mimeTypes] })).to.deep.equal({
      ok: false,
      problem: 'type',
    });
    expect(await checkFile(blob('%PDF-1'), { maxBytes: 1000, mimeTypes: ['image/jpeg'] })).to.deep.equal({ ok: false, problem: 'type' });
  });
});
