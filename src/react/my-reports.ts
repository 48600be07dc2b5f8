'use client';
/** `<LaporMyReports>`: `<lapor-my-reports>` for React (defines the tag and the status view it opens). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporMyReports as Element } from '../components/my-reports/my-reports.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-my-reports>` for React: the reports saved on this device, each live. Events:
 * `onLaporUnseenChange` (`detail: { count }`), `onLaporStatusChange`, `onLaporSlaBreach`.
 * `ref` is the element. A Client Component (`'use client'`).
 */
export const LaporMyReports = createComponent({
  react: React,
  tagName: 'lapor-my-reports',
  elementClass: Element,
  displayName: 'LaporMyReports',
  events: {
    onLaporUnseenChange: laporEvent('lapor-unseen-change'),
    onLaporStatusChange: laporEvent('lapor-status-change'),
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
