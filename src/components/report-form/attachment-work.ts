/**
 * The work on a picked file, fetched right after the form's first render and not part of
 * the first download (most reports have no file): what the bytes really are, the photo
 * re-encoded (downscaled, EXIF/GPS gone) and checked against the gateway's limits, and a
 * photo's preview. attachments.ts keeps the list and the uploads.
 */
import { css } from 'lit';
import type { AttachmentLimits, AttachmentMime } from '../../contract/index.js';
import { reencodeImage, thumbnail } from '../../media/reencode.js';
import { checkFile, sniffMime } from '../../media/sniff.js';

export { thumbnail };

/** A photo's preview beside its name (added to the form when this chunk is in). */
export const previewStyles = css`
  .file.has-thumb {
    grid-template-columns: 4.5em 1fr;
    column-gap: 0.75em;
  }
  .file.has-thumb > :not(.thumb) {
    grid-column: 2;
  }
  .thumb {
    grid-row: 1 / span 3;
    width: 4.5em;
    height: 4.5em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_border);
  }
`;

export type Prepared = { ok: true; blob: Blob; name: string; mime: AttachmentMime } | { ok: false; problem: 'type' | 'unreadable' | 'size' };

/** A photo keeps its name but becomes `.jpg`, since it is now a JPEG. */
const asJpegName = (name: string): string => `${name.replace(/\.[^.]*$/, '') || 'foto'}.jpg`;

/** The bytes to upload for `file`, or why it is refused. */
export async function prepare(file: File, limits: AttachmentLimits): Promise<Prepared> {
  const sniffed = await sniffMime(file);
  if (!sniffed || !limits.mimeTypes.includes(sniffed)) return { ok: false, problem: 'type' };
  let blob: Blob = file;
  let name = file.name;
  if (sniffed !== 'application/pdf') {
    try {
      blob = await reencodeImage(file);
      name = asJpegName(file.name);
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
  }
  const checked = await checkFile(blob, limits);
  return checked.ok ? { ok: true, blob, name, mime: checked.mime } : { ok: false, problem: checked.problem };
}
