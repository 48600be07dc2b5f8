/**
 * Small random values (ids, access codes, IVs) from a pool of CSPRNG bytes refilled 4 kB
 * at a time: a submit draws five (request id, tracking id, access code, timeline id,
 * sealing IV), and each `crypto.randomBytes` call costs ~2.5 µs of its own (3–4 % of a
 * submit's CPU at 1,000/s; issue 27). Node's own `randomUUID` pools the same way. Every
 * byte is handed out once and copied out, so no caller sees another's bytes.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/** `n` fresh random bytes (a new Buffer), like `crypto.randomBytes(n)`. */
export function randomBytes(n: number): Buffer {
  if (n > POOL_BYTES / 8) return randomFillSync(Buffer.alloc(n));
  if (used + n > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const out = Buffer.from(pool.subarray(used, used + n));
  used += n;
  return out;
}
