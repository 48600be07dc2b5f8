/**
 * The gateway's clock, estimated from the stamps on its answers the way NTP's clock
 * filter does it: an answer stamped somewhere between sending and receiving says the
 * offset within ± half its round trip, so the answer with the shortest round trip is the
 * one to believe. Taking every latest answer instead made a countdown jump by up to half
 * of any slow round trip (a 2.4 s answer on a loaded phone moved it by 1.2 s).
 *
 * Two rules keep the estimate from going stale:
 * - a kept sample's doubt grows by 1 ms per second of age, well above a quartz clock's
 *   drift (≤ 0.1 ms/s), so a fresh answer replaces an old one before the old one could be
 *   wrong by more than it claims;
 * - an answer that cannot agree with the kept one (their ranges do not overlap) means a
 *   clock was set since, the device's or the gateway's: it is taken at once.
 */
export interface ClockOffset {
  /** Gateway clock minus device clock, in ms (0 until an answer is stamped). */
  readonly ms: number;
  /**
   * One stamped answer: `stamp` is the gateway's time (ms since the epoch), `resolutionMs`
   * its precision (1,000 for an HTTP `Date` header, which drops the milliseconds).
   */
  sample(stamp: number, sentAt: number, receivedAt: number, resolutionMs: number): void;
}

/** Doubt added per ms of a kept sample's age (1 ms per second). */
const AGEING = 0.001;

/** A closure, not a class: minifiers shorten its locals, never `#private` names. */
export function clockOffset(now: () => number = Date.now): ClockOffset {
  let ms = 0;
  let doubt = Infinity;
  let at = 0;
  return {
    get ms() {
      return ms;
    },
    sample(stamp, sentAt, receivedAt, resolutionMs) {
      // A truncated stamp lies anywhere in [stamp, stamp + resolution): its middle is the guess.
      const offset = stamp + resolutionMs / 2 - (sentAt + receivedAt) / 2;
      const newDoubt = (receivedAt - sentAt) / 2 + resolutionMs / 2;
      // max(0): a device clock set back must not make the kept sample look surer.
      const keptDoubt = doubt + Math.max(0, now() - at) * AGEING;
      const disagrees = Math.abs(offset - ms) > newDoubt + keptDoubt;
      if (newDoubt <= keptDoubt || disagrees) {
        ms = offset;
        doubt = newDoubt;
        at = receivedAt;
      }
    },
  };
}
