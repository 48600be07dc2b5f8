/**
 * Files proven, not sniffed (issue 11): every file here starts with the right magic bytes,
 * and before the fix every one was accepted and forwarded as sent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { JPEG, makePdf, pngChunk, pngHeader } from './files.js';
import { startGateway, validReport, type TestGateway } from './helpers.js';

const MAGIC_JPEG = [0xff, 0xd8, 0xff, 0xe0];
const MAGIC_PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function form(bytes: Uint8Array, name: string, type: string): FormData {
  const f = new FormData();
  f.append('file', new File([new Uint8Array(bytes)], name, { type }));
  return f;
}

/**
 * 30000×30000 1-bit greyscale, every row present: 112 MB of zeros deflate to ~110 kB.
 * Decoded to RGB it is 2.7 GB; the gateway must refuse it from the header.
 */
function pngBomb(): Buffer {
  const side = 30_000;
  const header = pngHeader(side, side);
  header[8 + 8 + 8] = 1; // bit depth 1
  header[8 + 8 + 9] = 0; // greyscale
  // pngHeader wrote a CRC for RGB; write the chunk again with these fields.
  const ihdr = header.subarray(8 + 8, 8 + 8 + 13);
  const rows = Buffer.alloc((1 + Math.ceil(side / 8)) * side);
  return Buffer.concat([header.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', new Uint8Array())]);
}

/** A 64×48 photo whose EXIF says: rotate 90° clockwise, taken at 8.2°S 114.4°E (Banyuwangi). */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '8/1 13/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 22/1 0/1' } })
    .toBuffer();
}

/** The GPS IFD pointer tag (0x8825) in little-endian EXIF, as sharp writes it. */
const hasGpsPointer = (exif: Buffer | undefined) => !!exif && exif.includes(Buffer.from([0x25, 0x88]));

const CATALOG_PAGES = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];

/** Made by pdf-lib with compressed object streams: the action is not visible as text in the file. */
async function pdfWithJsInObjectStream(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return doc.save({ useObjectStreams: true });
}

/** XOR the data of every /ObjStm, as encryption would leave it for a reader without the key. */
function scrambleObjectStreams(pdf: Uint8Array): Buffer {
  const out = Buffer.from(pdf);
  const text = out.toString('latin1');
  for (let at = text.indexOf('/ObjStm'); at >= 0; at = text.indexOf('/ObjStm', at + 1)) {
    const start = text.indexOf('stream', at) + 'stream\n'.length;
    const end = text.indexOf('endstream', start) - 1;
    for (let i = start; i < end; i++) out[i]! ^= 0x5a;
  }
  return out;
}

describe('uploads are proven by decoding and parsing', () => {
  let g: TestGateway;
  before(async () => (g = await startGateway()));
  after(() => g.close());
  const upload = (bytes: Uint8Array, name: string, type: string, lang = 'en') => g.api('/v1/attachments', { body: form(bytes, name, type), lang });

  it('HTML after JPEG magic bytes and an ELF after PNG magic bytes: 415 naming the file and the field', async () => {
    const html = Buffer.concat([Buffer.from(MAGIC_JPEG), Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    const elf = Buffer.concat([Buffer.from(MAGIC_PNG), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    for (const [bytes, name, format] of [[html, 'foto.jpg', 'JPG'], [elf, 'foto.png', 'PNG']] as const) {
      const r = await upload(bytes, name, 'image/jpeg');
      assert.equal(r.status, 415, name);
      assert.equal(r.json.error.code, 'unsupported_media_type');
      assert.equal(r.json.error.message, `Attachment "${name}" cannot be read as a ${format} image. Its contents do not match its type; choose another photo.`);
      assert.deepEqual(r.json.error.fields.map((f: any) => [f.path, f.code]), [['file', 'invalid_format']]);
    }
    const id = await upload(html, 'foto.jpg', 'image/jpeg', 'id');
    assert.match(id.json.error.message, /^Lampiran "foto\.jpg" tidak dapat dibaca sebagai gambar JPG/);
    // A truncated JPEG (the first half of a real one) is not decoded into grey either.
    assert.equal((await upload(JPEG.subarray(0, JPEG.length >> 1), 'potong.jpg', 'image/jpeg')).status, 415);
  });

  it('a 30000×30000 PNG bomb (110 kB) is refused from its header: 413 with the pixel budget', async () => {
    const bomb = pngBomb();
    assert.ok(bomb.length < 200_000, `bomb is small: ${bomb.length} bytes`);
    const r = await upload(bomb, 'bom.png', 'image/png');
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'payload_too_large');
    assert.match(r.json.error.message, /30000×30000 pixels; at most 50 megapixels/);
    assert.equal(r.json.error.fields[0].path, 'file');
    // The gateway is still there and well.
    assert.equal((await g.api('/healthz', { siteKey: null })).status, 200);
  });

  it('a JPEG with GPS EXIF uploaded through the API is stored without EXIF, turned upright', async () => {
    const photo = await jpegWithGps();
    const sent = await sharp(photo).metadata();
    assert.ok(hasGpsPointer(sent.exif) && sent.orientation === 6, 'the fixture really carries GPS and an orientation');
    const r = await upload(photo, 'jalan.jpg', 'image/jpeg');
    assert.equal(r.status, 201, r.text);
    const stored = readFileSync((await g.gw.services.attachments.pathOf(r.json.id))!);
    const meta = await sharp(stored).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.exif, undefined, 'no EXIF at all, so no GPS');
    assert.equal(meta.xmp, undefined);
    assert.ok(!stored.includes('TestCam'));
    assert.deepEqual([meta.width, meta.height, meta.orientation], [48, 64, undefined], 'orientation applied to the pixels');
    assert.equal(r.json.bytes, stored.length);
  });

  it('a real JPEG with an HTML page appended is stored as the image alone', async () => {
    const polyglot = Buffer.concat([Buffer.from(JPEG), Buffer.from('<html><script>alert(1)</script></html>')]);
    const r = await upload(polyglot, 'foto.jpg', 'image/jpeg');
    assert.equal(r.status, 201, r.text);
    const stored = readFileSync((await g.gw.services.attachments.pathOf(r.json.id))!);
    assert.ok(!stored.includes('<script>'));
    assert.equal((await sharp(stored).metadata()).format, 'jpeg');
  });

  /**
   * The names come from Didier Stevens' pdfid.py, the usual first look at a suspicious PDF
   * (DidierStevens/DidierStevensSuite, pdfid.py, `keywords`): /JS, /JavaScript, /AA,
   * /OpenAction, /AcroForm, /JBIG2Decode, /RichMedia, /Launch, /EmbeddedFile, /XFA, each
   * also counted when written with #xx escapes ("HexcodeCount"). Refused here: those that
   * run or open something. /OpenAction only when its action is (a GoTo is fine, below),
   * /AcroForm only with /XFA or scripts (a plain form is fine), /JBIG2Decode is an image
   * filter (its exploits are the viewer's bug, not content we can judge).
   */
  it('PDFs with active content are refused, naming the file and what was found', async () => {
    const withCatalog = (catalogExtra: string, ...more: string[]) => makePdf([`<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`, ...CATALOG_PAGES, ...more]);
    const cases: [string, Uint8Array, RegExp][] = [
      ['JavaScript in an OpenAction', withCatalog('/OpenAction 4 0 R', '<< /S /JavaScript /JS (app.alert(1)) >>'), /\/(JavaScript|JS)\b/],
      ['names written with #xx escapes', withCatalog('/Open#41ction 4 0 R', '<< /S /Java#53cript /J#53 (app.alert(1)) >>'), /\/(JavaScript|JS)\b/],
      ['JavaScript name tree', withCatalog('/Names << /JavaScript 4 0 R >>', '<< /Names [(a) 5 0 R] >>', '<< /S /JavaScript /JS (x) >>'), /\/(JavaScript|JS)\b/],
      ['a launch action', withCatalog('/OpenAction << /S /Launch /F (cmd.exe) >>'), /\/Launch/],
      ['an embedded file', withCatalog('/Names << /EmbeddedFiles 4 0 R >>', '<< /Names [(x.exe) << /Type /Filespec /EF << /F 5 0 R >> >>] >>', '<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream'), /\/(EmbeddedFiles|EF|EmbeddedFile)\b/],
      ['additional actions on a page', makePdf(['<< /Type /Catalog /Pages 2 0 R >>', CATALOG_PAGES[0]!, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /AA << /O << /S /URI /URI (http://x) >> >> >>']), /\/AA/],
      ['an XFA form', withCatalog('/AcroForm << /Fields [] /XFA 4 0 R >>', '<< /Length 0 >>\nstream\n\nendstream'), /\/XFA/],
      ['RichMedia', withCatalog('', '<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>'), /\/RichMedia/],
      ['JavaScript inside a compressed object stream', await pdfWithJsInObjectStream(), /\/(JavaScript|JS)\b/],
    ];
    for (const [what, bytes, found] of cases) {
      const r = await upload(bytes, 'surat.pdf', 'application/pdf');
      assert.equal(r.status, 415, what);
      assert.match(r.json.error.message, /^Attachment "surat\.pdf" contains active content \(/, what);
      assert.match(r.json.error.message, found, what);
      assert.deepEqual(r.json.error.fields.map((f: any) => f.path), ['file'], what);
    }
    const id = await upload(cases[0]![1], 'surat.pdf', 'application/pdf', 'id');
    assert.match(id.json.error.message, /^Lampiran "surat\.pdf" berisi konten aktif/);
  });

  it('PDFs must be whole: header, objects that parse, xref, trailer, %%EOF, a page', async () => {
    const good = makePdf();
    const text = good.toString('latin1');
    const cases: [string, Uint8Array][] = [
      ['HTML after %PDF-', Buffer.from('%PDF-1.7\n<html><script>alert(1)</script></html>\n')],
      ['no xref, trailer or %%EOF', Buffer.from(text.slice(0, text.indexOf('xref')))],
      ['startxref pointing nowhere', Buffer.from(text.replace(/startxref\n\d+/, 'startxref\n7'))],
      ['an object that does not parse', makePdf(['<< /Type /Catalog /Pages 2 0 R >>', CATALOG_PAGES[0]!, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ( >>'])],
      ['no pages', makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'])],
      // What an encrypted object stream looks like to a reader without the key: it cannot be
      // checked, so it is not accepted (the JavaScript inside stays unseen otherwise).
      ['an object stream that does not decode', scrambleObjectStreams(await pdfWithJsInObjectStream())],
    ];
    for (const [what, bytes] of cases) {
      const r = await upload(bytes, 'surat.pdf', 'application/pdf');
      assert.equal(r.status, 415, what);
      assert.match(r.json.error.message, /^Attachment "surat\.pdf" is not a complete PDF/, what);
    }
  });

  it('plain PDFs pass and are stored as sent: a hand-made one, one with a plain form, and pdf-lib\'s with object streams and a GoTo OpenAction', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('Fit')]));
    const form = makePdf(['<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>', ...CATALOG_PAGES]);
    for (const bytes of [makePdf(), form, await doc.save({ useObjectStreams: true })]) {
      const r = await upload(bytes, 'surat.pdf', 'application/pdf');
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(readFileSync((await g.gw.services.attachments.pathOf(r.json.id))!), Buffer.from(bytes));
      assert.equal((await g.submit(validReport({ attachmentIds: [r.json.id] }))).status, 201);
    }
  });
});
