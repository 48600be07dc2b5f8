/**
 * SSE subscriber worker for bench/gateway.ts: opens N raw TCP connections to
 * /v1/events?ticket=… (raw sockets: 10,000 fetch streams would cost the worker more than
 * the gateway), and for every event records when each subscriber received it.
 *
 * IPC: parent → {type:'open', n}; worker → {type:'ready', n, ms}; worker →
 * {type:'event', k, arrivals: number[]} once all N have the k-th event (epoch ms,
 * high resolution), or {type:'timeout', k, got}.
 */
import { connect, type Socket } from 'node:net';

const [url, ticket] = process.argv.slice(2);
const { hostname, port } = new URL(url!);
const MARK = 'event: ';
const now = () => performance.timeOrigin + performance.now();

interface Sub {
  socket: Socket;
  tail: string;
  count: number;
  open: boolean;
}
let subs: Sub[] = [];
/** arrivals[k][i] = when subscriber i got event k. */
const arrivals: number[][] = [];
const reported = new Set<number>();

function onEvent(k: number, at: number): void {
  (arrivals[k] ??= []).push(at);
  if (arrivals[k]!.length === subs.length && !reported.has(k)) {
    reported.add(k);
    process.send!({ type: 'event', k, arrivals: arrivals[k] });
  }
}

function open(n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let ready = 0;
    let started = 0;
    const batch = () => {
      // Open in batches so the listen backlog is never overrun.
      const until = Math.min(n, started + 250);
      for (; started < until; started++) {
        const sub: Sub = { socket: connect(Number(port), hostname), tail: '', count: 0, open: false };
        sub.socket.setNoDelay(true);
        sub.socket.on('connect', () =>
          sub.socket.write(`GET /v1/events?ticket=${ticket} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`),
        );
        sub.socket.setEncoding('latin1');
        sub.socket.on('data', (chunk: string) => {
          const at = now();
          const text = sub.tail + chunk;
          if (!sub.open && text.includes('retry:')) {
            sub.open = true;
            if (++ready === n) resolve();
            else if (ready === started && started < n) batch();
          }
          // The tail is shorter than MARK, so every match here ends in the new chunk and
          // has not been counted before.
          let i = 0;
          while ((i = text.indexOf(MARK, i)) >= 0) {
            onEvent(sub.count++, at);
            i += MARK.length;
          }
          sub.tail = text.slice(-(MARK.length - 1));
        });
        sub.socket.on('error', (err) => reject(err));
        subs.push(sub);
      }
    };
    batch();
  });
}

process.on('message', async (msg: { type: string; n?: number }) => {
  if (msg.type === 'open') {
    for (const s of subs) s.socket.destroy();
    subs = [];
    arrivals.length = 0;
    reported.clear();
    const t0 = now();
    try {
      await open(msg.n!);
      process.send!({ type: 'ready', n: subs.length, ms: now() - t0 });
    } catch (err) {
      process.send!({ type: 'error', message: (err as Error).message });
    }
  } else if (msg.type === 'status') {
    process.send!({ type: 'status', counts: subs.map((s) => s.count).reduce((m, c) => ((m[c] = (m[c] ?? 0) + 1), m), {} as Record<number, number>) });
  } else if (msg.type === 'close') {
    for (const s of subs) s.socket.destroy();
    process.exit(0);
  }
});
