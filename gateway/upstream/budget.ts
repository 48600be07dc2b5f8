/**
 * Politeness towards LAPOR!: one token bucket for every request the gateway makes
 * (creates, pushes and polls together), and a pause when LAPOR! answers 429. Time comes
 * from the gateway's clock so tests can move it.
 */
import { UpstreamError } from './adapter.js';
import type { RequestGate } from './lapor-adapter.js';

export interface BudgetOptions {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Requests added per minute. */
  perMinute: number;
}

export const DEFAULT_BUDGET: BudgetOptions = { capacity: 30, perMinute: 60 };

export class RequestBudget implements RequestGate {
  private tokens: number;
  private last: number;
  /** Epoch ms until which nothing is sent (429 / Retry-After). */
  pausedUntil = 0;
  /** Requests taken since start (operator view). */
  sent = 0;

  constructor(
    private readonly opts: BudgetOptions,
    private readonly now: () => number,
  ) {
    this.tokens = opts.capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.opts.capacity, this.tokens + ((t - this.last) / 60_000) * this.opts.perMinute);
    this.last = t;
  }

  /** Whether a request could go out now (without taking it). */
  get open(): boolean {
    return this.available >= 1;
  }

  /** Requests that could go out now (the forwarder starts no more reports than this). */
  get available(): number {
    this.refill();
    return this.now() < this.pausedUntil ? 0 : Math.floor(this.tokens);
  }

  take(): void {
    // `local`: our own pacing said no, LAPOR! was not asked (it is not "unreachable").
    if (this.now() < this.pausedUntil) throw new UpstreamError(`paused after 429 until ${new Date(this.pausedUntil).toISOString()}`, 'unsent', { local: true });
    this.refill();
    if (this.tokens < 1) throw new UpstreamError('request budget spent for now', 'unsent', { local: true });
    this.tokens -= 1;
    this.sent++;
  }

  throttled(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
