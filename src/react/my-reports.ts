/** `<LaporMyReports>`: `<lapor-my-reports>` for React (defines the tag and the status view it opens). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporMyReports as Element } from '../components/my-reports/my-reports.js';
import { laporEvent } from './events.js';

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
