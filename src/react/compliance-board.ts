'use client';
/** `<LaporComplianceBoard>`: `<lapor-compliance-board>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporComplianceBoard as Element } from '../components/compliance-board/compliance-board.js';

/**
 * `<lapor-compliance-board>` for React: the public 4-hour SOP board (figures per agency and
 * per kecamatan / puskesmas group). Props: `api`, `siteKey`, `lang`, `theme`, `period`
 * (`7d`, `30d`, `month`, `YYYY-MM`), `institution`. No events. `ref` is the element.
 * A Client Component (`'use client'`).
 */
export const LaporComplianceBoard = createComponent({
  react: React,
  tagName: 'lapor-compliance-board',
  elementClass: Element,
  displayName: 'LaporComplianceBoard',
});
