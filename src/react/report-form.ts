'use client';
/** `<LaporReportForm>`: `<lapor-report-form>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporReportForm as Element } from '../components/report-form/report-form.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-report-form>` for React: a citizen files a report; drafts autosave and an
 * offline submit waits in the outbox. Props are the element's properties (`api`,
 * `siteKey`, `lang`, `theme`, `classification`, …); children with `slot="intro"`,
 * `"privacy"` or `"after-submit"` put your own words in the form.
 * Events: `onLaporSubmit` (`detail: { trackingId?, clientId, queued }`), `onLaporError`
 * (`detail.error`: a `LaporError`), `onLaporTrack`. `ref` is the element.
 * A Client Component (`'use client'`): usable straight from a Server Component page.
 */
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
