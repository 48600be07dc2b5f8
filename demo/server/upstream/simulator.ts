/**
 * A tiny stand-in for SP4N-LAPOR!'s API, for tests and demos. Tests switch its `mode`:
 *  - `ok`: behave;  - `fail`: answer 500;  - `hang`: never answer (client timeouts);
 *  - `create-then-fail`: create the complaint but answer 500 (the crash-mid-flight case).
 * It counts complaints per reference so "forwarded exactly once" can be asserted.
 *
 *   npx tsx demo/server/upstream/simulator.ts   # listens on SIM_PORT (8788)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimMode = 'ok' | 'fail' | 'hang' | 'create-then-fail';

export interface SimComplaint {
  id: string;
  reference: string | undefined;
  payload: Record<string, unknown>;
  status: string;
  followups: { id: string; content: string; created_at: string; institution_name: string }[];
}

export class LaporSimulator {
  mode: SimMode = 'ok';
  token: string;
  readonly complaints = new Map<string, SimComplaint>();
  documents = 0;
  requests = 0;
  private server: Server | undefined;
  private hanging = new Set<ServerResponse>();
  private nextId = 1000;

  constructor(token = 'sim-token') {
    this.token = token;
  }

  /** Complaints created (the thing that must happen exactly once per report). */
  get created(): number {
    return this.complaints.size;
  }

  countFor(reference: string): number {
    return [...this.complaints.values()].filter((c) => c.reference === reference).length;
  }

  setStatus(id: string, status: string): void {
    this.complaints.get(id)!.status = status;
  }

  addFollowup(id: string, content: string, institution = 'Dinas Kesehatan'): void {
    const c = this.complaints.get(id)!;
    c.followups.push({ id: `f${c.followups.length + 1}`, content, created_at: new Date().toISOString(), institution_name: institution });
  }

  listen(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) =>
      this.server!.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`)),
    );
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (this.mode === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}` || req.headers.token !== this.token) {
      return this.send(res, 401, { message: 'unauthorized' });
    }
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = url.pathname;
    if (this.mode === 'fail') return this.send(res, 500, { message: 'simulated outage' });

    if (req.method === 'POST' && path === '/complaints/complaint/file') {
      const count = (body.toString('latin1').match(/name="attachments\[\]"/g) ?? []).length;
      const ids = Array.from({ length: count }, () => `doc-${++this.documents}`);
      return this.send(res, 200, { data: { document_ids: ids } });
    }
    if (req.method === 'POST' && path === '/complaints/complaint') {
      const payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const id = String(++this.nextId);
      this.complaints.set(id, {
        id,
        reference: typeof payload.reference === 'string' ? payload.reference : undefined,
        payload,
        status: 'pending',
        followups: [],
      });
      if (this.mode === 'create-then-fail') return this.send(res, 500, { message: 'created, then crashed' });
      return this.send(res, 200, { data: { complaint_id: id } });
    }
    if (req.method === 'GET' && path === '/complaints/complaint') {
      const ref = url.searchParams.get('reference');
      const hits = [...this.complaints.values()].filter((c) => c.reference === ref).map((c) => ({ complaint_id: c.id }));
      return this.send(res, 200, { data: hits });
    }
    const m = path.match(/^\/complaints\/([^/]+)\/(complaint|followups)$/);
    if (req.method === 'GET' && m) {
      const c = this.complaints.get(decodeURIComponent(m[1]!));
      if (!c) return this.send(res, 404, { message: 'not found' });
      if (m[2] === 'complaint') return this.send(res, 200, { data: { id: c.id, status: c.status, title: c.payload.title } });
      return this.send(res, 200, { data: c.followups });
    }
    this.send(res, 404, { message: 'no route' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sim = new LaporSimulator(process.env.LAPOR_UPSTREAM_TOKEN ?? 'sim-token');
  const url = await sim.listen(Number(process.env.SIM_PORT ?? 8788));
  console.log(`LAPOR! simulator on ${url} (token ${sim.token})`);
}
