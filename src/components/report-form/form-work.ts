/**
 * The form's work after first paint, fetched right after its first render and not part
 * of the first download (most reports have no file, most citizens type their place):
 * - a picked file: what the bytes really are, a photo re-encoded (downscaled, EXIF/GPS
 *   gone) and checked against the gateway's limits, and its preview (attachments.ts keeps
 *   the list and the uploads);
 * - "Gunakan lokasi saya": the phone's position, and the place it falls in as words.
 */
import type { AttachmentLimits, AttachmentMime } from '../../contract/index.js';
import type { LocationMatch } from '../../contract/location-at.js';
import type { LaporClient } from '../../sdk/types.js';
import { reencodeImage, thumbnail } from '../../media/reencode.js';
import { checkFile, sniffMime } from '../../media/sniff.js';
import '../../i18n/register/location-words.js';

export { thumbnail };

export { previewStyles } from './preview.styles.js';

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

/** Where the phone is, and the place (from the gateway's reference data) that point falls in. */
export interface Located {
  lat: number;
  lng: number;
  /** null: outside every place the gateway knows; undefined: it could not be asked (offline, error). */
  match: LocationMatch['match'] | undefined;
}

/** Five decimals: about a metre, more than a phone's fix is worth. */
const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** The phone's position (asks permission), then the gateway's name for where it is. */
export async function locateMe(client: LaporClient | undefined): Promise<Located> {
  const { coords } = await new Promise<GeolocationPosition>((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 }),
  );
  const point = { lat: round(coords.latitude), lng: round(coords.longitude) };
  let match: Located['match'];
  try {
    match = client ? await client.locate(point, { signal: AbortSignal.timeout(15_000) }) : undefined;
  } catch {
    match = undefined;
  }
  return { ...point, match };
}
