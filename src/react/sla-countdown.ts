'use client';
/** `<LaporSlaCountdown>`: `<lapor-sla-countdown>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporSlaCountdown as Element } from '../components/sla-countdown/sla-countdown.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-sla-countdown>` for React: the time left on one SLA clock, corrected for the
 * device's clock skew. Props: `due` (ISO instant), `started`, `state`, `serverOffset`,
 * `clockId`, `timeZone`, `unit`, `lang`, `theme`. Event: `onLaporSlaBreach`. `ref` is the
 * element. A Client Component (`'use client'`).
 */
export const LaporSlaCountdown = createComponent({
  react: React,
  tagName: 'lapor-sla-countdown',
  elementClass: Element,
  displayName: 'LaporSlaCountdown',
  events: {
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
