'use client';
/**
 * `lapor-widget/react`: every element as a React component, made with @lit/react.
 * Properties are set as properties (objects too), `lapor-*` events are typed props named
 * the @lit/react way (`onLaporSubmit`, `onLaporStatusChange`, `onLaporOpen`, …), and a
 * `ref` is the element itself (`useRef<LaporReportForm>` with the class from
 * `lapor-widget`). Each component defines its own tag when imported; one module per
 * element, so a bundler keeps only the elements an app uses.
 *
 * Every module here starts with `'use client'` (kept in the built lib/react/*.js): in a
 * Next.js App Router page, itself a Server Component, the components can be imported and
 * rendered directly; Next.js renders them on the client side of the boundary.
 */
export { LaporReportForm } from './report-form.js';
export { LaporReportStatus } from './report-status.js';
export { LaporMyReports } from './my-reports.js';
export { LaporSlaCountdown } from './sla-countdown.js';
export { LaporWidget } from './widget.js';
export { LaporAdminQueue } from './admin-queue.js';
export { LaporComplianceBoard } from './compliance-board.js';
