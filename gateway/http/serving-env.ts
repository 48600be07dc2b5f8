/**
 * Environment → the upload and access-log options (config.ts spreads this in):
 *   LAPOR_ACCESS_LOG       `stdout` (default) | `stderr` | `off`: one JSON line per request
 *   LAPOR_UPLOAD_TTL_HOURS unattached uploads are deleted after this many hours (24)
 *   LAPOR_UPLOAD_QUOTA     `files:MB:minutes` per client (`60:60:60`) or `off`
 *   LAPOR_MAX_IMAGE_MP     largest image accepted, in megapixels (50)
 */
import type { GatewayOptions, UploadOptions } from '../options.js';
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
