/** `<LaporComplianceBoard>`: `<lapor-compliance-board>` for React (defines the tag). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporComplianceBoard as Element } from '../components/compliance-board/compliance-board.js';

export const LaporComplianceBoard = createComponent({
  react: React,
  tagName: 'lapor-compliance-board',
  elementClass: Element,
  displayName: 'LaporComplianceBoard',
});
