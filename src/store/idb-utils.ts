/**
 * Small shared plumbing for the device stores (drafts, outbox, saved reports): one IndexedDB database
 * with one object store, opened lazily and closed when someone else (another tab's
 * upgrade, a test's `deleteDB`) needs it; and a change notifier that reaches this tab's
 * listeners directly and the other tabs through a BroadcastChannel.
 *
 * `idb` is imported on the first open, not with this module: the form and the launcher
 * import the stores in the first download, yet nothing on the first screen waits for
 * IndexedDB (a draft is offered, and the outbox counted, once it answers), so its
 * wrapper arrives just after, in a chunk of its own (issue 27).
 */
import type { IDBPDatabase } from 'idb';

/** `S` is an optional idb `DBSchema` for callers that want typed access to their store. */
export interface SingleStore<S = unknown> {
  /** The open database (reopened after it was closed for someone else). */
  db(): Promise<IDBPDatabase<S>>;
  /** Close the connection so that `deleteDB` is not blocked (tests, teardown). */
  close(): Promise<void>;
  readonly store: string;
}

export function singleStore<S = unknown>(name: string, store: string, keyPath: string): SingleStore<S> {
  let pending: Promise<IDBPDatabase<S>> | undefined;
  const db = (): Promise<IDBPDatabase<S>> => {
    // Opened untyped: a generic schema cannot prove `store` is one of its names; the
    // caller's `S` describes the one store this function creates.
    pending ??= (import('idb').then(({ openDB }) => openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(store, { keyPath });
      },
      // Someone wants a newer version or to delete it: step aside, reopen on next use.
      blocking(_current, _blocked, event) {
        (event.target as IDBDatabase).close();
        pending = undefined;
      },
      terminated() {
        pending = undefined;
      },
    })) as unknown as Promise<IDBPDatabase<S>>).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  const close = async (): Promise<void> => {
    const current = pending;
    pending = undefined;
    if (current) (await current.catch(() => undefined))?.close();
  };
  return { db, close, store };
}

export interface Notifier<T = void> {
  /** Tell this tab's listeners and the other tabs that something changed. */
  changed(detail: T): void;
  /** Listen to changes from this tab and the others. Returns a function that stops. */
  listen(cb: (detail: T) => void): () => void;
}

/** `detail` must survive structured cloning (it crosses tabs). */
export function notifier<T = void>(channelName: string): Notifier<T> {
  const listeners = new Set<(detail: T) => void>();
  let channel: BroadcastChannel | undefined;
  const local = (detail: T): void => {
    for (const listener of [...listeners]) {
      try {
        listener(detail);
      } catch (error) {
        // A broken listener must not keep the others from hearing about the change.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
  const ensure = (): void => {
    if (channel || typeof BroadcastChannel === 'undefined') return;
    channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent) => local(event.data as T);
  };
  return {
    changed(detail) {
      local(detail);
      ensure();
      // A channel never hears itself, so this tab is not told twice.
      channel?.postMessage(detail);
    },
    listen(cb) {
      ensure();
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
  };
}
