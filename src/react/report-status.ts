/** `<LaporReportStatus>`: `<lapor-report-status>` for React (defines the tag and the countdown it shows). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporReportStatus as Element } from '../components/report-status/report-status.js';
import { laporEvent } from './events.js';

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
