/**
 * Registers `<lapor-report-status>`. The only file of this element with side effects.
 * (`<lapor-sla-countdown>` registers with the report view, report-view.ts, which shows it.)
 */
import { LaporReportStatus } from './report-status.component.js';

export { LaporReportStatus };

if (!customElements.get('lapor-report-status')) customElements.define('lapor-report-status', LaporReportStatus);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-report-status': LaporReportStatus;
  }
}
