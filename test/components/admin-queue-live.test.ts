/**
 * Issue 23: past its replay horizon the gateway no longer replays thousands of events to a
 * console that comes back from a long gap; it sends `event: admin.reload` with the
 * stream's position. The console's live connection (admin-queue/live.ts) must reload the
 * queue then, and resume from that position afterwards, not from the old one.
 */
import { expect } from '@open-wc/testing';
import { ADMIN_RELOAD_EVENT, type AdminReload } from '../../src/contract/admin.js';
import { connectLive, type LiveState } from '../../src/components/admin-queue/live.js';

/** An EventSource stand-in: records what was opened and lets the test dispatch events. */
class FakeSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeSource[] = [];
  readyState = FakeSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeSource.opened.push(this);
  }
  open(): void {
    this.readyState = FakeSource.OPEN;
    this.onopen?.();
  }
  emit(type: string, data: unknown, lastEventId: string): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }
  /** The gateway refused or went away: EventSource gives up, the console asks for a new ticket. */
  fail(): void {
    this.readyState = FakeSource.CLOSED;
    this.onerror?.();
  }
  close(): void {
    this.readyState = FakeSource.CLOSED;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('admin queue live connection: admin.reload', () => {
  beforeEach(() => (FakeSource.opened = []));

  it('reloads the queue on admin.reload and resumes from the position it carries', async () => {
    let fresh = 0;
    const states: LiveState[] = [];
    const stop = connectLive({
      api: 'https://gw.test',
      ticket: async () => ({ ticket: 'admin-ticket-0123456789abcdef', expiresAt: new Date(Date.now() + 600_000).toISOString(), institutions: ['kec-genteng'] }),
      onEvent: () => undefined,
      onState: (s) => states.push(s),
      onFresh: () => fresh++,
      EventSource: FakeSource as unknown as typeof EventSource,
    });
    try {
      await settle();
      const first = FakeSource.opened[0]!;
      first.open();
      expect(fresh).to.equal(1, 'a stream opened without a position loads the queue');
      const reload: AdminReload = { id: '5000-212', reason: 'horizon' };
      first.emit(ADMIN_RELOAD_EVENT, reload, reload.id);
      expect(fresh).to.equal(2, 'admin.reload loads the queue again');
      // The next connection resumes from the reload's position.
      first.fail();
      await new Promise((r) => setTimeout(r, 1100));
      const second = FakeSource.opened[1]!;
      expect(new URL(second.url).searchParams.get('lastEventId')).to.equal('5000-212');
      second.open();
      expect(fresh).to.equal(2, 'a resumed stream does not reload');
      expect(states).to.include('reconnecting');
    } finally {
      stop();
    }
  });
});
