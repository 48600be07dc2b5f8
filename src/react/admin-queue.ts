'use client';
/** `<LaporAdminQueue>`: `<lapor-admin-queue>` for React (defines the tag and the countdown it shows). */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { LaporAdminQueue as Element } from '../components/admin-queue/admin-queue.js';
import { laporEvent } from './events.js';

/**
 * `<lapor-admin-queue>` for React: an OPD's queue, most urgent first, with its actions.
 * Props: `api`, `lang`, `theme`, `institution`. Events: `onLaporAdminAction`
 * (`detail: { trackingId, action }`), `onLaporSlaBreach`. `ref` is the element.
 * A Client Component (`'use client'`).
 */
export const LaporAdminQueue = createComponent({
  react: React,
  tagName: 'lapor-admin-queue',
  elementClass: Element,
  displayName: 'LaporAdminQueue',
  events: {
    onLaporAdminAction: laporEvent('lapor-admin-action'),
    onLaporSlaBreach: laporEvent('lapor-sla-breach'),
  },
});
