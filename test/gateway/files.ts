/**
 * Small real files for upload tests, made here so that nothing binary is checked in:
 * the gateway decodes images and parses PDFs, so a magic-byte prefix no longer passes.
 */
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, CRC over type + data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)]);
}

/** A decodable `width`×`height` RGB PNG (a gradient, so it is not all one colour). */
export function makePng(width = 8, height = 8): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push((x * 32) & 255, (y * 32) & 255, 128);
  }
  return Buffer.concat([pngHeader(width, height), pngChunk('IDAT', deflateSync(Buffer.from(rows))), pngChunk('IEND', new Uint8Array())]);
}

/** An 8×8 baseline JPEG (sharp, quality 50), no metadata. */
const JPEG_BASE64 =
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AIwCgcf/2Q==';

/**
 * A PDF with a correct cross-reference table. `objects[i]` is the body of object i + 1;
 * by default object 1 is the catalog, 2 the page tree and 3 its one page.
 */
export function makePdf(
  objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'],
): Buffer {
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const PNG = Uint8Array.from(makePng());
export const JPEG = Uint8Array.from(Buffer.from(JPEG_BASE64, 'base64'));
export const PDF = Uint8Array.from(makePdf());

/** Adler-32 (RFC 1950) carried over a run of `n` bytes of value `c`, exactly, in BigInt. */
function adlerRun([a, b]: [bigint, bigint], n: bigint, c: bigint): [bigint, bigint] {
  const M = 65521n;
  return [(a + n * c) % M, (b + n * a + (c * n * (n + 1n)) / 2n) % M];
}

/**
 * A zlib stream (RFC 1950) that inflates to `prefix` and then `spaces` spaces, built in a
 * few milliseconds without compressing gigabytes: one 1 MB block of spaces compressed by
 * zlib and flushed to a byte boundary (Z_SYNC_FLUSH) is repeated (its back-references reach
 * only spaces, whichever copy they land in), then an empty final block and the Adler-32 of
 * the whole, computed for the run. Node's own inflate accepts it (checksum included).
 * 1.5 GB of spaces is 1.6 MB: deflate's ceiling is about 1,032:1.
 */
export function deflateBomb(prefix: string, spaces: number): Buffer {
  const UNIT = 1 << 20;
  const head = deflateRawSync(Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.alloc(UNIT, 0x20)]), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const unit = deflateRawSync(Buffer.alloc(UNIT, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const units = Math.max(0, Math.ceil(spaces / UNIT) - 1);
  let adler: [bigint, bigint] = [1n, 0n];
  for (const byte of Buffer.from(prefix, 'latin1')) adler = adlerRun(adler, 1n, BigInt(byte));
  adler = adlerRun(adler, BigInt(UNIT * (units + 1)), 32n);
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(0x0300, 0); // BFINAL=1, fixed Huffman, end of block
  tail.writeUInt32BE(Number((adler[1] << 16n) | adler[0]), 2);
  return Buffer.concat([Buffer.from([0x78, 0xda]), head, ...Array<Buffer>(units).fill(unit), tail]);
}

/**
 * The PDF of issue 23's first row: 1.6 MB on the wire, a valid page tree, and one object
 * stream (/ObjStm, FlateDecode) holding a small object followed by 1.5 GB of whitespace.
 * Before the fix pdf-lib inflated all of it on the main thread (12.8 s, 2.7 GB) and
 * accepted the file.
 */
export function pdfBomb(spaces = 1536 * 1024 * 1024): Buffer {
  const data = deflateBomb('5 0 << /Bomb true >>', spaces);
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`,
  ]);
}
