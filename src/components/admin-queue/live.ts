/**
 * The console's live connection: `POST /v1/admin/watch` (bearer) → ticket →
 * `EventSource(/v1/admin/events?ticket=…)`. EventSource reconnects by itself with
 * Last-Event-ID; when the gateway refuses (expired ticket, restart) the source closes and
 * we ask for a new ticket and reopen with `lastEventId=`, so nothing is missed either way.
 * A stream opened without a position cannot know what happened before it: `onFresh` tells
 * the console to reload the queue then. So does `admin.reload`: the gateway replays only
 * so far back (its horizon), and past it says "reload" instead; the stream goes on from
 * the position that event carries.
 */
import * as z from 'zod/mini';
import { REPORT_EVENT_TYPES, ReportEvent } from '../../contract/watch.js';
import { ADMIN_RELOAD_EVENT, type AdminWatchTicket } from '../../contract/admin.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveOptions {
  api: string;
  ticket: () => Promise<AdminWatchTicket>;
  onEvent: (event: ReportEvent) => void;
  onState: (state: LiveState) => void;
  /** The stream (re)started without a resume position: reload what it cannot replay. */
  onFresh: () => void;
  /** Scope of the token (null = every institution), known once a ticket is issued. */
  onScope?: (institutions: string[] | null) => void;
  /** Tests: a fake EventSource. */
  EventSource?: typeof EventSource;
}

export function connectLive(o: LiveOptions): () => void {
  const ES = o.EventSource ?? globalThis.EventSource;
  let source: EventSource | undefined;
  let lastEventId = '';
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const onMessage = (e: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    const parsed = z.safeParse(ReportEvent, data);
    if (!parsed.success) return;
    if (e.lastEventId) lastEventId = e.lastEventId;
    o.onEvent(parsed.data);
  };

  const retryLater = () => {
    o.onState('offline');
    timer = setTimeout(open, Math.min(30_000, 1000 * 2 ** failures++));
  };

  async function open(): Promise<void> {
    if (stopped) return;
    o.onState(lastEventId ? 'reconnecting' : 'connecting');
    let ticket: AdminWatchTicket;
    try {
      ticket = await o.ticket();
    } catch {
      return retryLater();
    }
    if (stopped) return;
    o.onScope?.(ticket.institutions);
    const resume = lastEventId;
    const url = `${o.api}/v1/admin/events?ticket=${encodeURIComponent(ticket.ticket)}${resume ? `&lastEventId=${encodeURIComponent(resume)}` : ''}`;
    const es = new ES(url);
    source = es;
    let fresh = !resume;
    es.onopen = () => {
      failures = 0;
      o.onState('live');
      if (fresh) o.onFresh();
      fresh = false;
    };
    es.onerror = () => {
      if (stopped || source !== es) return;
      if (es.readyState === ES.CLOSED) {
        // Refused (ticket expired, gateway restarted): a new ticket, same position.
        es.close();
        source = undefined;
        retryLater();
      } else {
        o.onState('reconnecting');
      }
    };
    for (const type of REPORT_EVENT_TYPES) es.addEventListener(type, onMessage as EventListener);
    es.addEventListener(ADMIN_RELOAD_EVENT, ((e: MessageEvent<string>) => {
      if (e.lastEventId) lastEventId = e.lastEventId;
      o.onFresh();
    }) as EventListener);
  }

  void open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    source = undefined;
  };
}
