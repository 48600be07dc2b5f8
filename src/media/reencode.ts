/**
 * Photos are re-encoded on the device before upload: downscaled so the long side is at
 * most 1600 px (a 3G upload of a 12 MP photo is minutes), and drawn onto a fresh canvas so
 * that nothing of the original file survives — no EXIF, no GPS position of the citizen's
 * home. `imageOrientation: 'from-image'` applies the EXIF rotation before it is dropped.
 */
export const MAX_LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.85;

export interface ReencodeOptions {
  maxLongSide?: number;
  quality?: number;
}

/** The photo as a new JPEG without metadata. Throws if the bytes cannot be decoded. */
export async function reencodeImage(blob: Blob, options: ReencodeOptions = {}): Promise<Blob> {
  const maxLongSide = options.maxLongSide ?? MAX_LONG_SIDE;
  const quality = options.quality ?? JPEG_QUALITY;
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, maxLongSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      draw(canvas.getContext('2d'), bitmap, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    draw(canvas.getContext('2d'), bitmap, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((out) => (out ? resolve(out) : reject(new Error('toBlob failed'))), 'image/jpeg', quality),
    );
  } finally {
    bitmap.close();
  }
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;

function draw(ctx: Context2D, bitmap: ImageBitmap, width: number, height: number): void {
  if (!ctx) throw new Error('2d canvas unavailable');
  // JPEG has no transparency: a PNG's clear areas become white, not black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
}

/**
 * A small square preview of a photo (centre crop), decoded off the DOM: the form draws it
 * into a `<canvas>`, which no Content-Security-Policy `img-src` blocks (a `blob:` image
 * would be refused under the strict policy), and nothing is left to revoke.
 */
export async function thumbnail(blob: Blob, size = 96): Promise<ImageBitmap> {
  const full = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  try {
    const side = Math.min(full.width, full.height);
    return await createImageBitmap(full, (full.width - side) / 2, (full.height - side) / 2, side, side, {
      resizeWidth: size,
      resizeHeight: size,
      resizeQuality: 'medium',
    });
  } finally {
    full.close();
  }
}
