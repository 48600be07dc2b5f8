/**
 * A `lapor-*` event name typed with its CustomEvent (from LaporEventMap), so that
 * @lit/react gives the React prop (`onLaporSubmit`, …) a handler of the right type.
 */
import type { EventName } from '@lit/react';

export const laporEvent = <K extends keyof LaporEventMap>(name: K) => name as EventName<LaporEventMap[K]>;
