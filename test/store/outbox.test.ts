/** The outbox on its own: storage, draining with the entry's key, failures, one drain at a time. */
import { expect, waitUntil } from '@open-wc/testing';
import { deleteDB } from 'idb';
import type { ReportInput, SubmitResult } from '../../src/contract/index.js';
import { LaporHttpError, LaporNetworkError, LaporValidationError } from '../../src/sdk/errors/index.js';
import type { LaporClient } from '../../src/sdk/types.js';
import {
  OUTBOX_DB,
  OUTBOX_LOCK,
  closeOutbox,
  drainOutbox,
  enqueue,
  handleOutboxSync,
  isRetryable,
  listOutbox,
  onOutboxChange,
  onOutboxSent,
  removeFromOutbox,
  type OutboxEntry,
} from '../../src/store/outbox.js';
import { SAVED_REPORTS_DB, closeSavedReports, listSaved } from '../../src/store/saved-reports.js';
import { TOKEN_A, buildReport } from '../fixtures/report-fixtures.js';

const input: ReportInput = {
  classification: 'complaint',
  title: 'Jalan berlubang di depan Puskesmas',
  body: 'Sejak dua minggu lalu ada lubang besar di jalan depan puskesmas.',
  incidentDate: '2026-01-15',
  location: { text: 'Genteng' },
  attachmentIds: [],
};

let seq = 0;
function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  seq++;
  return {
    clientId: `client-${seq}`,
    idempotencyKey: `key-${seq}-${crypto.randomUUID()}`,
    api: 'https://gw.test',
    siteKey: 'demo-opd',
    input,
    attachments: [],
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    attempts: 0,
    ...overrides,
  };
}

const request = { method: 'POST', url: 'https://gw.test/v1/reports' };
const TRACKING = ['LPR-7K3M-Q9XD', 'LPR-8P4N-R2WE', 'LPR-9Q5P-S3XF'];

/** A scripted SDK client: records every call, fails as told. */
function stubClient(script: { submit?: (unknown | 'ok')[]; upload?: (unknown | 'ok')[] } = {}) {
  const calls = { submits: [] as { input: ReportInput; key?: string }[], uploads: [] as string[] };
  let n = 0;
  const client = {
    api: 'https://gw.test',
    siteKey: 'demo-opd',
    lang: 'id',
    async uploadAttachment(file: File) {
      calls.uploads.push(file.name);
      const next = script.upload?.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { id: `att-${calls.uploads.length}`, name: file.name, mime: 'application/pdf' as const, bytes: file.size };
    },
    async submitReport(i: ReportInput, o?: { idempotencyKey?: string }): Promise<SubmitResult> {
      calls.submits.push({ input: i, key: o?.idempotencyKey });
      const next = script.submit?.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      // A few ms on the wire, so that overlapping drains really overlap.
      await new Promise((r) => setTimeout(r, 5));
      const trackingId = TRACKING[n++ % TRACKING.length]!;
      return { trackingId, accessToken: TOKEN_A, report: buildReport({ trackingId, title: i.title }) };
    },
  } as unknown as LaporClient;
  return { client, calls };
}

describe('store: outbox', () => {
  beforeEach(async () => {
    await Promise.all([closeOutbox(), closeSavedReports()]);
    await Promise.all([deleteDB(OUTBOX_DB), deleteDB(SAVED_REPORTS_DB)]);
  });

  it('stores entries oldest first and announces changes', async () => {
    let changes = 0;
    const stop = onOutboxChange(() => changes++);
    const a = entry();
    const b = entry();
    await enqueue(b);
    await enqueue(a);
    expect((await listOutbox()).map((e) => e.clientId)).to.deep.equal([a.clientId, b.clientId]);
    await removeFromOutbox(a.clientId);
    expect((await listOutbox()).map((e) => e.clientId)).to.deep.equal([b.clientId]);
    stop();
    expect(changes).to.equal(3);
  });

  it('drains with each entry’s own Idempotency-Key, saves to my reports, then forgets the entry', async () => {
    const { client, calls } = stubClient();
    const a = entry();
    await enqueue(a);
    const heard: string[] = [];
    const stop = onOutboxSent((s) => heard.push(s.clientId));
    const result = await drainOutbox({ clientFor: () => client });
    stop();
    expect(calls.submits.map((s) => s.key)).to.deep.equal([a.idempotencyKey]);
    expect(result.sent.map((s) => s.clientId)).to.deep.equal([a.clientId]);
    expect(result.remaining).to.equal(0);
    expect(heard).to.deep.equal([a.clientId]);
    expect(await listOutbox()).to.deep.equal([]);
    const saved = await listSaved();
    expect(saved.map((s) => [s.trackingId, s.accessToken, s.api])).to.deep.equal([[TRACKING[0], TOKEN_A, 'https://gw.test']]);
  });

  it('a report sent from the outbox keeps when it was queued: "Laporan saya" says that, not a guess (issue 24)', async () => {
    const { client } = stubClient();
    const a = entry({ createdAt: '2026-12-07T00:30:00.000Z' });
    await enqueue(a);
    await drainOutbox({ clientFor: () => client });
    const [saved] = await listSaved();
    expect(saved!.queuedAt).to.equal('2026-12-07T00:30:00.000Z');
    expect(saved!.codeSeen).to.equal(false);
  });

  describe('handleOutboxSync (Background Sync in the site\'s service worker)', () => {
    /** A worker scope that records its `sync` listener; `fire` plays one sync event. */
    function scope() {
      let listener: ((e: { tag: string; waitUntil(p: Promise<unknown>): void }) => void) | undefined;
      return {
        addEventListener: (type: string, fn: typeof listener) => {
          if (type === 'sync') listener = fn;
        },
        fire(tag: string): Promise<unknown> | undefined {
          let waited: Promise<unknown> | undefined;
          listener!({ tag, waitUntil: (p) => (waited = p) });
          return waited;
        },
      };
    }

    it('sends the outbox on its tag (and ignores other tags)', async () => {
      const { client, calls } = stubClient();
      const s = scope();
      handleOutboxSync(s, { clientFor: () => client });
      await enqueue(entry());
      expect(s.fire('something-else')).to.equal(undefined);
      await s.fire('lapor-outbox');
      expect(calls.submits).to.have.length(1);
      expect(await listOutbox()).to.deep.equal([]);
    });

    it('still no network: rejects, so the browser tries the sync again later', async () => {
      const { client } = stubClient({ submit: [new LaporNetworkError('Tidak dapat terhubung.', { request })] });
      const s = scope();
      handleOutboxSync(s, { clientFor: () => client });
      await enqueue(entry());
      let failed = false;
      await s.fire('lapor-outbox')!.catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect(await listOutbox()).to.have.length(1);
    });

    it('a refused report (4xx) resolves: retrying would fail the same way; it waits for the citizen', async () => {
      const refused = new LaporHttpError('Kunci situs tidak dikenal.', { code: 'site_key_invalid', status: 403, body: undefined, request });
      const { client } = stubClient({ submit: [refused] });
      const s = scope();
      handleOutboxSync(s, { clientFor: () => client });
      await enqueue(entry());
      await s.fire('lapor-outbox');
      expect(await listOutbox()).to.have.length(1);
    });
  });

  it('a network failure keeps the entry, counts the attempt and stops (the rest would fail too)', async () => {
    const offline = new LaporNetworkError('Tidak dapat terhubung.', { request });
    const { client, calls } = stubClient({ submit: [offline] });
    const a = entry();
    const b = entry();
    await enqueue(a);
    await enqueue(b);
    const result = await drainOutbox({ clientFor: () => client });
    expect(calls.submits).to.have.length(1);
    expect(result.remaining).to.equal(2);
    const [stillA] = await listOutbox();
    expect(stillA).to.include({ clientId: a.clientId, attempts: 1, lastError: 'Tidak dapat terhubung.' });
    // Next time it works, with the same key.
    await drainOutbox({ clientFor: () => client });
    expect(calls.submits.map((s) => s.key)).to.deep.equal([a.idempotencyKey, a.idempotencyKey, b.idempotencyKey]);
    expect(await listOutbox()).to.deep.equal([]);
  });

  it('a refused entry (4xx) stays for the citizen but does not block the others', async () => {
    const refused = new LaporValidationError('Ada isian yang perlu diperbaiki.', {
      status: 422,
      fields: [{ path: 'title', code: 'invalid', message: 'Judul laporan tidak valid.' }],
    });
    const { client } = stubClient({ submit: [refused] });
    const a = entry();
    const b = entry();
    await enqueue(a);
    await enqueue(b);
    const result = await drainOutbox({ clientFor: () => client });
    expect(result.sent.map((s) => s.clientId)).to.deep.equal([b.clientId]);
    expect((await listOutbox()).map((e) => [e.clientId, e.attempts])).to.deep.equal([[a.clientId, 1]]);
  });

  it('uploads pending files first and never twice, even when the submit fails after them', async () => {
    const { client, calls } = stubClient({ submit: [new LaporHttpError('x', { code: 'internal', status: 503, body: undefined, request })] });
    const a = entry({
      input: { ...input, attachmentIds: ['att-already'] },
      attachments: [
        { name: 'a.pdf', mime: 'application/pdf', blob: new Blob(['%PDF-1']) },
        { name: 'b.pdf', mime: 'application/pdf', blob: new Blob(['%PDF-2']) },
      ],
    });
    await enqueue(a);
    await drainOutbox({ clientFor: () => client });
    const [kept] = await listOutbox();
    expect(kept!.attachments).to.deep.equal([]);
    expect(kept!.input.attachmentIds).to.deep.equal(['att-already', 'att-1', 'att-2']);
    await drainOutbox({ clientFor: () => client });
    expect(calls.uploads).to.deep.equal(['a.pdf', 'b.pdf']);
    expect(calls.submits.map((s) => s.input.attachmentIds)).to.deep.equal([
      ['att-already', 'att-1', 'att-2'],
      ['att-already', 'att-1', 'att-2'],
    ]);
  });

  it('overlapping drains in one tab send each entry once', async () => {
    const { client, calls } = stubClient();
    await enqueue(entry());
    await enqueue(entry());
    const runs = await Promise.all([1, 2, 3, 4].map(() => drainOutbox({ clientFor: () => client })));
    expect(calls.submits).to.have.length(2);
    expect(runs.flatMap((r) => r.sent)).to.have.length(2);
  });

  it('waits while another tab holds the drain lock, then sends what is left', async () => {
    const { client, calls } = stubClient();
    await enqueue(entry());
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let acquired!: () => void;
    const isHeld = new Promise<void>((r) => (acquired = r));
    // The "other tab": Web Locks are per origin, so a lock held here blocks like one held there.
    const other = navigator.locks.request(OUTBOX_LOCK, () => {
      acquired();
      return held;
    });
    await isHeld;
    const drain = drainOutbox({ clientFor: () => client });
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.submits).to.have.length(0);
    release();
    await other;
    await drain;
    expect(calls.submits).to.have.length(1);
  });

  it('says which failures are worth retrying', () => {
    expect(isRetryable(new LaporNetworkError('x', { request }))).to.equal(true);
    expect(isRetryable(new LaporHttpError('x', { code: 'internal', status: 500, body: undefined, request }))).to.equal(true);
    expect(isRetryable(new LaporHttpError('x', { code: 'rate_limited', status: 429, body: undefined, request }))).to.equal(true);
    expect(isRetryable(new LaporHttpError('x', { code: 'conflict', status: 409, body: undefined, request }))).to.equal(false);
    expect(isRetryable(new LaporValidationError('x', { fields: [] }))).to.equal(false);
    expect(isRetryable(new Error('x'))).to.equal(false);
  });

  it('tells other tabs about changes through a BroadcastChannel', async () => {
    const other = new BroadcastChannel('lapor-outbox-change');
    const messages: unknown[] = [];
    other.onmessage = (e) => messages.push(e.data);
    await enqueue(entry());
    await waitUntil(() => messages.length > 0, 'broadcast heard');
    other.close();
    expect(messages[0]).to.deep.equal({ type: 'changed' });
  });
});

describe('store: outbox off the page', () => {
  beforeEach(async () => {
    await Promise.all([closeOutbox(), closeSavedReports()]);
    await Promise.all([deleteDB(OUTBOX_DB), deleteDB(SAVED_REPORTS_DB)]);
  });

  it('drains from a worker (as a service worker’s sync handler would), with the entry’s key', async () => {
    const a = entry({ attachments: [{ name: 'a.pdf', mime: 'application/pdf', blob: new Blob(['%PDF-1']) }] });
    await enqueue(a);
    await closeOutbox(); // let the worker open the database on its own
    const worker = new Worker(new URL('./outbox-worker-entry.ts', import.meta.url), { type: 'module' });
    const answer = new Promise<{ ok: boolean; sent?: string[]; keys?: string[]; hasDocument?: boolean; error?: string }>(
      (resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
      },
    );
    worker.postMessage('drain');
    const result = await answer;
    worker.terminate();
    expect(result.error).to.equal(undefined);
    expect(result).to.deep.include({ ok: true, sent: [a.clientId], keys: [a.idempotencyKey], hasDocument: false });
    expect(await listOutbox()).to.deep.equal([]);
    expect((await listSaved()).map((s) => s.trackingId)).to.deep.equal(['LPR-7K3M-Q9XD']);
  });
});
