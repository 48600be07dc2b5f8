/**
 * Test images built by hand: a real JPEG from a canvas, with an EXIF APP1 segment holding
 * a GPS position spliced in after SOI, the way a phone camera writes it.
 */

/** `Exif\0\0` + big-endian TIFF: IFD0 → GPS IFD with GPSLatitudeRef 'S' and GPSLatitude 8°13'0". */
export function exifApp1WithGps(): Uint8Array {
  const bytes: number[] = [];
  const u16 = (n: number) => bytes.push((n >> 8) & 0xff, n & 0xff);
  const u32 = (n: number) => bytes.push((n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  const tiff: number[] = [];
  // TIFF header
  bytes.length = 0;
  bytes.push(0x4d, 0x4d); // MM
  u16(0x002a);
  u32(8); // IFD0 offset
  // IFD0: one entry, GPSInfo pointer
  u16(1);
  u16(0x8825);
  u16(4); // LONG
  u32(1);
  u32(26); // GPS IFD offset
  u32(0); // no next IFD
  // GPS IFD at 26: two entries
  u16(2);
  u16(0x0001); // GPSLatitudeRef
  u16(2); // ASCII
  u32(2);
  bytes.push(0x53, 0x00, 0x00, 0x00); // "S\0"
  u16(0x0002); // GPSLatitude
  u16(5); // RATIONAL
  u32(3);
  u32(56); // value offset
  u32(0);
  // three rationals at 56
  for (const [num, den] of [[8, 1], [13, 1], [0, 1]] as const) {
    u32(num);
    u32(den);
  }
  tiff.push(...bytes);
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, (length >> 8) & 0xff, length & 0xff, ...payload]);
}

export async function canvasJpeg(width: number, height: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#3a7';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#c33';
  ctx.fillRect(0, 0, width / 2, height / 2);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
}

/** A camera-like JPEG: SOI, then the EXIF/GPS APP1, then the rest of a real JPEG. */
export async function jpegWithGps(width: number, height: number): Promise<Uint8Array> {
  const base = await canvasJpeg(width, height);
  const app1 = exifApp1WithGps();
  const out = new Uint8Array(base.length + app1.length);
  out.set(base.subarray(0, 2), 0);
  out.set(app1, 2);
  out.set(base.subarray(2), 2 + app1.length);
  return out;
}

/** The marker bytes of every segment before the image data (SOS), e.g. [0xe0, 0xdb, …]. */
export function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    markers.push(marker);
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return markers;
}

export function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].map((ch) => ch.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
