/**
 * The gateway's working calendar (`GET /v1/config` → `calendar`), fetched once per client
 * for the countdowns, so they count working days and mark provisional years exactly as
 * the gateway computed the deadlines. Until it arrives, or if the gateway cannot give
 * it, the countdowns use the holidays bundled with them.
 */
import type { Clock, SlaCalendar } from '../../contract/sla.js';
import type { LaporClient } from '../../sdk/types.js';

export class ServedCalendars {
  readonly #byClient = new WeakMap<LaporClient, SlaCalendar | null>();

  /** `arrived` is called when a calendar comes in (re-render the countdowns). */
  constructor(private readonly arrived: () => void) {}

  /**
   * The calendar for these clocks, asked for only when one of them still counts working
   * days (running or paused): a closed report costs no request.
   */
  get(client: LaporClient | undefined, clocks: readonly Clock[]): SlaCalendar | undefined {
    if (!client) return undefined;
    const counting = clocks.some((c) => c.limit.unit !== 'hours' && (c.state === 'paused' || !c.stoppedAt));
    if (counting && !this.#byClient.has(client)) {
      this.#byClient.set(client, null);
      client.getConfig().then(
        (config) => {
          if (!config.calendar) return;
          this.#byClient.set(client, config.calendar);
          this.arrived();
        },
        () => {}, // the bundled holidays stand in; the report itself is what matters here
      );
    }
    return this.#byClient.get(client) ?? undefined;
  }
}
