/** `<LaporReportForm>`: `<lapor-report-form>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporReportForm as Element } from '../components/report-form/report-form.js';
import { laporEvent } from './events.js';

export const LaporReportForm = createComponent({
  react: React,
  tagName: 'lapor-report-form',
  elementClass: Element,
  displayName: 'LaporReportForm',
  events: {
    onLaporSubmit: laporEvent('lapor-submit'),
    onLaporError: laporEvent('lapor-error'),
    onLaporTrack: laporEvent('lapor-track'),
  },
});
