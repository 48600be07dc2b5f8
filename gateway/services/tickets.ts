/**
 * Watch tickets: `POST /v1/watch` trades access codes for a short-lived ticket that can go
 * in an EventSource URL (the admin console trades its bearer token the same way). A
 * ticket is bound to what it verified (the reports and site key, or the admin's
 * institutions) and reusable until it expires, because EventSource reconnects to the same
 * URL by itself.
 *
 * Stateless: the ticket IS its content, sealed with AES-256-GCM under a key derived from
 * the server secret (LAPOR_SECRET), so any gateway process sharing that secret accepts it
 * (a stream may reconnect to another process behind the load balancer) and nothing needs
 * storing. The seal hides the tracking ids from wherever URLs are logged, and a changed
 * byte fails authentication. Each purpose has its own key, so a citizen ticket can never
 * open the admin stream. Expired or unreadable: 401 ticket_expired, and the SDK asks again.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface Ticket {
  trackingIds: string[];
  siteKey: string;
  expiresAt: number;
}

/** Seals and opens tickets of one purpose carrying `T` (plus their expiry). */
export class SealedTickets<T extends object> {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    purpose: string,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {
    this.key = createHmac('sha256', secret).update(`ticket\0${purpose}`).digest();
  }

  issue(content: T): { ticket: string; expiresAt: number } {
    const expiresAt = this.now().getTime() + this.ttlMs;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ ...content, expiresAt }), 'utf8'), cipher.final()]);
    return { ticket: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'), expiresAt };
  }

  /** The content of a genuine, unexpired ticket; otherwise undefined. */
  open(ticket: string | undefined): (T & { expiresAt: number }) | undefined {
    if (!ticket || ticket.length > 8192) return undefined;
    let content: T & { expiresAt: number };
    try {
      const raw = Buffer.from(ticket, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      content = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T & { expiresAt: number };
    } catch {
      return undefined;
    }
    return typeof content.expiresAt === 'number' && content.expiresAt > this.now().getTime() ? content : undefined;
  }
}

/** The citizen's tickets: which reports, from which site key (the stream checks its origin). */
export class TicketStore {
  private readonly sealed: SealedTickets<Omit<Ticket, 'expiresAt'>>;

  constructor(secret: Buffer, ttlMs: number, now: () => Date) {
    this.sealed = new SealedTickets(secret, 'watch', ttlMs, now);
  }

  issue(trackingIds: string[], siteKey: string): { ticket: string; expiresAt: string } {
    const { ticket, expiresAt } = this.sealed.issue({ trackingIds, siteKey });
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  get(ticket: string | undefined): Ticket | undefined {
    const t = this.sealed.open(ticket);
    if (!t || !Array.isArray(t.trackingIds) || typeof t.siteKey !== 'string') return undefined;
    return { trackingIds: t.trackingIds, siteKey: t.siteKey, expiresAt: t.expiresAt };
  }
}
