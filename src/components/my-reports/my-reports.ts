/** Registers `<lapor-my-reports>` (and the elements it renders). The only file of this element with side effects. */
import '../report-status/report-status.js';
// Each saved report's most urgent countdown is in the list itself.
import '../sla-countdown/sla-countdown.js';
import { LaporMyReports } from './my-reports.component.js';

export { LaporMyReports };

if (!customElements.get('lapor-my-reports')) customElements.define('lapor-my-reports', LaporMyReports);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-my-reports': LaporMyReports;
  }
}
