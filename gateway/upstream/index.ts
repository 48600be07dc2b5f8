/** Wires the LAPOR! side of the gateway: budget → HTTP adapter → forwarder. */
import type { Db } from '../db/index.js';
import type { UpstreamOptions } from '../options.js';
import type { ReportService } from '../services/reports.js';
import { DEFAULT_BUDGET, RequestBudget } from './budget.js';
import { DEFAULT_CONCURRENCY, Forwarder } from './forwarder.js';
import { LaporHttpAdapter } from './lapor-adapter.js';

/** `regency`: the reference data's regency name, which LAPOR!'s institution names carry. */
export function createForwarder(db: Db, reports: ReportService, opts: UpstreamOptions, regency: string, logErrors: boolean): Forwarder {
  const log = logErrors ? (line: string) => console.warn(line) : () => {};
  const budget = new RequestBudget(opts.budget ?? DEFAULT_BUDGET, () => reports.now().getTime());
  const adapter = new LaporHttpAdapter(
    {
      url: opts.url,
      auth: opts.auth,
      token: opts.token,
      authHeader: opts.authHeader,
      timeoutMs: opts.timeoutMs,
      createTimeoutMs: opts.createTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs,
      maxAnswerBytes: opts.maxAnswerBytes,
      sockets: opts.concurrency ?? DEFAULT_CONCURRENCY,
    },
    budget,
    log,
  );
  return new Forwarder(db, reports, adapter, opts, budget, regency, log);
}
