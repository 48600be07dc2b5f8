/**
 * Reports saved on this device: the tracking number and access code a citizen got when
 * submitting (or typed to track), plus the latest snapshot so "Laporan saya" renders
 * instantly and offline. Its own IndexedDB database, `lapor-reports`, so it never has to
 * migrate together with the outbox. Every change is announced to this tab's listeners
 * and, through a BroadcastChannel, to the other tabs of the same origin.
 */
import type { DBSchema } from 'idb';
import type { Classification, Report, ReportStatus } from '../contract/index.js';
import { notifier, singleStore } from './idb-utils.js';

export interface SavedReport {
  trackingId: string;
  accessToken: string;
  /** Gateway base URL the report lives on (a device may know more than one gateway). */
  api: string;
  siteKey?: string;
  title: string;
  classification: Classification;
  status: ReportStatus;
  /** ISO instant the entry was first saved on this device. */
  savedAt: string;
  /** The latest report the device has seen from the gateway. */
  report?: Report;
  /** `updatedAt` of the snapshot the citizen last opened; newer snapshots count as unseen. */
  lastSeenUpdatedAt?: string;
  /**
   * `false`: sent from the outbox while the citizen was not looking (page closed, another
   * tab), so the access code has never been on screen. "Laporan saya" shows it and the
   * launcher's badge counts it until the citizen has seen it (`markCodeSeen`).
   */
  codeSeen?: boolean;
  /**
   * When the report went into this device's outbox (no connection, or the gateway down),
   * for a report sent from there: "Laporan saya" says when it was saved and when the
   * gateway received it (`report.createdAt`, where its clocks start), never a guess.
   */
  queuedAt?: string;
}

export type SavedReportInput = Omit<SavedReport, 'lastSeenUpdatedAt'> & { lastSeenUpdatedAt?: string };

export const SAVED_REPORTS_DB = 'lapor-reports';
const STORE = 'reports';
const CHANNEL = 'lapor-reports-change';

interface SavedSchema extends DBSchema {
  reports: { key: string; value: SavedReport };
}

const reports = singleStore<SavedSchema>(SAVED_REPORTS_DB, STORE, 'trackingId');
const db = reports.db;

/** Tests only: close the connection so that `deleteDB` is not blocked. */
export const closeSavedReports = reports.close;

// --- change notification ----------------------------------------------------

/** The message other tabs get: a fixed word, so that older tabs still understand it. */
const changes = notifier<'changed'>(CHANNEL);

function changed(): void {
  changes.changed('changed');
}

/** Called after every change in this tab or another one. Returns a function that stops listening. */
export function onSavedChange(cb: () => void): () => void {
  return changes.listen(() => cb());
}

// --- helpers ------------------------------------------------------------------

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/** Is `a` strictly later than `b`? An unknown `b` counts as earlier than anything. */
function later(a: string | undefined, b: string | undefined): boolean {
  const ta = time(a);
  if (Number.isNaN(ta)) return false;
  const tb = time(b);
  return Number.isNaN(tb) || ta > tb;
}

/** Drop keys whose value is `undefined`, so an upsert never erases what it was not given. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The snapshot is authoritative for title, classification and status once there is one. */
function withSnapshotFields(entry: SavedReport): SavedReport {
  const r = entry.report;
  return r ? { ...entry, title: r.title, classification: r.classification, status: r.status } : entry;
}

// --- API ------------------------------------------------------------------------

/**
 * Insert or update. Fields left `undefined` keep their stored value. A new entry with a
 * snapshot but no `lastSeenUpdatedAt` counts that snapshot as seen: the citizen is
 * looking at it as it is saved (right after submitting, or after tracking it).
 */
export async function saveReport(entry: SavedReportInput): Promise<void> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const existing = await tx.store.get(entry.trackingId);
  let next: SavedReport = { ...(existing ?? {}), ...(defined(entry) as SavedReport) };
  if (existing?.report && entry.report && later(existing.report.updatedAt, entry.report.updatedAt)) {
    next.report = existing.report; // never go back to an older snapshot
  }
  if (existing) next.savedAt = existing.savedAt;
  if (!next.lastSeenUpdatedAt && !existing && next.report) next.lastSeenUpdatedAt = next.report.updatedAt;
  next = withSnapshotFields(next);
  await tx.store.put(next);
  await tx.done;
  changed();
}

/** Every saved report, newest first by `savedAt`. */
export async function listSaved(): Promise<SavedReport[]> {
  const all = await (await db()).getAll(STORE);
  return all.sort((a, b) => time(b.savedAt) - time(a.savedAt));
}

export async function getSaved(trackingId: string): Promise<SavedReport | undefined> {
  return (await db()).get(STORE, trackingId);
}

export async function removeSaved(trackingId: string): Promise<void> {
  await (await db()).delete(STORE, trackingId);
  changed();
}

/**
 * Store the newest report the device has seen. Does nothing for a report that is not
 * saved on this device (viewing a report must not save it) or for a snapshot older than
 * the stored one (events can arrive after a fresher `getReport`).
 */
export async function updateSnapshot(trackingId: string, report: Report): Promise<void> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const existing = await tx.store.get(trackingId);
  if (!existing || (existing.report && !later(report.updatedAt, existing.report.updatedAt))) {
    await tx.done;
    return;
  }
  await tx.store.put(withSnapshotFields({ ...existing, report }));
  await tx.done;
  changed();
}

/** The citizen has seen the report as of `updatedAt`. Never moves backwards. */
export async function markSeen(trackingId: string, updatedAt: string): Promise<void> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const existing = await tx.store.get(trackingId);
  if (!existing || !later(updatedAt, existing.lastSeenUpdatedAt)) {
    await tx.done;
    return;
  }
  await tx.store.put({ ...existing, lastSeenUpdatedAt: updatedAt });
  await tx.done;
  changed();
}

/** The access code of a report sent from the outbox has been on screen. */
export async function markCodeSeen(trackingId: string): Promise<void> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const existing = await tx.store.get(trackingId);
  if (!existing || existing.codeSeen !== false) {
    await tx.done;
    return;
  }
  await tx.store.put({ ...existing, codeSeen: true });
  await tx.done;
  changed();
}

/** Is there a snapshot newer than the one the citizen last opened, or a code never shown? */
export function isUnseen(entry: SavedReport): boolean {
  return entry.codeSeen === false || (!!entry.report && later(entry.report.updatedAt, entry.lastSeenUpdatedAt));
}

/** How many saved reports changed since the citizen last opened them. */
export async function countUnseen(): Promise<number> {
  return (await listSaved()).filter(isUnseen).length;
}
