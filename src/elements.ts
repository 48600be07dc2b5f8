/**
 * Every element class with its tag, for `defineAll()`. Classes come from the
 * `.component.ts` files, which have no side effects (package.json "sideEffects" lists only
 * the files that register), so importing `lapor-widget` for the SDK alone tree-shakes the
 * elements and Lit away: test/package/consumer.test.ts bundles that import with esbuild,
 * Rollup and webpack from the packed tarball and checks it.
 */
import { LaporReportForm } from './components/report-form/report-form.component.js';
import { LaporReportStatus } from './components/report-status/report-status.component.js';
import { LaporSlaCountdown } from './components/sla-countdown/sla-countdown.component.js';
import { LaporMyReports } from './components/my-reports/my-reports.component.js';
import { LaporAdminQueue } from './components/admin-queue/admin-queue.component.js';
import { LaporComplianceBoard } from './components/compliance-board/compliance-board.component.js';
import { LaporWidget } from './components/widget/widget.component.js';

export const ELEMENTS = {
  'lapor-widget': LaporWidget,
  'lapor-report-form': LaporReportForm,
  'lapor-report-status': LaporReportStatus,
  'lapor-sla-countdown': LaporSlaCountdown,
  'lapor-my-reports': LaporMyReports,
  'lapor-admin-queue': LaporAdminQueue,
  'lapor-compliance-board': LaporComplianceBoard,
} as const;

/** Register every `lapor-*` element (those already defined are left alone). */
export function defineAll(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
