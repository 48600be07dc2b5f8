/**
 * The start banner's LAPOR! lines (gateway/run.ts): where reports go, how the key is sent,
 * and, loudly, whether LAPOR! refused our credentials at its first answer (the institutions
 * sync at start), waited for at most `waitMs` so a LAPOR! that is down does not hold the start.
 */
import type { UpstreamOptions } from '../options.js';
import { credentialsLine, type Forwarder } from './forwarder.js';

export async function upstreamBanner(opts: UpstreamOptions | undefined, forwarder: Forwarder | undefined, waitMs = 5000): Promise<string[]> {
  if (!opts || !forwarder) return ['  upstream           standalone (LAPOR_UPSTREAM_URL unset)'];
  const how = `key as "${forwarder.authHeader}: Bearer …", GUID as "token"`;
  const lines = [`  upstream           ${opts.url}  (${how})${opts.map ? '' : '  (no LAPOR_UPSTREAM_MAP: reports are held until ids map)'}`];
  const word = await forwarder.firstWord(waitMs);
  if (word.credentials) lines.push(`  !!! ${credentialsLine(word.credentials, 'en')}`);
  else if (word.state !== 'ok') lines.push(`  upstream state     ${word.state === 'starting' ? 'no answer from LAPOR! yet' : word.state}`);
  return lines;
}
