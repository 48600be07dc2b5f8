'use client';
/**
 * `<LaporWidget>`: `<lapor-widget>` for React (defines it and the form of its first tab).
 * The events of the elements inside bubble out of it, so they are props here too.
 */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporWidget as Element } from '../components/widget/widget.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-widget>` for React: the floating launcher and its dialog (file, track, my
 * reports). Props: `api`, `siteKey`, `lang`, `theme`, `position`, `launcher`, `open`, `tab`;
 * children with `slot="header"`, `"intro"`, `"privacy"` or `"after-submit"` put your own
 * words in it. Events of the elements inside bubble out of it, so they are props here too:
 * `onLaporOpen`, `onLaporClose`, `onLaporSubmit`, `onLaporError`, `onLaporStatusChange`,
 * `onLaporSlaBreach`. `ref` is the element (`show()`, `close()`, `prefill()`, `track()`).
 * A Client Component (`'use client'`).
 */
export const LaporWidget = createComponent({
  react: React,
  tagName: 'lapor-widget',
  elementClass: Element,
  displayName: 'LaporWidget',
  events: {
    onLaporOpen: laporEvent('lapor-open'),
    onLaporClose: laporEvent('lapor-close'),
    onLaporSubmit: laporEvent('lapor-submit'),
    onLaporError: laporEvent('lapor-error'),
    onLaporStatusChange: laporEvent('lapor-status-change'),
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
