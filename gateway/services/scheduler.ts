/**
 * Marks running clocks that are past due as breached and announces each breach once, and
 * fires the escalation steps that are due (issue 28, escalation/service.ts).
 * Only reports whose `next_check_at` has passed are looked at (indexed), so a tick costs
 * nothing when nothing is due. "Once per clock" is a row in `breaches` (ON CONFLICT DO
 * NOTHING), which also holds across restarts and across processes.
 *
 * One process runs it (gateway.ts: `db.leader('scheduler', start, stop)`); `tick()` itself
 * is safe to run anywhere (tests call it directly).
 */
import type { Clock } from '../../src/contract/index.js';
import type { Db } from '../db/index.js';
import type { LoggedEvent } from './events.js';
import type { ReportService } from './reports.js';
import { nextDueAt } from './sla.js';
import type { ReportRow } from './store.js';

export class BreachScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** The pass under way, so a slow one is never overlapped by the next. */
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly reports: ReportService,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Tick every intervalMs (0: never; tests call tick()). */
  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.tick().catch(this.onError);
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; resolves to how many breaches were announced. */
  tick(): Promise<number> {
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = undefined;
    });
    this.running = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    const now = this.reports.now();
    const at = now.toISOString();
    let announced = 0;
    const due = await this.db.all<ReportRow>('SELECT * FROM reports WHERE next_check_at IS NOT NULL AND next_check_at <= ? LIMIT 500', [at]);
    for (const stale of due) {
      await this.reports.commit(async () => {
        // Read again inside the transaction: a transition may have moved it meanwhile.
        const row = await this.reports.store.reportForUpdate(stale.tracking_id);
        if (!row) return { events: [] };
        const clocks: Clock[] = this.reports.recomputeClocks(row);
        await this.reports.store.updateClocks({
          tracking_id: row.tracking_id,
          clocks_json: JSON.stringify(clocks),
          next_due_at: nextDueAt(clocks),
          // Issue 28: or the next escalation step after this pass, which fires those due now.
          next_check_at: this.reports.checkAt(row.institution_id, clocks, now.getTime()),
        });
        await this.reports.escalations?.fire(row, clocks, now);
        const events: LoggedEvent[] = await this.reports.announceBreaches(row.tracking_id, clocks, at);
        announced += events.length;
        return { events };
      });
    }
    await this.reports.idempotency.purge();
    return announced;
  }
}
