/** Registers `<lapor-sla-countdown>` and types its event. */
import type { ClockId } from '../../contract/enums.js';
import { LaporSlaCountdown } from './sla-countdown.component.js';

export { LaporSlaCountdown };

if (!customElements.get('lapor-sla-countdown')) customElements.define('lapor-sla-countdown', LaporSlaCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-sla-countdown': LaporSlaCountdown;
  }
  interface LaporEventMap {
    /** A running SLA clock passed its deadline while shown. */
    'lapor-sla-breach': CustomEvent<{ clockId?: ClockId | string; due: string }>;
  }
}
