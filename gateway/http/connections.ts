/**
 * TCP connections per socket address. Timeouts cut a slow connection after a while; this
 * keeps one address from holding thousands of them meanwhile (idle keep-alive sockets,
 * half-sent heads), so descriptors stay free for everyone else and for /healthz.
 * A trusted proxy's address is exempt: all its clients arrive through it.
 */
import type { Server, Socket } from 'node:net';
import { groupAddress, type TrustProxy } from './client.js';

export function capConnectionsPerAddress(server: Server, max: number, trust: TrustProxy | undefined): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const raw = socket.remoteAddress ?? 'unknown';
    if (trust?.(raw, 0)) return;
    const key = groupAddress(raw);
    const n = (open.get(key) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
