/**
 * What both event streams (the citizen's `/v1/events`, the admin console's
 * `/v1/admin/events`) do before their first frame: take one of the client's stream
 * slots, then open a Server-Sent Events response on Node's own ServerResponse, where one
 * event costs one `write()` of a pre-serialized frame per subscriber.
 */
import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { corsHeaders } from './cors.js';
import { clientIp } from './middleware.js';
import type { Env } from './types.js';
import type { Services } from '../services/index.js';

/**
 * One of the client's stream slots (per client and in total; `StreamGate`), released by
 * the returned function. Over the limit it throws the gate's 429, and the answer closes
 * the socket at once: a client retrying in a loop must not pile up connections.
 */
export function acquireStreamSlot(c: Context<Env>, s: Services): () => void {
  try {
    return s.streams.acquire(clientIp(c));
  } catch (err) {
    c.header('Connection', 'close');
    throw err;
  }
}

/** Status, SSE headers (CORS for an allowed cross-origin page), no idle timeout, the reconnect delay. */
export function openEventStream(c: Context<Env>, retryMs: number): ServerResponse {
  const req = c.env.incoming;
  const res = c.env.outgoing;
  const origin = c.get('crossOrigin');
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx and other proxies must pass events on at once, not buffer them.
    'X-Accel-Buffering': 'no',
    'X-Request-Id': c.get('requestId'),
    ...(origin ? corsHeaders(origin) : {}),
  });
  // Heartbeats keep the stream alive; the server's idle timeout must not cut it.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  res.write(`retry: ${retryMs}\n\n`);
  return res;
}
