/**
 * Watch tickets: `POST /v1/watch` trades access codes for a short-lived random ticket that
 * can go in an EventSource URL. A ticket is bound to the reports it verified and to the
 * site key (origin check on the stream). Reusable until it expires, because EventSource
 * reconnects to the same URL by itself. Kept in memory: after a restart the SDK simply
 * asks for a new one (401 ticket_expired).
 */
import { randomBytes } from 'node:crypto';

export interface Ticket {
  trackingIds: string[];
  siteKey: string;
  expiresAt: number;
}

export class TicketStore {
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  issue(trackingIds: string[], siteKey: string): { ticket: string; expiresAt: string } {
    this.sweep();
    const ticket = randomBytes(24).toString('base64url');
    const expiresAt = this.now().getTime() + this.ttlMs;
    this.tickets.set(ticket, { trackingIds, siteKey, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  get(ticket: string | undefined): Ticket | undefined {
    const t = ticket ? this.tickets.get(ticket) : undefined;
    if (!t || t.expiresAt <= this.now().getTime()) return undefined;
    return t;
  }

  private sweep(): void {
    if (this.tickets.size < 1000) return;
    const now = this.now().getTime();
    for (const [k, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(k);
  }
}
