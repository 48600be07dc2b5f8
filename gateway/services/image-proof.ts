/**
 * Images are proven by decoding, not by their first bytes: sharp (libvips) must read the
 * whole file as the format its magic bytes claim, within a pixel budget, and the stored
 * file is sharp's re-encode of those pixels. Whatever the client sent besides pixels
 * (EXIF with GPS, XMP, comments, an HTML page or an ELF after the image data) is gone,
 * and the EXIF orientation is applied to the pixels before the tag is dropped.
 */
import sharp, { type Metadata } from 'sharp';
import { LIMITS } from '../../src/contract/index.js';
import { formatBytes } from '../http/errors.js';
import { fileError } from './file-error.js';

// Uploads are one-shot: libvips' operation cache would only keep citizens' pixels in memory.
sharp.cache(false);

export type ImageMime = 'image/jpeg' | 'image/png';
const FORMAT: Record<ImageMime, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };
const LABEL: Record<ImageMime, string> = { 'image/jpeg': 'JPG', 'image/png': 'PNG' };

export interface ImageProofOptions {
  /** Checked from the header: a 30000×30000 PNG bomb is refused before anything is allocated. */
  maxPixels: number;
  /** Largest stored file; the re-encode is retried at lower JPEG quality to fit. */
  maxBytes?: number;
  /**
   * libvips stops a decode + re-encode after this long (sharp's `timeout`), well inside the
   * worker's own time limit (proof-pool.ts): a worker terminated in the middle of a native
   * sharp call is what sharp warns against, so images stop themselves first.
   */
  timeoutSeconds?: number;
}

const notAnImage = (name: string, mime: ImageMime, lang: string) =>
  fileError(415, 'gatewayError.image_invalid', { name, format: LABEL[mime] }, lang);

/** Decode `bytes` as `mime` and return the re-encoded file, or throw a localized ApiError. */
export async function proveImage(bytes: Uint8Array, mime: ImageMime, name: string, lang: string, options: ImageProofOptions): Promise<Buffer> {
  const { maxPixels } = options;
  const seconds = options.timeoutSeconds ?? 5;
  const maxBytes = options.maxBytes ?? LIMITS.attachments.maxBytes;
  // failOn 'warning' (libjpeg calls a truncated file a warning): refused, not half-decoded into grey.
  const input = () => sharp(bytes, { limitInputPixels: maxPixels, failOn: 'warning', sequentialRead: true });
  let meta: Metadata;
  try {
    // The header only (no pixel data is decompressed), so the budget can be named in the answer.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage(name, mime, lang);
  }
  if (meta.format !== FORMAT[mime]) throw notAnImage(name, mime, lang);
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels || pixels > maxPixels || (meta.pages ?? 1) > 1) {
    const params = { name, width: meta.width ?? 0, height: meta.height ?? 0, max: Math.round(maxPixels / 1e6) };
    throw fileError(413, 'gatewayError.image_too_large', params, lang);
  }
  for (const quality of mime === 'image/jpeg' ? [85, 70, 55] : [0]) {
    let out: Buffer;
    try {
      // No withMetadata()/keepMetadata(): sharp writes no EXIF, XMP or ICC comment blocks.
      const pipeline = input().autoOrient().timeout({ seconds });
      out = await (mime === 'image/jpeg' ? pipeline.jpeg({ quality, mozjpeg: false }) : pipeline.png({ compressionLevel: 9 })).toBuffer();
    } catch (err) {
      // libvips stopped at its time limit ("timeout: 66% complete"): a real image, too slow
      // to check; say so (as the worker's own limit does), not "not an image".
      if (/^timeout:/.test((err as Error).message)) throw fileError(413, 'gatewayError.file_check_failed', { name, seconds }, lang);
      throw notAnImage(name, mime, lang);
    }
    if (out.length <= maxBytes) return out;
  }
  throw fileError(413, 'error.payload_too_large', { max: formatBytes(maxBytes) }, lang);
}
