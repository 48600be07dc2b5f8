/**
 * Worker thread of gateway/db/checkpointer.ts: its own connection to the gateway's SQLite
 * file, running a PASSIVE checkpoint (copy the WAL back into the database file, fsync
 * both) each time the main thread asks. PASSIVE never waits for and never blocks the
 * main thread's writer: WAL mode lets one checkpointer and one writer work side by side.
 *
 * Plain JavaScript: Node 20 does not run a worker through the TypeScript loader (tsx)
 * its parent was started with.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const db = new Database(/** @type {{ path: string }} */ (workerData).path);
db.pragma('busy_timeout = 0');
// The checkpoint fsyncs the WAL before copying it and the database file after.
db.pragma('synchronous = FULL');

port.on('message', (/** @type {'checkpoint' | 'close'} */ message) => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    const [result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
    port.postMessage({ ok: true, ...result });
  } catch (error) {
    port.postMessage({ ok: false, message: /** @type {Error} */ (error).message });
  }
});
