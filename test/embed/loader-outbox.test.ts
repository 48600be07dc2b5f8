/**
 * Issue 24, "the outbox sends itself": the loader, run from source as pasted, looks in
 * this device's outbox (IndexedDB `lapor-outbox`) at once, without idb and without
 * creating the database, and fetches the network layer alone (lapor-outbox.js, a fake
 * here) when reports wait, whatever `data-load` says; it leaves the count on
 * `LaporWidget.c.queued` for the launcher. With `data-outbox-worker` it registers the
 * site's service worker (Background Sync) through its Trusted Types policy.
 */
import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import type { LaporWidgetFunction } from '../../src/embed/protocol.js';
import { OUTBOX_DB, closeOutbox, enqueue } from '../../src/store/outbox-queue.js';
import { until } from '../fixtures/fake-gateway.js';

const LOADER = new URL('./fixtures/lapor-embed.ts', import.meta.url).href;
const OUTBOX = new URL('./fixtures/lapor-outbox.js', import.meta.url).href;
const WORKER = new URL('./fixtures/outbox-sw.js', import.meta.url).href;

let added: Element[] = [];
const lw = () => window.LaporWidget as LaporWidgetFunction;
const outboxScripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].filter((s) => s.src === OUTBOX);
const runs = () => (window as unknown as { __fakeOutboxRuns?: number }).__fakeOutboxRuns ?? 0;

function paste(data: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    for (const [key, value] of Object.entries(data)) script.dataset[key] = value;
    script.src = `${LOADER}?paste=${Math.random()}`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('loader did not load'));
    document.head.append(script);
    added.push(script);
  });
}

async function queueOne(): Promise<void> {
  await enqueue({
    clientId: 'client-queued',
    idempotencyKey: 'idem-queued-0001',
    api: 'https://gw.test',
    siteKey: 'demo-opd',
    input: { classification: 'aspiration', title: 'Usul taman bermain di kelurahan', body: 'Mohon dibangun taman bermain anak di lahan kosong dekat balai kelurahan.', location: { text: 'Kelurahan Penganjuran' } },
    attachments: [],
    createdAt: new Date().toISOString(),
    attempts: 1,
  });
  await closeOutbox(); // the loader opens the database on its own, as on a fresh page
}

async function outboxExists(): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === OUTBOX_DB);
}

beforeEach(async () => {
  await closeOutbox();
  await deleteDB(OUTBOX_DB);
});

afterEach(async () => {
  window.dispatchEvent(new KeyboardEvent('keydown'));
  for (const el of [...added, ...outboxScripts(), ...document.querySelectorAll('script[type="module"]')]) el.remove();
  added = [];
  delete window.LaporWidget;
  await closeOutbox();
});

describe('embed loader: queued reports', () => {
  it('fetches the network layer at once when a report waits, even with data-load="interaction", and counts it', async () => {
    await queueOne();
    const before = runs();
    await paste({ load: 'interaction' });
    await until(() => expect(lw().c!.queued).to.equal(1));
    await until(() => expect(runs()).to.equal(before + 1));
    expect(outboxScripts()).to.have.length(1);
    expect(outboxScripts()[0]!.type).to.equal('module');
    // Only the network layer: the widget bundle still waits for the first interaction.
    expect([...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].some((s) => s.src.endsWith('/lapor-widget.js'))).to.equal(false);
  });

  it('with no outbox database: fetches nothing and does not create one', async () => {
    await paste({ load: 'interaction' });
    await new Promise((r) => setTimeout(r, 300));
    expect(outboxScripts()).to.have.length(0);
    expect(await outboxExists(), 'a page without queued work leaves no database behind').to.equal(false);
    expect(lw().c!.queued).to.equal(undefined);
  });

  it('with an empty outbox: fetches nothing, counts 0', async () => {
    await queueOne();
    const { removeFromOutbox } = await import('../../src/store/outbox-queue.js');
    await removeFromOutbox('client-queued');
    await closeOutbox();
    await paste({ load: 'interaction' });
    await until(() => expect(lw().c!.queued).to.equal(0));
    expect(outboxScripts()).to.have.length(0);
  });

  it('data-outbox-worker registers that service worker (Background Sync), nothing without it', async () => {
    await paste({ load: 'interaction', outboxWorker: WORKER });
    const scope = new URL('./fixtures/', import.meta.url).href;
    let registration: ServiceWorkerRegistration | undefined;
    await until(async () => {
      registration = await navigator.serviceWorker.getRegistration(scope);
      expect(registration?.active?.scriptURL ?? registration?.installing?.scriptURL ?? registration?.waiting?.scriptURL).to.equal(WORKER);
    }, 5000);
    await registration!.unregister();
  });
});
