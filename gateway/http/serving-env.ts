/**
 * Environment → the upload and access-log options (config.ts spreads this in):
 *   LAPOR_ACCESS_LOG       `stdout` (default) | `stderr` | `off`: one JSON line per request
 *   LAPOR_UPLOAD_TTL_HOURS unattached uploads are deleted after this many hours (24)
 *   LAPOR_UPLOAD_QUOTA     `files:MB:minutes` per client (`60:60:60`) or `off`
 *   LAPOR_MAX_IMAGE_MP     largest image accepted, in megapixels (50)
 *   LAPOR_UPLOADS_IN_FLIGHT_MB  bytes all uploads on their way in may still bring (64); past it 503
 *   LAPOR_UPLOAD_CHECK_SECONDS  a check of one file is stopped and refused after this long (10)
 *   LAPOR_PDF_MAX_DECODED_MB    what a PDF's streams may decode to in all (16)
 *   LAPOR_PDF_MAX_OBJECTS       objects a PDF may hold (100000)
 */
import { DEFAULT_UPLOADS, type GatewayOptions, type UploadOptions } from '../options.js';
import { linesPerTurn } from './access-log.js';

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} "${value}": expected a positive number`);
  return n;
}

export function servingFromEnv(env: NodeJS.ProcessEnv): Pick<GatewayOptions, 'uploads' | 'accessLog'> {
  const uploads: Partial<UploadOptions> = {};
  const ttlHours = positive('LAPOR_UPLOAD_TTL_HOURS', env.LAPOR_UPLOAD_TTL_HOURS);
  if (ttlHours) uploads.orphanTtlMs = ttlHours * 3_600_000;
  const mp = positive('LAPOR_MAX_IMAGE_MP', env.LAPOR_MAX_IMAGE_MP);
  if (mp) uploads.maxImagePixels = mp * 1_000_000;
  const inFlight = positive('LAPOR_UPLOADS_IN_FLIGHT_MB', env.LAPOR_UPLOADS_IN_FLIGHT_MB);
  if (inFlight) uploads.inFlightBytes = inFlight * 1024 * 1024;
  const check = positive('LAPOR_UPLOAD_CHECK_SECONDS', env.LAPOR_UPLOAD_CHECK_SECONDS);
  if (check) uploads.checkTimeoutMs = check * 1000;
  const decoded = positive('LAPOR_PDF_MAX_DECODED_MB', env.LAPOR_PDF_MAX_DECODED_MB);
  const objects = positive('LAPOR_PDF_MAX_OBJECTS', env.LAPOR_PDF_MAX_OBJECTS);
  if (decoded || objects) {
    uploads.pdf = { ...DEFAULT_UPLOADS.pdf, ...(decoded ? { maxDecodedBytes: decoded * 1024 * 1024 } : {}), ...(objects ? { maxObjects: objects } : {}) };
  }
  const quota = env.LAPOR_UPLOAD_QUOTA?.trim();
  if (quota === 'off') uploads.quota = false;
  else if (quota) {
    const [files, mb, minutes] = quota.split(':').map(Number);
    if (!(files! > 0 && mb! > 0 && minutes! > 0)) throw new Error(`LAPOR_UPLOAD_QUOTA "${quota}": expected "off" or "files:MB:minutes"`);
    uploads.quota = { maxFiles: files!, maxBytes: mb! * 1024 * 1024, windowMs: minutes! * 60_000 };
  }
  const log = env.LAPOR_ACCESS_LOG?.trim() || 'stdout';
  if (!['stdout', 'stderr', 'off'].includes(log)) throw new Error(`LAPOR_ACCESS_LOG "${log}": expected stdout, stderr or off`);
  const stream = log === 'stderr' ? process.stderr : process.stdout;
  return { uploads, ...(log === 'off' ? {} : { accessLog: linesPerTurn((text) => void stream.write(text)) }) };
}
