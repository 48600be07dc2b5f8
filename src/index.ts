/**
 * `lapor-widget`: the SDK, the element classes and `defineAll()`. Importing it registers
 * nothing; call `defineAll()`, or import `lapor-widget/define` for the side effect. A
 * bundler keeps only what you import: `import { createLaporClient } from 'lapor-widget'`
 * has no Lit and no element (package.json "sideEffects"; test/package/consumer.test.ts).
 */
export * from './sdk/index.js';
export { defineAll, ELEMENTS } from './elements.js';
export { setDefaults, type ElementDefaults, type Theme } from './components/shared/defaults.js';
export { LaporElement } from './components/shared/lapor-element.js';
export { LaporWidget, type WidgetTab } from './components/widget/widget.component.js';
export { LaporReportForm } from './components/report-form/report-form.component.js';
export type { ReportPrefill } from './components/report-form/model.js';
export { drainOutbox, handleOutboxSync, listOutbox, onOutboxChange, OUTBOX_SYNC_TAG, type DrainResult, type OutboxEntry } from './store/outbox.js';
export { LaporReportStatus } from './components/report-status/report-status.component.js';
export { LaporSlaCountdown } from './components/sla-countdown/sla-countdown.component.js';
export { LaporMyReports } from './components/my-reports/my-reports.component.js';
export { LaporAdminQueue, type AdminActionDetail } from './components/admin-queue/admin-queue.component.js';
export { LaporComplianceBoard } from './components/compliance-board/compliance-board.component.js';
