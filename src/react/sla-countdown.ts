/** `<LaporSlaCountdown>`: `<lapor-sla-countdown>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporSlaCountdown as Element } from '../components/sla-countdown/sla-countdown.js';
import { laporEvent } from './events.js';

export const LaporSlaCountdown = createComponent({
  react: React,
  tagName: 'lapor-sla-countdown',
  elementClass: Element,
  displayName: 'LaporSlaCountdown',
  events: {
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
