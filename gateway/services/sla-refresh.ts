/**
 * At start, the clocks of every open report are recomputed with this start's calendar: a
 * new LAPOR_HOLIDAYS file (or an upgrade that changed how deadlines are counted) must move
 * the deadlines already stored, so that what a report shows agrees with the calendar
 * served in GET /v1/config. Only rows whose clocks change are written; they are due for
 * the breach scheduler's next pass, which announces any breach the new calendar reveals.
 */
import type { Db } from '../db/index.js';
import type { ReportService } from './reports.js';
import { nextDueAt } from './sla.js';
import type { ReportRow } from './store.js';

export async function refreshOpenClocks(db: Db, reports: ReportService): Promise<number> {
  const at = reports.now().toISOString();
  let changed = 0;
  // One transaction: one write to disk however many reports move. Processes starting
  // together on one PostgreSQL take turns (the lock), so they cannot deadlock on the same
  // rows; the second then finds the clocks already moved and writes nothing.
  await db.transaction(async () => {
    await db.lock('refresh-clocks');
    // FOR UPDATE (PostgreSQL): a transition committed meanwhile on another process waits,
    // rather than having its clocks overwritten from the transitions read here.
    const open = await db.all<ReportRow>(
      `SELECT * FROM reports WHERE status NOT IN ('completed', 'archived') ORDER BY tracking_id${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    );
    for (const row of open) {
      const clocks = reports.recomputeClocks(row);
      const json = JSON.stringify(clocks);
      if (json === row.clocks_json) continue;
      await reports.store.updateClocks({ tracking_id: row.tracking_id, clocks_json: json, next_due_at: nextDueAt(clocks), next_check_at: at });
      changed++;
    }
  });
  return changed;
}
