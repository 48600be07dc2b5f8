/**
 * Several gateway processes, one sender (issue 18): the worker runs under `db.leader`.
 * A holder that loses the lead while a send is in flight must not undo what the process
 * that took over did since, and must claim nothing more; the message in flight may go
 * twice (the at-least-once window), nothing else. Two workers on one database stand in
 * for the two processes: the gateway's own (the old holder) and a second one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startGateway, validReport, type TestGateway } from './helpers.js';
import { startWhatsApp } from './notify-helpers.js';
import { whatsappSender } from '../../gateway/notify/senders.js';
import { NotifyWorker } from '../../gateway/notify/worker.js';

const TOKEN = 'takeover-token';
const PHONE_ID = '1065';

describe('notifications: the sender changes hands mid-send', () => {
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let g: TestGateway;
  let next: NotifyWorker | undefined;
  before(async () => {
    // The first call is held: the provider has it, the old holder waits for the answer.
    wa = await startWhatsApp({ hold: (n) => n === 1 });
    g = await startGateway({ notify: { whatsappUrl: wa.url, whatsappToken: TOKEN, whatsappPhoneId: PHONE_ID, intervalMs: 0 } });
  });
  after(async () => {
    wa.release(200);
    await next?.close();
    await g.close();
    await wa.close();
  });

  const row = (trackingId: string) =>
    g.gw.services.db.get<{ state: string; attempts: number; last_error: string | null }>(
      'SELECT state, attempts, last_error FROM notifications WHERE tracking_id = ?',
      [trackingId],
    );
  const callsFor = (trackingId: string) => wa.calls.filter((c) => c.body.template.components[0].parameters[0].text === trackingId);

  it('the new holder resends the one in flight; the old one neither overwrites it nor claims more', async () => {
    const first = await g.create(validReport({ reporter: { phone: '081234567890' }, notify: ['whatsapp'] }));
    await eventually(() => wa.calls.length === 1);
    assert.deepEqual({ ...(await row(first.trackingId)) }, { state: 'sending', attempts: 1, last_error: null });

    // The old holder loses the lead (its send still in flight); another process takes over.
    const old = g.gw.notifications.worker;
    const stopped = old.stop();
    next = new NotifyWorker(
      g.gw.services.db,
      { whatsapp: whatsappSender(wa.url, TOKEN, PHONE_ID) },
      g.gw.notifications.tokens,
      () => g.url,
      () => new Date(),
      { intervalMs: 0, maxAttempts: 8, backoffMs: 60_000, leaseMs: 300_000 },
      false,
    );
    next.start();
    assert.equal(await next.drain(), 1, 'the row left sending is sent again by the new holder');
    assert.deepEqual({ ...(await row(first.trackingId)) }, { state: 'sent', attempts: 2, last_error: null });

    // Queued now: only the new holder sends it (the old one's kick does nothing). Which of
    // the new holder's passes takes it is not this test's business: start()'s own kick
    // runs a pass after the one awaited above, and on PostgreSQL under load that pass can
    // still be looking when this report commits: it sends the message and the drain below
    // finds nothing (CI failed so; every query made 60 ms slow reproduces it). After the
    // drain, every pass that could have missed the report has run.
    const second = await g.create(validReport({ reporter: { phone: '081234567891' }, notify: ['whatsapp'] }));
    assert.equal(await old.drain(), 0);
    await next.drain();
    assert.deepEqual({ ...(await row(second.trackingId)) }, { state: 'sent', attempts: 1, last_error: null });

    // The old holder's provider finally refuses: recording that would mark a sent message
    // failed. Its claim (attempt 1) is gone, so nothing changes.
    wa.release(400);
    await stopped;
    assert.deepEqual({ ...(await row(first.trackingId)) }, { state: 'sent', attempts: 2, last_error: null });
    assert.equal(callsFor(first.trackingId).length, 2, 'the message in flight went twice: the at-least-once window');
    assert.equal(callsFor(second.trackingId).length, 1);
    assert.equal(wa.calls.length, 3);
  });
});

describe('notifications: a message queued on a process that does not send', () => {
  const onPostgres = !!process.env.LAPOR_TEST_DATABASE_URL;
  let wa: Awaited<ReturnType<typeof startWhatsApp>>;
  let sender: TestGateway;
  let other: TestGateway;
  before(async () => {
    if (!onPostgres) return;
    wa = await startWhatsApp({});
    // No timer (intervalMs 0): only a wake-up can make the sender send.
    const notify = { whatsappUrl: wa.url, whatsappToken: TOKEN, whatsappPhoneId: PHONE_ID, intervalMs: 0 };
    sender = await startGateway({ notify, leaderRetryMs: 50 });
    await eventually(() => sender.gw.notifications.worker.isActive);
    other = await startGateway({ notify, leaderRetryMs: 50, databaseUrl: sender.options.databaseUrl, dataDir: sender.dir });
  });
  after(async () => {
    if (!onPostgres) return;
    await other.close();
    await sender.close();
    await wa.close();
  });

  it('wakes the sending process at commit (PostgreSQL NOTIFY), not at its next timer', { skip: !onPostgres && 'PostgreSQL only (LAPOR_TEST_DATABASE_URL)' }, async () => {
    assert.equal(other.gw.notifications.worker.isActive, false, 'the second process does not hold the lead');
    const r = await other.create(validReport({ reporter: { phone: '081234567892' }, notify: ['whatsapp'] }));
    await eventually(() => wa.calls.some((c) => c.body.template.components[0].parameters[0].text === r.trackingId));
  });
});
