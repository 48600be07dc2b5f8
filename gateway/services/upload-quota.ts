/**
 * Storage taken by one client: at most `maxFiles` stored uploads and `maxBytes` stored
 * bytes in any sliding window of `windowMs`. The token bucket on the upload route bounds
 * how fast requests come; this bounds how much disk they may fill (one address wrote
 * 237 MB in a minute before). In memory, per process: with several processes on one
 * PostgreSQL each keeps its own count, so a client spread over N processes may store up
 * to N times the quota (the token buckets, by contrast, are shared there).
 *
 * Bounded like the in-memory buckets (http/rate-limit.ts): at most MAX_CLIENTS clients,
 * the one idle longest forgotten first, in O(1). Before, past 50,000 clients every new one
 * walked them all to free those idle for an hour, which freed nothing under a flood.
 */
import { ApiError, formatBytes } from '../http/errors.js';
import type { UploadQuotaOptions } from '../options.js';

interface Entry {
  at: number;
  bytes: number;
}

const MAX_CLIENTS = 50_000;

export class UploadQuota {
  private readonly clients = new Map<string, Entry[]>();

  constructor(
    private readonly opts: UploadQuotaOptions | false,
    private readonly now: () => number,
  ) {}

  /**
   * Reserve room for `bytes` from `client` now (so parallel uploads cannot all pass), or
   * throw 429 + Retry-After. The answer settles the reservation: `stored(n)` with what it
   * finally costs (the stored size, or what a refused upload sent), `cancel()` when no
   * body was read at all.
   */
  reserve(client: string, bytes: number): { stored(bytes: number): void; cancel(): void } {
    const none = { stored() {}, cancel() {} };
    if (!this.opts) return none;
    const { windowMs, maxFiles, maxBytes } = this.opts;
    const now = this.now();
    const entries = this.recent(client, now);
    let files = entries.length + 1;
    let total = entries.reduce((sum, e) => sum + e.bytes, 0) + bytes;
    if (files > maxFiles || total > maxBytes) {
      // Wait until enough of the oldest uploads have left the window.
      let i = 0;
      while (i < entries.length && (files > maxFiles || total > maxBytes)) {
        files--;
        total -= entries[i]!.bytes;
        i++;
      }
      const until = i > 0 ? entries[i - 1]!.at + windowMs : now + windowMs;
      const seconds = Math.max(1, Math.ceil((until - now) / 1000));
      throw new ApiError(429, 'rate_limited', {
        messageKey: 'gatewayError.upload_quota',
        params: { n: seconds, count: maxFiles, bytes: formatBytes(maxBytes), minutes: Math.round(windowMs / 60_000) },
        headers: { 'Retry-After': String(seconds) },
      });
    }
    const entry: Entry = { at: now, bytes };
    // Most recently used goes last; the first key is the one idle longest.
    if (!this.clients.delete(client) && this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    this.clients.set(client, [...entries, entry]);
    return {
      stored: (n) => void (entry.bytes = n),
      cancel: () => {
        const left = (this.clients.get(client) ?? []).filter((e) => e !== entry);
        if (left.length) this.clients.set(client, left);
        else this.clients.delete(client);
      },
    };
  }

  private recent(client: string, now: number): Entry[] {
    const windowMs = this.opts ? this.opts.windowMs : 0;
    return (this.clients.get(client) ?? []).filter((e) => e.at > now - windowMs);
  }
}
