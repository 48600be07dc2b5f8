/**
 * Bring the device's saved reports up to date with one `getReport` each (the most
 * recently saved first, a bounded number): on opening "Laporan saya", on reconnecting,
 * and when the widget loads, so that a status changed while the citizen was away shows
 * as a badge before anything is opened. Failures (offline, a removed report) leave the
 * stored snapshot as it was: the list keeps working from the device.
 */
import type { LaporClient } from '../../sdk/types.js';
import { listSaved, updateSnapshot, type SavedReport } from '../../store/saved-reports.js';

/** Enough for every realistic device; a runaway list must not become a request storm. */
export const REFRESH_LIMIT = 20;

export async function refreshSaved(clientFor: (entry: SavedReport) => LaporClient | undefined): Promise<number> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return 0;
  const saved = (await listSaved()).slice(0, REFRESH_LIMIT);
  let updated = 0;
  // One after another: a phone on 3G, and the gateway's read limit per client.
  for (const entry of saved) {
    const client = clientFor(entry);
    if (!client) continue;
    try {
      await updateSnapshot(entry.trackingId, await client.getReport(entry.trackingId, entry.accessToken));
      updated++;
    } catch {
      // Offline now, the gateway down, or the report gone: keep what the device has.
    }
  }
  return updated;
}
