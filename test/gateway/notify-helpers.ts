/**
 * Stand-ins for the providers notification tests talk to: a real SMTP server
 * (`smtp-server`, from the nodemailer project) and a WhatsApp Cloud API endpoint.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  raw: string;
  /** Headers and every part, quoted-printable and base64 bodies decoded. */
  decoded: string;
  header(name: string): string | undefined;
}

/**
 * A real SMTP server on an ephemeral port: every accepted message lands in `mails`. A
 * message whose number (1-based, in arrival order) `hold` picks is left unanswered after
 * DATA (the client waits for the 250 that would accept it), as a provider slow to accept
 * a message the sender is killed before hearing back about; `received` counts them all.
 */
export async function startSmtp(opts: { refuse?: (to: string) => number | undefined; hold?: (n: number) => boolean } = {}) {
  const mails: Mail[] = [];
  const received = { count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on localhost: no STARTTLS offered, so nodemailer does not try it.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      // Refused the way Postfix words it (smtpd "Recipient address rejected"): it names the address.
      const code = opts.refuse?.(address.address);
      if (code) return cb(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const n = ++received.count;
        if (opts.hold?.(n)) return;
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, decoded: decode(raw), header: (n) => headerOf(raw, n) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** Enough MIME for assertions: decode each part's quoted-printable or base64 body. */
function decode(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]+/)
    .map((part) => {
      const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
        return `${head}\n\n${Buffer.from(bytes, 'latin1').toString('utf8')}`;
      }
      if (/content-transfer-encoding:\s*base64/i.test(head)) return `${head}\n\n${Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
      return part;
    })
    .join('\n');
}

export interface WaCall {
  path: string;
  authorization: string | undefined;
  body: any;
}

/** A file the stand-in serves as WhatsApp media; `announcedBytes` lies about its size in the metadata. */
export interface WaMedia {
  bytes: Uint8Array;
  mime: string;
  announcedBytes?: number;
}

/**
 * A local stand-in for the WhatsApp Business Cloud API. It answers like Meta's reference
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages and the
 * text-messages guide's sample answer): `{"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],
 * "messages":[{"id":"wamid…"}]}`; `status` lets a test make it fail. A call `hold` picks is
 * left unanswered until `release(status)` (or forever: as if the provider took the message
 * and its answer is still in flight).
 * It also serves media as Meta's media reference describes
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media/):
 * `GET /v23.0/{media-id}` → `{messaging_product, url, mime_type, sha256, file_size, id}`, then
 * `GET url` with the same bearer token → the bytes. `mediaGets` records every request for
 * metadata and `downloads` every download, so a test sees what was fetched and what was not.
 */
export async function startWhatsApp(opts: { hold?: (callNumber: number) => boolean; token?: string } = {}) {
  const calls: WaCall[] = [];
  /** Calls answered 200: what the gateway may consider sent. */
  const answered: WaCall[] = [];
  const held: ((status: number) => void)[] = [];
  const state = { status: 200 };
  const media = new Map<string, WaMedia>();
  const mediaGets: string[] = [];
  const downloads: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') return serveMedia(req.url ?? '', req.headers.authorization, res);
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text || '{}');
      const call = { path: req.url ?? '', authorization: req.headers.authorization, body };
      calls.push(call);
      const answer = (status: number) => {
        if (status === 200) answered.push(call);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(
          status === 200
            ? JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.${calls.length}` }] })
            : JSON.stringify({ error: { message: 'stand-in failure', code: 131000 } }),
        );
      };
      if (opts.hold?.(calls.length)) held.push(answer);
      else answer(state.status);
    });
  });
  function serveMedia(url: string, authorization: string | undefined, res: import('node:http').ServerResponse): void {
    if (opts.token && authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"message":"bad token","code":190}}');
      return;
    }
    const info = /^\/v23\.0\/([^/?]+)$/.exec(url);
    const file = /^\/media\/([^/?]+)$/.exec(url);
    const id = decodeURIComponent((info ?? file)?.[1] ?? '');
    const m = media.get(id);
    if (!m) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"message":"unknown media","code":100}}');
      return;
    }
    if (info) {
      mediaGets.push(id);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          url: `${base}/media/${encodeURIComponent(id)}`,
          mime_type: m.mime,
          sha256: createHash('sha256').update(m.bytes).digest('hex'),
          file_size: m.announcedBytes ?? m.bytes.length,
          id,
        }),
      );
      return;
    }
    downloads.push(id);
    res.writeHead(200, { 'Content-Type': m.mime }).end(Buffer.from(m.bytes));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  /** Answer every held call now, with `status`. */
  const release = (status: number) => {
    for (const answer of held.splice(0)) answer(status);
  };
  return { calls, answered, state, release, media, mediaGets, downloads, url: `${base}/v23.0`, close: () => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }) };
}
