/**
 * Marks running clocks that are past due as breached and announces each breach once.
 * Only reports whose `next_check_at` has passed are looked at (indexed), so a tick costs
 * nothing when nothing is due. "Once per clock" is a row in `breaches` (INSERT OR IGNORE),
 * which also holds across restarts.
 */
import type { Clock } from '../../src/contract/index.js';
import type { Db } from '../db.js';
import type { LoggedEvent } from './events.js';
import type { ReportService } from './reports.js';
import { nextCheckAt, nextDueAt } from './sla.js';
import type { ReportRow } from './store.js';

export class BreachScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly due;

  constructor(
    db: Db,
    private readonly reports: ReportService,
    intervalMs: number,
  ) {
    this.due = db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE next_check_at IS NOT NULL AND next_check_at <= ? LIMIT 500');
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.tick(), intervalMs);
      this.timer.unref();
    }
  }

  /** One pass; returns how many breaches were announced. */
  tick(): number {
    const now = this.reports.now();
    const at = now.toISOString();
    let announced = 0;
    for (const row of this.due.all(at)) {
      this.reports.commit(() => {
        const clocks: Clock[] = this.reports.recomputeClocks(row);
        this.reports.store.q.updateClocks.run({
          tracking_id: row.tracking_id,
          clocks_json: JSON.stringify(clocks),
          next_due_at: nextDueAt(clocks),
          next_check_at: nextCheckAt(clocks),
        });
        const events: LoggedEvent[] = this.reports.announceBreaches(row.tracking_id, clocks, at);
        announced += events.length;
        return { events };
      });
    }
    this.reports.idempotency.purge();
    return announced;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
