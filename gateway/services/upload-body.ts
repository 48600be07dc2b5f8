/**
 * Upload bodies go to disk as they arrive, never whole into memory, under a cap on the
 * bytes in flight.
 *
 * Before (issue 23), the route buffered every body: 125 uploads from one address, each
 * stopping 10 bytes short of 2 MB, held +278 MB for the 120 s request timeout, and that
 * per IPv4 address or IPv6 /64. Now a body streams into a file (a socket's buffers are
 * all it holds in memory), and the bytes an upload may still bring count against:
 * - the whole gateway (`inFlightBytes`): past it, 503 + Retry-After, before the body is
 *   read; the SDK and the widget retry a 503 with the same file;
 * - each client (`inFlightPerClient` uploads at once): past it, 429 + Retry-After, so one
 *   client cannot take the whole budget and keep everyone else at 503.
 * An upload keeps its share until it is checked and stored or refused, so the queue of
 * checks (proof-pool.ts) is bounded by the same cap.
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError, formatBytes } from '../http/errors.js';

/** Seconds a refused upload is told to wait: uploads in flight end within seconds. */
const RETRY_AFTER_SECONDS = 3;

export class UploadGate {
  private bytes = 0;
  private readonly byClient = new Map<string, number>();

  constructor(
    private readonly maxBytes: number,
    private readonly perClient: number,
  ) {}

  /** Bytes reserved by uploads in flight now. */
  get inFlight(): number {
    return this.bytes;
  }

  /** Reserve `bytes` for one upload of `client`, or throw 429 (this client) / 503 (everyone). Call the returned function once, when it is done. */
  reserve(client: string, bytes: number): () => void {
    const mine = this.byClient.get(client) ?? 0;
    const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
    if (mine >= this.perClient) {
      throw new ApiError(429, 'rate_limited', { messageKey: 'gatewayError.upload_in_flight', params: { n: RETRY_AFTER_SECONDS, count: mine }, headers: retry });
    }
    if (this.bytes + bytes > this.maxBytes) {
      throw new ApiError(503, 'rate_limited', { messageKey: 'gatewayError.upload_busy', params: { n: RETRY_AFTER_SECONDS }, headers: retry });
    }
    this.bytes += bytes;
    this.byClient.set(client, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.bytes -= bytes;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }
}

class TooLarge extends Error {}

/**
 * Write the body of `req` to `file` (created, never overwritten) and return its size;
 * 413 once it passes `maxBytes` (the rest is not read). Rejects when the client goes
 * away or the server's request timeout cuts it.
 */
export async function receiveBody(req: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  let received = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      received += chunk.length;
      next(received > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  // Not pipeline(req, …): on an error it would destroy the request's socket, and the
  // client would never read our 413. The request is only unpiped; the server closes it
  // once the answer is out.
  const gone = () => count.destroy(new Error('upload aborted'));
  const closed = () => req.complete || gone();
  req.once('aborted', gone);
  req.once('error', gone);
  req.once('close', closed);
  req.pipe(count);
  try {
    await pipeline(count, createWriteStream(file, { flags: 'wx' }));
  } catch (err) {
    req.unpipe(count);
    if (err instanceof TooLarge) {
      // The rest of the body is not read; closing keeps the client from reusing a socket with our unread upload in it.
      throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(maxBytes) }, headers: { Connection: 'close' } });
    }
    // The client went away (or the request timeout cut it): nobody reads this answer, and
    // it is no fault of ours to log. A disk that refused the file is.
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (/^E[A-Z]+$/.test(code) && !['ECONNRESET', 'EPIPE'].includes(code)) throw err;
    throw new ApiError(400, 'bad_request');
  } finally {
    req.off('aborted', gone);
    req.off('error', gone);
    req.off('close', closed);
  }
  return received;
}
