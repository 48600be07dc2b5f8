'use client';
/** `<LaporReportStatus>`: `<lapor-report-status>` for React (defines the tag; the countdown registers with the report view that shows it). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporReportStatus as Element } from '../components/report-status/report-status.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-report-status>` for React: one report followed live (stepper, SLA countdowns,
 * responses, reply and rating). Props: `api`, `siteKey`, `lang`, `theme`, `trackingId`,
 * `accessToken`, `live`. Events: `onLaporStatusChange` (`detail: { trackingId, from, to }`),
 * `onLaporSlaBreach`. `ref` is the element. A Client Component (`'use client'`).
 */
export const LaporReportStatus = createComponent({
  react: React,
  tagName: 'lapor-report-status',
  elementClass: Element,
  displayName: 'LaporReportStatus',
  events: {
    onLaporStatusChange: laporEvent('lapor-status-change'),
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
