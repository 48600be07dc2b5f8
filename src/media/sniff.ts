/**
 * What a file really is, from its first bytes (the gateway sniffs the same way), and the
 * checks the form makes BEFORE anything is uploaded.
 */
import type { AttachmentLimits, AttachmentMime } from '../contract/index.js';

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** `application/pdf`, `image/jpeg`, `image/png`, or `undefined` for anything else. */
export async function sniffMime(blob: Blob): Promise<AttachmentMime | undefined> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

export type FileProblem = 'type' | 'size';

/** `type` when the bytes are not an allowed kind, `size` when over the limit; else the mime. */
export async function checkFile(
  blob: Blob,
  limits: Pick<AttachmentLimits, 'maxBytes' | 'mimeTypes'>,
): Promise<{ ok: true; mime: AttachmentMime } | { ok: false; problem: FileProblem }> {
  const mime = await sniffMime(blob);
  if (!mime || !limits.mimeTypes.includes(mime)) return { ok: false, problem: 'type' };
  if (blob.size > limits.maxBytes) return { ok: false, problem: 'size' };
  return { ok: true, mime };
}

// In a module of its own: the form's help text needs it at first paint, the checks above only once a file is picked.
export { formatBytes } from './format-bytes.js';
