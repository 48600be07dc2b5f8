/**
 * Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body, keyed with the app secret>` (Meta's "Create a webhook endpoint" guide; the same
 * check in Meta's WhatsApp Node.js SDK, https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/webhooks/start).
 * The HMAC is over the bytes as received: parsing and re-serializing the JSON first would
 * change them. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

export function signatureOf(body: Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** True only for a well-formed header whose MAC matches `body`. */
export function validSignature(body: Uint8Array, header: string | undefined, appSecret: string): boolean {
  const m = HEADER.exec(header?.trim() ?? '');
  const given = Buffer.from(m ? m[1]!.toLowerCase() : '0'.repeat(64), 'hex');
  const want = createHmac('sha256', appSecret).update(body).digest();
  // Compared even for a missing header, so a refusal costs the same either way.
  return timingSafeEqual(given, want) && !!m;
}

/** `hub.verify_token` against ours, in constant time (lengths may differ). */
export function sameToken(given: string, want: string): boolean {
  const a = createHmac('sha256', 'lapor:verify-token').update(given).digest();
  const b = createHmac('sha256', 'lapor:verify-token').update(want).digest();
  return timingSafeEqual(a, b);
}
