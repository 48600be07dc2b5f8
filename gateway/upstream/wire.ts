/**
 * One HTTP exchange with LAPOR!, on node:http / node:https rather than `fetch`, because an
 * upstream we do not trust needs four things fetch does not give us:
 *
 *  - a CONNECT timeout apart from the total one (the public client waits 30 s to connect
 *    and 90 s in all for a create). Node 20's fetch runs on undici, whose Agent has a
 *    connect timeout, but undici is not importable without adding the package; plain
 *    node:http has every knob and no dependency;
 *  - a failure BEFORE the connection was made means nothing was sent (`sent: false`), so a
 *    create that never connected is retried, not parked as "maybe created";
 *  - redirects are never followed (node:http does not follow them): a 307 to another
 *    origin sends our secrets and the reporter's text nowhere;
 *  - the answer is read as a stream and cut at `maxBytes`: a 400 MB body costs us at most
 *    `maxBytes` of memory, never the whole thing.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

export interface WireRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** From the start of the exchange until the last byte of the answer. */
  timeoutMs: number;
  /** The answer body may not be longer than this. */
  maxBytes: number;
  /**
   * A new connection, not a kept-alive one: a kept-alive socket the server has just closed
   * fails AFTER we wrote to it, and for a create that reads as "maybe created".
   */
  fresh?: boolean;
}

export interface WireAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class WireError extends Error {
  constructor(
    message: string,
    /** False only when the connection was never made: then LAPOR! surely got nothing. */
    readonly sent: boolean,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Keep-alive connections, at most `sockets` at once per origin (the forwarder's concurrency). */
export class Wire {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(sockets: number) {
    this.http = new HttpAgent({ keepAlive: true, maxSockets: sockets });
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: sockets });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  /**
   * A kept-alive connection the server closed while it sat idle fails at once with a reset;
   * a GET (which changes nothing) is then asked once more on a new connection, as browsers do.
   */
  async exchange(r: WireRequest): Promise<WireAnswer> {
    try {
      return await this.once(r);
    } catch (err) {
      const e = err as WireError & { stale?: boolean };
      if (e.stale && r.method === 'GET' && !r.fresh) return this.once({ ...r, fresh: true });
      throw err;
    }
  }

  private once(r: WireRequest): Promise<WireAnswer> {
    const secure = r.url.protocol === 'https:';
    return new Promise<WireAnswer>((resolve, reject) => {
      let connected = false;
      let reused = false;
      let answered = false;
      let done = false;
      let req: ClientRequest;
      const finish = (err: WireError | undefined, answer?: WireAnswer) => {
        if (done) return;
        done = true;
        clearTimeout(connectTimer);
        clearTimeout(totalTimer);
        if (err) {
          req.destroy();
          reject(err);
        } else resolve(answer!);
      };
      const connectTimer = setTimeout(
        () => finish(new WireError(`no connection within ${Math.round(r.connectTimeoutMs / 1000)} s`, false, 'ECONNECTTIMEOUT')),
        r.connectTimeoutMs,
      );
      const totalTimer = setTimeout(
        () => finish(new WireError(`no complete answer within ${Math.round(r.timeoutMs / 1000)} s`, connected, 'ETIMEDOUT')),
        r.timeoutMs,
      );
      const onConnected = () => {
        connected = true;
        clearTimeout(connectTimer);
      };
      const headers = { ...r.headers, ...(r.body ? { 'Content-Length': String(r.body.length) } : {}) };
      req = (secure ? httpsRequest : httpRequest)(r.url, { method: r.method, headers, agent: r.fresh ? false : secure ? this.https : this.http }, (res: IncomingMessage) => {
        answered = true;
        return readCapped(res, r.maxBytes).then(
          (body) => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body }),
          (err: WireError) => {
            res.destroy();
            finish(err);
          },
        );
      });
      req.on('socket', (socket: Socket) => {
        // A kept-alive socket is connected already; a new one says so when it is (after TLS for https).
        if (!socket.connecting && (!secure || (socket as Socket & { encrypted?: boolean }).encrypted)) {
          reused = true;
          onConnected();
        } else socket.once(secure ? 'secureConnect' : 'connect', onConnected);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        const e = new WireError(err.message, connected, err.code ?? 'EREQUEST');
        if (reused && !answered && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) Object.assign(e, { stale: true });
        finish(e);
      });
      req.end(r.body);
    });
  }
}

function readCapped(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      reject(new WireError(`answer of ${declared} bytes is over the ${maxBytes}-byte cap`, true, 'ETOOBIG'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new WireError(`answer over the ${maxBytes}-byte cap (cut after ${size} bytes)`, true, 'ETOOBIG'));
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', (err: NodeJS.ErrnoException) => reject(new WireError(`answer broken off: ${err.message}`, true, err.code ?? 'ERESPONSE')));
    res.on('aborted', () => reject(new WireError('answer broken off', true, 'ECONNRESET')));
  });
}
