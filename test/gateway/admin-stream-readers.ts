/**
 * A child process for admin-replay.test.ts: opens N admin event streams at once and
 * counts what each receives, so that reading megabytes of frames costs the gateway's
 * process (the test's) nothing but the writing. Prints `open` once every stream has its
 * answer's head, then one JSON line when every stream has what it waits for:
 * `[{count, bytes, lastId, reload, ms}]`.
 *
 *   node --import tsx test/gateway/admin-stream-readers.ts <url> <ticket> <lastEventId> <n> <expect>
 *
 * A stream is done after `expect` report events, or at its first `admin.reload`.
 */
import { request } from 'node:http';

const [url, ticket, lastEventId, n, expect] = process.argv.slice(2) as [string, string, string, string, string];
const { hostname, port } = new URL(url);

interface Result {
  count: number;
  /** Bytes of the stream read until done. */
  bytes: number;
  lastId: string;
  reload: boolean;
  ms: number;
}

const EVENT = Buffer.from('\nevent: ');
const RELOAD = Buffer.from('\nevent: admin.reload');
const ID = Buffer.from('\nid: ');

/** Counts `event:` lines in the raw bytes (no decoding: ten consoles' megabytes must cost this process little). */
let heads = 0;

function open(): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const result: Result = { count: 0, bytes: 0, lastId: '', reload: false, ms: 0 };
    // A marker may straddle two chunks: keep the last few bytes of each.
    let carry: Buffer = Buffer.alloc(0);
    const req = request({ hostname, port, path: `/v1/admin/events?ticket=${encodeURIComponent(ticket)}`, headers: { Accept: 'text/event-stream', 'Last-Event-ID': lastEventId } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      if (++heads === Number(n)) console.log('open');
      res.on('data', (chunk: Buffer) => {
        result.bytes += chunk.length;
        const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        // A marker cut off at the end is looked at again with the next chunk.
        carry = buf.subarray(Math.max(0, buf.length - EVENT.length + 1));
        for (let at = buf.indexOf(EVENT); at >= 0; at = buf.indexOf(EVENT, at + 1)) {
          if (buf.length - at < RELOAD.length) {
            carry = buf.subarray(at);
            break;
          }
          if (buf.subarray(at, at + RELOAD.length).equals(RELOAD)) result.reload = true;
          else result.count++;
        }
        const lastId = buf.lastIndexOf(ID);
        if (lastId >= 0) {
          const end = buf.indexOf(10, lastId + ID.length);
          if (end > 0) result.lastId = buf.subarray(lastId + ID.length, end).toString();
        }
        if (result.reload || result.count >= Number(expect)) {
          result.ms = Math.round(performance.now() - started);
          req.destroy();
          resolve(result);
        }
      });
      res.on('end', () => reject(new Error(`stream ended after ${result.count} events`)));
    });
    req.on('error', (err) => (result.ms ? undefined : reject(err)));
    req.end();
  });
}

const results = await Promise.all(Array.from({ length: Number(n) }, open));
console.log(JSON.stringify(results));
